/** The report's versions in the store: drafts saved, a frozen version never changed, the next version. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LinkwallDb } from '../../src/db/schema';
import { DEMO_NOW, generateDemoWorkspace } from '../../src/domain/demo';
import { addInsert, addRecommendation, ReportFrozenError, updateSection } from '../../src/domain/report/model';
import { clearHistory, type Session } from '../../src/services/commit';
import { createFirstReport, freeze, loadReports, saveReport, setCurrentReport, startNextVersion } from '../../src/services/reports';

// Freezing computes the figures and the three products of the demo (900 items): generous on a shared machine.
vi.setConfig({ testTimeout: 60_000 });

const demo = generateDemoWorkspace();
const NOW = `${DEMO_NOW}T12:00:00.000Z`;
const PNG_1X1 = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const PNG_OTHER = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

let n = 0;
let session: Session;
const ws = demo.workspace;

beforeEach(async () => {
  clearHistory();
  session = { db: new LinkwallDb(`reports-test-${Date.now()}-${n++}`), user: 'Analyst A' };
  await session.db.open();
});
afterEach(() => session.db.close());

describe('report versions in the store', () => {
  it('creates version 1 once, saves drafts and keeps the open version', async () => {
    expect(await loadReports(session.db, ws.id)).toBeNull();
    const store = await createFirstReport(session, ws, { now: NOW });
    expect(store.reports).toHaveLength(1);
    const v1 = store.reports[0]!;
    expect(v1).toMatchObject({ version: 1, status: 'draft', workspaceId: ws.id, marking: ws.marking });
    expect(v1.control.author).toBe('Analyst A');
    expect(store.current).toBe(v1.id);
    // A second call finds the version already there.
    expect((await createFirstReport(session, ws)).reports.map((r) => r.id)).toEqual([v1.id]);

    const edited = updateSection(v1, 's-key-findings', { text: 'It is highly likely that two groups operate.' });
    await saveReport(session.db, edited);
    const back = await loadReports(session.db, ws.id);
    expect(back?.reports[0]?.sections.find((s) => s.id === 's-key-findings')?.text).toBe('It is highly likely that two groups operate.');
    // Stored under the workspace's key in the meta table.
    expect(await session.db.meta.get(`reports:${ws.id}`)).toBeTruthy();
    await expect(setCurrentReport(session.db, ws.id, 'nope')).rejects.toThrow(/no report version/);
  });

  it('freezes with an audit record; a frozen version is never changed; the next version starts from it', async () => {
    const { reports } = await createFirstReport(session, ws, { now: NOW });
    let v1 = updateSection(reports[0]!, 's-key-findings', { text: 'Key finding.' });
    v1 = addRecommendation(v1, { text: 'Review the taxi licences', owner: 'Licensing', due: '2027-01-31', status: 'open', category: 'Pursue' });
    v1 = addInsert(v1, 's-offenders', { id: 'ins-chart', type: 'chart-view', viewId: 'view-1', name: 'Main wall' });
    await saveReport(session.db, v1);

    // The text typed after the last save is frozen too (freeze takes the analyst's latest edit).
    const latest = updateSection(v1, 's-introduction', { text: 'Aim: the latest words.' });
    const frozen = await freeze(session, ws.id, latest, demo, {
      today: DEMO_NOW,
      at: NOW,
      profileImages: {
        'police-internal': { 'ins-chart': { dataUrl: PNG_OTHER, width: 1, height: 1 } },
        'strategic-board': { 'ins-chart': { dataUrl: PNG_1X1, width: 1, height: 1 } },
      },
    });
    expect(frozen).toMatchObject({ status: 'frozen', frozenBy: 'Analyst A', frozenAt: NOW });
    expect(frozen.snapshot?.entityIds.length).toBeGreaterThan(100);
    expect(frozen.sections.find((s) => s.id === 's-introduction')?.text).toBe('Aim: the latest words.');
    // The version keeps the board's picture; each product its own.
    const ins = frozen.sections.find((s) => s.id === 's-offenders')?.inserts[0];
    expect(ins?.type === 'chart-view' && ins.image?.dataUrl).toBe(PNG_1X1);
    const imageOf = (profile: 'police-internal' | 'strategic-board' | 'mase-partners') =>
      frozen.snapshot!.rendered[profile].sections.flatMap((s) => s.blocks).find((b) => b.type === 'image');
    expect(imageOf('police-internal')).toMatchObject({ dataUrl: PNG_OTHER });
    expect(imageOf('strategic-board')).toMatchObject({ dataUrl: PNG_1X1 });
    expect(imageOf('mase-partners')).toMatchObject({ dataUrl: PNG_1X1 });

    const audit = await session.db.audit.where('workspaceId').equals(ws.id).toArray();
    expect(audit.map((a) => [a.category, a.action, a.user])).toEqual([['alteration', 'freeze-report', 'Analyst A']]);
    expect(audit[0]?.summary).toMatch(/Froze version 1 .*OFFICIAL-SENSITIVE/);

    // Never changed again: not by saving, not by freezing twice.
    await expect(saveReport(session.db, { ...v1, title: 'Changed' })).rejects.toBeInstanceOf(ReportFrozenError);
    await expect(freeze(session, ws.id, v1, demo, { today: DEMO_NOW })).rejects.toBeInstanceOf(ReportFrozenError);
    await expect(saveReport(session.db, { ...frozen, title: 'Changed' })).rejects.toBeInstanceOf(ReportFrozenError);
    const stored = (await loadReports(session.db, ws.id))!.reports[0]!;
    expect(stored).toEqual(frozen);

    // Version 2: from version 1, open, reviewing its recommendations, knowing what was there.
    const v2 = await startNextVersion(session, ws, { now: NOW });
    expect(v2).toMatchObject({ version: 2, status: 'draft', basedOn: frozen.id });
    expect(v2.previousRecommendations.map((p) => p.recommendation.text)).toEqual(['Review the taxi licences']);
    expect(v2.previousIds?.entityIds).toEqual(frozen.snapshot?.entityIds);
    expect(v2.sections.find((s) => s.id === 's-introduction')?.text).toBe('Aim: the latest words.');
    const after = (await loadReports(session.db, ws.id))!;
    expect(after.reports.map((r) => [r.version, r.status])).toEqual([
      [1, 'frozen'],
      [2, 'draft'],
    ]);
    expect(after.current).toBe(v2.id);
    // Only one draft at a time: version 3 waits until version 2 is frozen.
    await expect(startNextVersion(session, ws)).rejects.toThrow(/still a draft/);
    await setCurrentReport(session.db, ws.id, frozen.id);
    expect((await loadReports(session.db, ws.id))!.current).toBe(frozen.id);
    const actions = (await session.db.audit.where('workspaceId').equals(ws.id).toArray()).map((a) => a.action);
    expect(actions).toEqual(['freeze-report', 'start-report-version']);
  });

  it('refuses to freeze by saving, and a version of a number already taken', async () => {
    const { reports } = await createFirstReport(session, ws, { now: NOW });
    const v1 = reports[0]!;
    await expect(saveReport(session.db, { ...v1, status: 'frozen' })).rejects.toThrow(/freeze\(\)/);
    await expect(saveReport(session.db, { ...v1, id: 'other' })).rejects.toThrow(/already a version 1/);
  });
});
