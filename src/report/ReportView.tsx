/**
 * The Report section (issue "Report"): the workspace's problem profile, version by version.
 *
 * Left, the outline: the template's sections in the analyst's order, each with an include checkbox and
 * move up / down buttons, and a custom section to add. Right, the chosen section: its title and the
 * analyst's text (saved a moment after typing stops), its figures filled from the workspace (live while
 * the version is a draft; a frozen version shows its snapshot), what was inserted (chart views, map views,
 * entity tables) and, in their sections, the structured lists: document control, intelligence gaps,
 * recommendations (owner, due date, status, 4P) and the review of the previous version's.
 *
 * Above them the version bar: version, status, Freeze (asks first), Start next version, what changed
 * since the previous version, and Export (recipient profile; PDF through the browser's print engine,
 * Word, HTML; warnings first; every export audited as a disclosure).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ConfirmDialog } from '../components/Dialog';
import { useNotify } from '../components/notify';
import { useSession, useWorkspaceData } from '../hooks/session';
import type { Id } from '../domain/model';
import { todayIso } from '../domain/normalise';
import { computeFigures, youngPersonPseudonyms, type ReportData, type ReportFigures } from '../domain/report/figures';
import { updateReport, type Report } from '../domain/report/model';
import { RECIPIENT_PROFILE_IDS, type RecipientProfileId } from '../domain/report/recipients';
import { createFirstReport, freeze, loadReports, saveReport, setCurrentReport, startNextVersion, type ReportStore } from '../services/reports';
import { loadViews, type ChartViewRecord } from '../services/walls';
import { ChangesPanel } from './ChangesPanel';
import { ExportDialog } from './ExportDialog';
import { Outline } from './Outline';
import { picturesFor, type Picture, type PictureContext } from './pictures';
import { SectionPane } from './SectionPane';
import './report.css';

export type ApplyEdit = (edit: (r: Report) => Report, options?: { debounce?: boolean }) => void;

const SAVE_DELAY_MS = 700;

export function ReportView({ workspaceId }: { workspaceId: string }) {
  const session = useSession();
  const data = useWorkspaceData();
  const notify = useNotify();
  const [store, setStore] = useState<ReportStore | null>(null);
  const storeRef = useRef<ReportStore | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [views, setViews] = useState<ChartViewRecord[]>([]);
  const [selectedId, setSelectedId] = useState<Id>('s-document-control');
  const [saveState, setSaveState] = useState<'saved' | 'pending' | 'saving' | 'error'>('saved');
  const [confirmFreeze, setConfirmFreeze] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [exportOpen, setExportOpen] = useState(false);
  const [changesOpen, setChangesOpen] = useState(false);
  const pending = useRef<Report | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const workspace = data.workspace;
  const today = todayIso();

  const setBoth = useCallback((s: ReportStore | null) => {
    storeRef.current = s;
    setStore(s);
  }, []);

  // Load the versions (version 1 from the template the first time) and the chart's saved views.
  useEffect(() => {
    if (!workspace) return;
    let alive = true;
    void (async () => {
      try {
        const s = (await loadReports(session.db, workspaceId)) ?? (await createFirstReport(session, workspace));
        if (alive) setBoth(s);
        const v = await loadViews(session.db, workspaceId);
        if (alive) setViews(v?.views ?? []);
      } catch (e) {
        if (alive) setLoadError((e as Error).message);
      }
    })();
    return () => {
      alive = false;
    };
    // Loaded once per workspace; the workspace record itself only supplies version 1's defaults.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, workspaceId, workspace?.id, setBoth]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const r = pending.current;
    pending.current = null;
    if (!r) return;
    setSaveState('saving');
    try {
      await saveReport(session.db, r);
      setSaveState(pending.current ? 'pending' : 'saved');
    } catch (e) {
      setSaveState('error');
      notify(`The report could not be saved: ${(e as Error).message}`, 'error');
    }
  }, [session.db, notify]);

  // Unsaved text is saved when the section is left.
  useEffect(() => () => void flush(), [flush]);

  const apply: ApplyEdit = useCallback(
    (edit, options = {}) => {
      const s = storeRef.current;
      const cur = s?.reports.find((r) => r.id === s.current);
      if (!s || !cur) return;
      let next: Report;
      try {
        next = edit(cur);
      } catch (e) {
        notify((e as Error).message, 'error');
        return;
      }
      setBoth({ ...s, reports: s.reports.map((r) => (r.id === next.id ? next : r)) });
      pending.current = next;
      setSaveState('pending');
      if (timer.current) clearTimeout(timer.current);
      if (options.debounce) timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
      else void flush();
    },
    [flush, notify, setBoth],
  );

  const report = store?.reports.find((r) => r.id === store.current) ?? null;
  const frozen = report?.status === 'frozen';

  // A draft follows the workspace's security marking.
  useEffect(() => {
    if (report && workspace && report.status === 'draft' && report.marking !== workspace.marking) apply((r) => updateReport(r, { marking: workspace.marking }));
  }, [report, workspace, apply]);

  const reportData = useMemo<ReportData | null>(
    () =>
      workspace && data.complete
        ? { workspace, entities: [...data.entities.values()], links: [...data.links.values()], items: [...data.items.values()] }
        : null,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data.version, data.complete, workspace],
  );

  const period = report?.period ?? 'quarter';
  const previousIds = report?.previousIds;
  const liveFigures = useMemo<ReportFigures | null>(() => {
    if (!reportData) return null;
    return computeFigures(reportData, {
      period,
      today,
      pseudonyms: youngPersonPseudonyms(reportData.entities),
      ...(previousIds ? { previous: previousIds } : {}),
    });
  }, [reportData, period, previousIds, today]);
  const figures = frozen && report?.snapshot ? report.snapshot.figures : liveFigures;

  const pictureCtx = useMemo<PictureContext | null>(
    () => (reportData ? { data: reportData, version: data.version, views, marking: report?.marking ?? workspace?.marking ?? 'OFFICIAL-SENSITIVE' } : null),
    [reportData, data.version, views, report?.marking, workspace?.marking],
  );

  const selected = report?.sections.find((s) => s.id === selectedId) ?? report?.sections[0] ?? null;

  const doFreeze = async () => {
    setConfirmFreeze(false);
    if (!report || !reportData || !pictureCtx) return;
    setBusy('Freezing the version: computing its figures and the product for every recipient profile…');
    try {
      // The draft as typed is saved first: should freezing fail, nothing typed is lost.
      await flush();
      const profileImages: Partial<Record<RecipientProfileId, Record<Id, Picture>>> = {};
      for (const p of RECIPIENT_PROFILE_IDS) profileImages[p] = await picturesFor(report, p, pictureCtx);
      const done = await freeze(session, workspaceId, report, reportData, { today, profileImages });
      const s = storeRef.current;
      if (s) setBoth({ ...s, reports: s.reports.map((r) => (r.id === done.id ? done : r)) });
      setSaveState('saved');
      notify(`Version ${done.version} is frozen: it will not change again.`);
    } catch (e) {
      notify(`The version could not be frozen: ${(e as Error).message}`, 'error');
    } finally {
      setBusy(null);
    }
  };

  const doNext = async () => {
    if (!workspace) return;
    setBusy('Starting the next version…');
    try {
      await flush();
      const next = await startNextVersion(session, workspace);
      setBoth(await loadReports(session.db, workspaceId));
      setChangesOpen(true);
      notify(`Version ${next.version} started from version ${next.version - 1}.`);
    } catch (e) {
      notify((e as Error).message, 'error');
    } finally {
      setBusy(null);
    }
  };

  const switchVersion = async (id: Id) => {
    await flush();
    await setCurrentReport(session.db, workspaceId, id);
    const s = storeRef.current;
    if (s) setBoth({ ...s, current: id });
  };

  if (loadError)
    return (
      <p role="alert" className="error-text report-loading">
        The report could not be opened: {loadError}
      </p>
    );
  if (!store || !report || !workspace) return <p className="loading">Loading the report…</p>;
  const latest = store.reports.at(-1)!;
  const canStartNext = latest.status === 'frozen';

  return (
    <section className="report-view" aria-labelledby="report-title">
      <header className="report-bar">
        <h2 id="report-title" className="report-title">
          {report.title}
        </h2>
        <label className="report-version">
          <span>Version</span>
          <select value={report.id} onChange={(e) => void switchVersion(e.target.value)} aria-label="Version">
            {store.reports.map((r) => (
              <option key={r.id} value={r.id}>
                {r.version} ({r.status === 'frozen' ? `frozen${r.frozenAt ? ` ${new Date(r.frozenAt).toLocaleDateString('en-GB')}` : ''}` : 'draft'})
              </option>
            ))}
          </select>
        </label>
        <span className={`report-status status-${report.status}`} data-testid="report-status">
          {frozen ? `Frozen${report.frozenBy ? ` by ${report.frozenBy}` : ''}` : 'Draft: figures are live'}
        </span>
        <span className="report-save" role="status" aria-live="polite">
          {frozen ? '' : saveState === 'saved' ? 'All changes saved' : saveState === 'error' ? 'Not saved' : 'Saving…'}
        </span>
        <span className="spacer" />
        {report.previousIds && (
          <button type="button" aria-expanded={changesOpen} aria-controls="report-changes" onClick={() => setChangesOpen(!changesOpen)}>
            What changed since v{report.previousIds.version}
          </button>
        )}
        {!frozen && (
          <button type="button" onClick={() => setConfirmFreeze(true)} disabled={!!busy || !reportData}>
            Freeze version {report.version}…
          </button>
        )}
        {canStartNext && (
          <button type="button" onClick={() => void doNext()} disabled={!!busy}>
            Start version {latest.version + 1}
          </button>
        )}
        <button type="button" className="primary" onClick={() => void flush().then(() => setExportOpen(true))} disabled={!reportData || !!busy}>
          Export…
        </button>
      </header>
      {busy && (
        <p className="report-busy" role="status">
          {busy}
        </p>
      )}
      {frozen && (
        <p className="report-frozen-note">
          Version {report.version} is frozen: its text, figures and products are kept as they were and cannot be changed.
          {canStartNext ? ` Start version ${latest.version + 1} to continue the profile.` : ''}
        </p>
      )}
      {changesOpen && report.previousIds && reportData && <ChangesPanel report={report} data={reportData} onHide={() => setChangesOpen(false)} />}
      <div className="report-body">
        <Outline report={report} selectedId={selected?.id ?? ''} onSelect={setSelectedId} apply={apply} frozen={frozen} />
        <div className="report-main">
          {!reportData || !figures || !pictureCtx ? (
            <p className="loading">Loading the workspace’s records for the figures…</p>
          ) : selected ? (
            <SectionPane
              key={`${report.id}-${selected.id}`}
              report={report}
              section={selected}
              figures={figures}
              data={reportData}
              rows={data.rows}
              pictureCtx={pictureCtx}
              views={views}
              apply={apply}
              frozen={frozen}
              onRemoved={() => setSelectedId(report.sections[0]?.id ?? '')}
            />
          ) : null}
        </div>
      </div>
      {confirmFreeze && (
        <ConfirmDialog title={`Freeze version ${report.version}?`} confirmLabel={`Freeze version ${report.version}`} danger={false} onConfirm={() => void doFreeze()} onCancel={() => setConfirmFreeze(false)}>
          <p>
            The figures are computed now from the workspace and kept, with the product for every recipient profile, the pictures of its chart and map views and the
            list of what is in the workspace. Version {report.version} will then never change.
          </p>
          <p>Start the next version afterwards to continue: it starts from this one and can say what changed since.</p>
        </ConfirmDialog>
      )}
      {exportOpen && reportData && pictureCtx && (
        <ExportDialog report={report} data={reportData} pictureCtx={pictureCtx} workspaceId={workspaceId} today={today} apply={apply} onClose={() => setExportOpen(false)} />
      )}
    </section>
  );
}
