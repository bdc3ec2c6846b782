// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { BundleError, parseBundle, rekeyBundleData, serialiseBundle, sha256Hex, type WorkspaceBundleData } from '../../../src/domain/exchange';
import type { AuditRecord, ImportRecord, MergeRecord, QuarantineRow, Workspace } from '../../../src/domain/model';
import { entities, items, links } from './fixture';

const workspace: Workspace = { id: 'ws1', name: 'Operation Juniper', marking: 'OFFICIAL-SENSITIVE', termsOfReference: 'ToR', fictional: true, createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-02T00:00:00Z' };
const importRecord: ImportRecord = {
  id: 'imp1',
  workspaceId: 'ws1',
  fileName: 'school.csv',
  sheet: '',
  agency: 'Kelbridge Academy',
  user: 'Analyst A',
  importedAt: '2024-03-01T10:00:00Z',
  counts: { rows: 2, imported: 1, quarantined: 1, blank: 0, newEntities: 1, matchedEntities: 0, links: 0, items: 1, events: 0 },
  status: 'imported',
  created: { entities: ['b1'], links: [], items: ['i4'], events: [] },
  attached: [{ id: 'p1', before: entities[0] as never, after: entities[0] as never }],
  candidates: [],
  mapping: { columns: { Name: 'name' } },
  headers: ['Name', 'Mobile'],
};
const quarantined: QuarantineRow = { id: 'q1', workspaceId: 'ws1', importId: 'imp1', fileName: 'school.csv', rowNumber: 3, headers: ['Name', 'Mobile'], cells: ['', '=1+1'], reasons: ['No name'], status: 'open', updatedAt: '2024-03-01T10:00:00Z' };
const merge: MergeRecord = {
  id: 'mg1',
  workspaceId: 'ws1',
  survivorId: 'p1',
  absorbedId: 'p3',
  survivorBefore: entities[0] as never,
  absorbedBefore: entities[2] as never,
  survivorAfter: entities[0] as never,
  linksBefore: [links[0] as never],
  user: 'Analyst A',
  at: '2024-03-02T10:00:00Z',
  status: 'unmerged',
};

function data(): WorkspaceBundleData {
  return {
    workspace,
    // Out of order on purpose: the bundle sorts record lists by id.
    entities: [...entities].reverse(),
    links,
    items,
    events: [],
    imports: [importRecord],
    quarantine: [quarantined],
    decisions: [{ workspaceId: 'ws1', pair: 'p1|p3', a: 'p1', b: 'p3', decision: 'not-same', user: 'Analyst A', at: '2024-03-02T09:00:00Z' }],
    merges: [merge],
    audit: [
      { seq: 7, workspaceId: 'ws1', at: '2024-01-01T00:00:00Z', user: 'Analyst A', category: 'collection', action: 'create-workspace', summary: 'Created', recordIds: ['ws1'] },
      { seq: 9, workspaceId: 'ws1', at: '2024-03-01T10:00:00Z', user: 'Analyst A', category: 'collection', action: 'import', summary: 'Imported school.csv', recordIds: ['imp1', 'b1'] },
    ] as AuditRecord[] as unknown as WorkspaceBundleData['audit'],
    chartViews: { current: 'view-1', views: [{ id: 'view-1', name: 'Main wall', nodes: ['p1', 'p3'], positions: { p1: { x: 1.5, y: -2 }, p3: { x: 100, y: 0 } } }] },
    meta: { wall: { nodes: ['p1'], positions: {} } },
  };
}

const exportedAt = '2024-06-01T12:00:00.000Z';

describe('workspace bundle', () => {
  it('round-trips to an identical workspace', async () => {
    const text = await serialiseBundle(data(), { exportedAt });
    const bundle = await parseBundle(text);
    expect(bundle.format).toBe('linkwall-bundle');
    expect(bundle.version).toBe(1);
    expect(bundle.exportedAt).toBe(exportedAt);
    expect(bundle.workspace).toEqual(workspace);
    expect(bundle.entities).toEqual([...entities].sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(bundle.links).toEqual([...links].sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(bundle.items).toEqual(items);
    expect(bundle.imports).toEqual([importRecord]);
    expect(bundle.quarantine).toEqual([quarantined]);
    expect(bundle.merges).toEqual([merge]);
    expect(bundle.decisions).toEqual(data().decisions);
    expect(bundle.audit).toEqual((data().audit as AuditRecord[]).map(({ seq: _seq, ...rest }) => rest));
    expect(bundle.chartViews).toEqual(data().chartViews);
    expect(bundle.meta).toEqual(data().meta);
    // Serialising what was read gives the same text, byte for byte.
    expect(await serialiseBundle(bundle, { exportedAt })).toBe(text);
  });

  it('is deterministic: stable key order, one record per line, a SHA-256 checksum of the rest', async () => {
    const text = await serialiseBundle(data(), { exportedAt });
    const lines = text.split('\n');
    expect(lines.slice(0, 5).map((l) => l.split(':')[0])).toEqual(['{', '"format"', '"version"', '"generator"', '"exportedAt"']);
    expect(lines[5]).toMatch(/^"checksum":\{"algorithm":"SHA-256","value":"[0-9a-f]{64}"\},$/);
    const first = lines.indexOf('"entities":[');
    const entityLines = lines.slice(first + 1, lines.findIndex((l, i) => i > first && /^\],?$/.test(l)));
    expect(entityLines).toHaveLength(entities.length);
    expect(entityLines.map((l) => JSON.parse(l.replace(/,$/, '')).id)).toEqual(entities.map((e) => e.id).sort());
    expect(entityLines[0]?.indexOf('"createdAt"')).toBeLessThan(entityLines[0]?.indexOf('"kind"') ?? 0);
    const withoutChecksum = lines.filter((_, i) => i !== 5).join('\n');
    expect(lines[5]).toContain(await sha256Hex(withoutChecksum));
    const shuffled = { ...data(), links: [...links].reverse(), items: [...items].reverse() };
    expect(await serialiseBundle(shuffled, { exportedAt })).toBe(text);
  });

  it('accepts an injected hasher', async () => {
    const hasher = async (t: string) => (await sha256Hex(`salt${t}`)).toString();
    const text = await serialiseBundle(data(), { exportedAt, hasher });
    await expect(parseBundle(text, { hasher })).resolves.toBeTruthy();
    await expect(parseBundle(text)).rejects.toThrow(/checksum does not match/);
  });

  describe('refuses bad files with clear messages', () => {
    const edit = async (change: (b: Record<string, unknown>) => void, rehash = true): Promise<string> => {
      const b = JSON.parse(await serialiseBundle(data(), { exportedAt })) as Record<string, unknown>;
      change(b);
      return rehash ? rehashText(b) : JSON.stringify(b);
    };
    /** Recomputes the checksum of an edited bundle the way the writer does. */
    const rehashText = async (b: Record<string, unknown>): Promise<string> => {
      const { canonicalJson } = await import('../../../src/domain/exchange');
      const order = ['format', 'version', 'generator', 'exportedAt', 'checksum', 'workspace', 'entities', 'links', 'items', 'events', 'imports', 'quarantine', 'templates', 'decisions', 'merges', 'audit', 'chartViews', 'meta'];
      const layout = (withChecksum: boolean) => {
        const keys = [...order.filter((k) => k in b), ...Object.keys(b).filter((k) => !order.includes(k)).sort()].filter((k) => withChecksum || k !== 'checksum');
        return `{\n${keys
          .map((k) => {
            const v = b[k];
            return `${JSON.stringify(k)}:${Array.isArray(v) && v.length ? `[\n${v.map((r) => canonicalJson(r)).join(',\n')}\n]` : canonicalJson(v)}`;
          })
          .join(',\n')}\n}\n`;
      };
      b.checksum = { algorithm: 'SHA-256', value: await sha256Hex(layout(false)) };
      return layout(true);
    };

    it('not JSON', async () => {
      await expect(parseBundle('{"format": ')).rejects.toThrow(/not a Linkwall workspace bundle: it is not valid JSON/);
    });
    it('wrong format', async () => {
      await expect(parseBundle(await edit((b) => (b.format = 'i2-anx'), false))).rejects.toThrow(/its format is "i2-anx"/);
      await expect(parseBundle('{"nodes": []}')).rejects.toThrow(/has no "format" field/);
    });
    it('newer version', async () => {
      await expect(parseBundle(await edit((b) => (b.version = 2), false))).rejects.toThrow(
        /made by a newer version of Linkwall \(bundle version 2; this version reads version 1\)/,
      );
    });
    it('checksum mismatch', async () => {
      const text = await serialiseBundle(data(), { exportedAt });
      await expect(parseBundle(text.replace('Operation Juniper', 'Operation Juniper!'))).rejects.toThrow(/checksum does not match its content/);
      await expect(parseBundle(await edit((b) => delete b.checksum, false))).rejects.toThrow(/no valid SHA-256 checksum/);
    });
    it('missing lists', async () => {
      const text = await edit((b) => {
        delete b.links;
        delete b.audit;
      });
      await expect(parseBundle(text)).rejects.toThrow(/no "links" list.*no "audit" list/);
    });
    it('records of another workspace, unknown kinds and dangling links', async () => {
      const text = await edit((b) => {
        const ents = b.entities as Record<string, unknown>[];
        (ents[0] as Record<string, unknown>).workspaceId = 'ws-other';
        (ents[1] as Record<string, unknown>).kind = 'spaceship';
        (b.links as Record<string, unknown>[]).push({ ...(b.links as Record<string, unknown>[])[0], id: 'l-x', to: 'p-gone' });
      });
      const err = await parseBundle(text).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BundleError);
      expect((err as Error).message).toMatch(/entities\[0\] belongs to workspace "ws-other", not to the bundle's workspace ws1/);
      expect((err as Error).message).toMatch(/entities\[1\] has the unknown kind "spaceship"/);
      expect((err as Error).message).toMatch(/joins "p-gone", which is not among the bundle's entities/);
    });
  });

  it('re-keys a copy as a new workspace, with every reference updated', () => {
    let n = 0;
    const copy = rekeyBundleData(data(), 'ws-new', (prefix) => `${prefix}-new${++n}`);
    expect(copy.workspace).toMatchObject({ id: 'ws-new', name: 'Operation Juniper (copy)' });
    for (const list of [copy.entities, copy.links, copy.items, copy.imports, copy.quarantine, copy.decisions, copy.merges, copy.audit])
      for (const r of list) expect(r.workspaceId).toBe('ws-new');
    const newImport = copy.imports[0]?.id;
    expect(newImport).toMatch(/^imp-new/);
    expect(copy.quarantine[0]?.importId).toBe(newImport);
    expect(copy.quarantine[0]?.id).toMatch(/^q-new/);
    expect(copy.merges[0]?.id).toMatch(/^mg-new/);
    expect(copy.imports[0]?.attached[0]?.before.workspaceId).toBe('ws-new');
    expect(copy.merges[0]?.linksBefore[0]?.workspaceId).toBe('ws-new');
    expect(copy.audit[0]?.recordIds).toEqual(['ws-new']);
    expect(copy.audit[1]?.recordIds).toEqual([newImport, 'b1']);
    // Entity, link and item ids stay (they are unique within a workspace).
    expect(copy.entities.map((e) => e.id)).toEqual(data().entities.map((e) => e.id));
    expect(JSON.stringify(copy)).not.toMatch(/"ws1"|"imp1"|"q1"|"mg1"/);
  });
});
