/**
 * Import: the wizard, the i2 chart (ANX) import, the import history (each file with its counts, who imported it, and Undo), and the
 * quarantine of rows that could not be imported, where they are corrected and imported again.
 */
import { useMemo, useState } from 'react';
import { ConfirmDialog } from '../components/Dialog';
import { useNotify } from '../components/notify';
import type { ImportRecord, QuarantineRow } from '../domain/model';
import { AnxError } from '../domain/exchange';
import { newId, plural } from '../domain/util';
import { navigate } from '../app/router';
import { useImports, useQuarantine } from '../hooks/queries';
import { useSession } from '../hooks/session';
import { importAnx, type AnxImportSummary } from '../services/anxImport';
import { commitImport, setQuarantineStatus, undoImport, undoImportImpact, type UndoImportImpact } from '../services/importer';
import { batchFromBuild, batchFromEvents } from './batch';
import { buildImport } from './buildRecords';
import { ImportCountsList, ImportWizard } from './ImportWizard';
import type { ImportMapping } from './mapping';
import { toCrimeEvents } from './policeUk';

type Tab = 'new' | 'history' | 'quarantine';

export function ImportView({ workspaceId }: { workspaceId: string }) {
  const imports = useImports(workspaceId);
  const quarantine = useQuarantine(workspaceId);
  const open = (quarantine ?? []).filter((q) => q.status === 'open');
  const [tab, setTab] = useState<Tab>('new');
  const tabs: { id: Tab; label: string }[] = [
    { id: 'new', label: 'New import' },
    { id: 'history', label: `History (${imports?.length ?? 0})` },
    { id: 'quarantine', label: `Quarantine (${open.length})` },
  ];
  return (
    <div className="import-view">
      <div role="tablist" aria-label="Import" className="tabs">
        {tabs.map((t) => (
          <button key={t.id} role="tab" id={`tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`panel-${t.id}`} onClick={() => setTab(t.id)} type="button">
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {/* The wizard stays mounted so an import keeps running while the analyst looks at the history. */}
        <div hidden={tab !== 'new'}>
          <ImportWizard workspaceId={workspaceId} onImported={() => undefined} />
          <AnxImportPanel workspaceId={workspaceId} />
        </div>
        {tab === 'history' && <ImportHistory imports={imports ?? []} />}
        {tab === 'quarantine' && <QuarantineList rows={open} imports={imports ?? []} />}
      </div>
    </div>
  );
}

/**
 * An i2 Analyst's Notebook chart (.anx): its entities, links and sources are imported at once (no mapping
 * needed) and the chart becomes a new view on the Chart, named after the file.
 */
function AnxImportPanel({ workspaceId }: { workspaceId: string }) {
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ fileName: string; summary: AnxImportSummary } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const open = async (file: File) => {
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      setResult({ fileName: file.name, summary: await importAnx(session, workspaceId, file.name, bytes) });
    } catch (e) {
      const where = e instanceof AnxError && e.line !== undefined && !/\bline \d/i.test(e.message) ? ` (line ${e.line}${e.column !== undefined ? `, column ${e.column}` : ''})` : '';
      setError(`${file.name} could not be imported, and nothing was changed. ${(e as Error).message}${where}`);
    } finally {
      setBusy(false);
    }
  };

  const s = result?.summary;
  return (
    <section className="inline-panel anx-import" style={{ maxWidth: 760, marginTop: 20 }} aria-labelledby="anx-import-title">
      <h2 id="anx-import-title">i2 Analyst's Notebook chart (.anx)</h2>
      <p className="hint">
        Entities, links, positions and source cards are read as they are on the chart; people, vehicles, phones and addresses with the same exact identifiers
        as entities already here are attached to them. The chart becomes a new view on the Chart. Undo it from History.
      </p>
      <label className="file-button">
        Chart file
        <input
          type="file"
          accept=".anx,.xml,application/xml,text/xml"
          disabled={busy}
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void open(f);
            e.target.value = '';
          }}
        />
      </label>
      {busy && <p role="status">Reading the chart…</p>}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {s && result && (
        <div role="status" className="anx-result">
          <p>
            Imported {result.fileName}
            {s.title ? ` ("${s.title}")` : ''}: {plural(s.counts.entities, 'entity', 'entities')} ({s.counts.newEntities.toLocaleString('en-GB')} new,{' '}
            {s.counts.matchedEntities.toLocaleString('en-GB')} already here, matched by exact identifiers), {plural(s.counts.links, 'link')} and{' '}
            {plural(s.counts.items, 'intelligence item')}. Open it on the Chart: view "{s.viewName}".
          </p>
          <button type="button" onClick={() => navigate({ page: 'workspace', workspaceId, section: 'chart', selected: null })}>
            Open the Chart
          </button>
          {s.warnings.length > 0 && (
            <details>
              <summary>{plural(s.warnings.length, 'thing', 'things')} to check</summary>
              <ul>
                {s.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </section>
  );
}

function ImportHistory({ imports }: { imports: ImportRecord[] }) {
  const session = useSession();
  const notify = useNotify();
  const [confirm, setConfirm] = useState<UndoImportImpact | null>(null);
  if (!imports.length) return <p className="empty">No imports yet in this workspace.</p>;
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">Import history</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Agency</th>
            <th scope="col">Imported</th>
            <th scope="col">What it made</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {imports.map((r) => (
            <tr key={r.id}>
              <td>
                <strong>{r.fileName}</strong>
                {r.sheet && <div className="hint">Sheet {r.sheet}</div>}
                {r.templateName && <div className="hint">Mapping "{r.templateName}"</div>}
              </td>
              <td>{r.agency}</td>
              <td>
                {new Date(r.importedAt).toLocaleString('en-GB')}
                <div className="hint">by {r.user}</div>
              </td>
              <td>
                <ImportCountsList record={r} />
              </td>
              <td>
                {r.status === 'undone' ? (
                  <span className="badge">Undone</span>
                ) : (
                  <button
                    type="button"
                    className="danger"
                    onClick={async () => {
                      try {
                        setConfirm(await undoImportImpact(session.db, r.id));
                      } catch (e) {
                        notify((e as Error).message, 'error');
                      }
                    }}
                    aria-label={`Undo the import of ${r.fileName}`}
                  >
                    Undo import…
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {confirm && (
        <ConfirmDialog
          title={`Undo the import of ${confirm.record.fileName}?`}
          confirmLabel="Undo import"
          onCancel={() => setConfirm(null)}
          onConfirm={async () => {
            try {
              await undoImport(session, confirm.record.id);
              notify(`Undid the import of ${confirm.record.fileName}.`);
            } catch (e) {
              notify((e as Error).message, 'error');
            }
            setConfirm(null);
          }}
        >
          <p>
            This removes everything the import added ({plural(confirm.record.created.entities.length, 'entity', 'entities')},{' '}
            {plural(confirm.record.created.links.length, 'link')}, {plural(confirm.record.created.items.length, 'intelligence item')},{' '}
            {plural(confirm.record.created.events.length, 'crime event')}) and puts the {plural(confirm.record.attached.length, 'existing entity', 'existing entities')} it
            added facts to back as they were.
          </p>
          {confirm.editedSince > 0 && <p className="warning">{plural(confirm.editedSince, 'entity', 'entities')} it created were edited since: they go too.</p>}
          {confirm.linksToCreated > 0 && <p className="warning">{plural(confirm.linksToCreated, 'link')} made since to entities it created go with them.</p>}
        </ConfirmDialog>
      )}
    </section>
  );
}

function QuarantineList({ rows, imports }: { rows: QuarantineRow[]; imports: ImportRecord[] }) {
  const session = useSession();
  const notify = useNotify();
  const [edits, setEdits] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);
  const byImport = useMemo(() => {
    const m = new Map<string, QuarantineRow[]>();
    for (const r of [...rows].sort((a, b) => a.rowNumber - b.rowNumber)) m.set(r.importId, [...(m.get(r.importId) ?? []), r]);
    return m;
  }, [rows]);
  if (!rows.length) return <p className="empty">No rows in quarantine. Rows that cannot be imported wait here, with the reason, until they are corrected.</p>;

  const reimport = async (record: ImportRecord, list: QuarantineRow[]) => {
    setBusy(true);
    try {
      const headers = record.headers;
      const corrected = list.map((q) => edits[q.id] ?? q.cells);
      const importId = newId('imp');
      const sheet = { headers, rows: corrected, rowNumbers: list.map((q) => q.rowNumber) };
      const base = { importId, workspaceId: record.workspaceId, fileName: record.fileName, sheet: record.sheet, agency: record.agency };
      const mapping = record.mapping as ImportMapping | null;
      const batch = mapping
        ? batchFromBuild(base, buildImport(sheet, mapping, { importId, workspaceId: record.workspaceId, fileName: record.fileName, ...(record.sheet ? { sheetName: record.sheet } : {}) }))
        : batchFromEvents(base, toCrimeEvents(sheet, importId, record.fileName, { workspaceId: record.workspaceId, newId }));
      const done = await commitImport(session, { ...batch, fileName: `${record.fileName} (corrected rows)` }, mapping, headers);
      await setQuarantineStatus(session, list, 'resolved', `Corrected and imported again (import ${done.id})`);
      notify(
        done.counts.quarantined
          ? `Imported ${plural(done.counts.imported, 'corrected row')}; ${plural(done.counts.quarantined, 'row')} still cannot be imported and are back in quarantine.`
          : `Imported ${plural(done.counts.imported, 'corrected row')}.`,
      );
      setEdits({});
    } catch (e) {
      notify(`The corrected rows could not be imported: ${(e as Error).message}`, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="quarantine-title">
      <h2 id="quarantine-title">Quarantine</h2>
      <p className="hint">Correct the cells, then import the rows again. Every row of a file is either imported, here, or blank: nothing is dropped silently.</p>
      {[...byImport.entries()].map(([importId, list]) => {
        const record = imports.find((i) => i.id === importId);
        if (!record) return null;
        return (
          <div key={importId} className="quarantine-group">
            <h3>
              {record.fileName} <span className="hint">({record.agency}, {new Date(record.importedAt).toLocaleDateString('en-GB')})</span>
            </h3>
            <div className="quarantine-scroll">
              <table className="data-table quarantine-table">
                <thead>
                  <tr>
                    <th scope="col">Row</th>
                    <th scope="col">Why</th>
                    {record.headers.map((h, i) => (
                      <th key={i} scope="col">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {list.map((q) => (
                    <tr key={q.id}>
                      <th scope="row">{q.rowNumber}</th>
                      <td className="error-text">{q.reasons.join(' ')}</td>
                      {record.headers.map((h, i) => (
                        <td key={i}>
                          <input
                            aria-label={`Row ${q.rowNumber}, ${h}`}
                            value={(edits[q.id] ?? q.cells)[i] ?? ''}
                            onChange={(e) => {
                              const cells = [...(edits[q.id] ?? q.cells)];
                              cells[i] = e.target.value;
                              setEdits({ ...edits, [q.id]: cells });
                            }}
                          />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="form-actions">
              <button
                type="button"
                onClick={async () => {
                  await setQuarantineStatus(session, list, 'discarded', 'Discarded by the analyst');
                  notify(`Discarded ${plural(list.length, 'row')} (recorded in the audit log).`);
                }}
                disabled={busy}
              >
                Discard these rows
              </button>
              <button type="button" className="primary" onClick={() => void reimport(record, list)} disabled={busy}>
                Import corrected rows
              </button>
            </div>
          </div>
        );
      })}
    </section>
  );
}
