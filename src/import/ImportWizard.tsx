/**
 * The import wizard: choose a file (drop or pick), map its columns (suggested from headers and values, or
 * a saved mapping for the same headers), preview what it will make, then import in the worker with
 * progress and Cancel. data.police.uk street-crime files need no mapping.
 */
import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { KindIcon } from '../components/icons';
import { useNotify } from '../components/notify';
import { entityLabel } from '../domain/labels';
import { KIND_PLURAL, LINK_TYPE_LABEL, type ImportRecord } from '../domain/model';
import { newId, plural } from '../domain/util';
import { useTemplates } from '../hooks/queries';
import { useKnownAgencies, useSession } from '../hooks/session';
import { saveTemplate } from '../services/importer';
import type { FileSummary, ImportSummary, PreviewResult } from '../workers/importProtocol';
import { ImportClient } from './importClient';
import { ColumnsEditor, LinkRulesEditor, SettingsEditor } from './MappingEditor';
import { applyTemplate, findTemplates, headerSignature, suggestMapping, validateMapping, type ImportMapping, type MappingTemplate } from './mapping';

type Step = 'choose' | 'map' | 'preview' | 'running' | 'done';
const MAX_FILE_BYTES = 200 * 1024 * 1024;

interface Progress {
  phase: 'reading' | 'mapping' | 'saving';
  done: number;
  total: number;
  startedAt: number;
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '–';
  if (s < 60) return `${Math.ceil(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

export function ImportWizard({ workspaceId, onImported }: { workspaceId: string; onImported: (r: ImportSummary) => void }) {
  const session = useSession();
  const notify = useNotify();
  const templates = useTemplates();
  const client = useRef<ImportClient | null>(null);
  const [step, setStep] = useState<Step>('choose');
  const [jobId, setJobId] = useState('');
  const [summary, setSummary] = useState<FileSummary | null>(null);
  const [sheet, setSheet] = useState(0);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [reasons, setReasons] = useState<Map<number, string>>(new Map());
  const [templateName, setTemplateName] = useState('');
  const [usedTemplate, setUsedTemplate] = useState<string | undefined>();
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportSummary | null>(null);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const c = new ImportClient();
    client.current = c;
    return () => c.dispose();
  }, []);

  const knownAgencies = useKnownAgencies();

  const current = summary?.sheets[sheet];
  const police = current?.policeUk === 'street';
  const issues = useMemo(() => (mapping && current ? validateMapping(mapping, current.headers, current.sample) : []), [mapping, current]);
  const errors = issues.filter((i) => i.level === 'error');
  const templateMatches = useMemo(() => {
    if (!current || !templates) return [];
    const asTemplates: MappingTemplate[] = templates.map((t) => ({ id: t.id, name: t.name, agency: t.agency, signature: t.signature, headers: t.headers, mapping: t.mapping as ImportMapping, createdAt: t.createdAt, updatedAt: t.updatedAt }));
    return findTemplates(asTemplates, current.headers, mapping?.settings.agency);
  }, [current, templates, mapping?.settings.agency]);

  const startMapping = (s: FileSummary, index: number) => {
    const sh = s.sheets[index];
    if (!sh) return;
    const suggestion = suggestMapping(sh.headers, sh.sample, { settings: { sheet: sh.name } });
    setMapping(suggestion.mapping);
    setReasons(new Map(suggestion.columns.filter((c) => c.slot).map((c) => [c.column, c.reason])));
    setUsedTemplate(undefined);
    setPreview(null);
  };

  // Offer a saved mapping for the same headers as soon as the templates are known.
  const offeredFor = useRef('');
  useEffect(() => {
    if (!current || !mapping || step !== 'map') return;
    const key = `${jobId}:${sheet}`;
    if (offeredFor.current === key) return;
    const exact = templateMatches.find((m) => m.exact);
    if (exact) {
      offeredFor.current = key;
      setMapping(applyTemplate(exact.template, current.headers).mapping);
      setUsedTemplate(exact.template.name);
      notify(`Using your saved mapping "${exact.template.name}" for these headers.`);
    }
  }, [templateMatches, current, mapping, step, jobId, sheet, notify]);

  const reset = () => {
    if (jobId) client.current?.send({ type: 'forget', jobId });
    setStep('choose');
    setSummary(null);
    setMapping(null);
    setPreview(null);
    setProgress(null);
    setResult(null);
    setError(null);
    setJobId('');
  };

  const openFile = async (file: File) => {
    setError(null);
    if (file.size > MAX_FILE_BYTES) {
      setError(`${file.name} is ${Math.round(file.size / 1048576)} MB: Linkwall imports files of up to ${MAX_FILE_BYTES / 1048576} MB. Split it into smaller files.`);
      return;
    }
    const id = newId('job');
    setJobId(id);
    setBusy(`Reading ${file.name}…`);
    try {
      const bytes = await file.arrayBuffer();
      const answer = await client.current!.request({ type: 'inspect', jobId: id, fileName: file.name, bytes }, 'inspected', [bytes]);
      setSummary(answer.summary);
      const first = Math.max(0, answer.summary.sheets.findIndex((s) => s.rows > 0));
      setSheet(first);
      startMapping(answer.summary, first);
      setStep('map');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void openFile(file);
  };

  const agency = police ? 'data.police.uk' : (mapping?.settings.agency ?? '');

  const runPreview = async () => {
    if (!summary) return;
    setBusy('Working out what the import will make…');
    setError(null);
    try {
      const answer = await client.current!.request({ type: 'preview', jobId, sheet, mapping: police ? null : mapping, workspaceId, agency }, 'previewed');
      setPreview(answer.preview);
      setStep('preview');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const runImport = async () => {
    const c = client.current;
    if (!c || !summary) return;
    const startedAt = performance.now();
    setProgress({ phase: 'mapping', done: 0, total: current?.rows ?? 0, startedAt });
    setStep('running');
    setError(null);
    const off = c.on((m) => {
      if (m.jobId === jobId && m.type === 'progress') setProgress({ phase: m.phase, done: m.done, total: m.total, startedAt });
    });
    try {
      const answer = await new Promise<ImportSummary | null>((resolve, reject) => {
        const stop = c.on((m) => {
          if (m.jobId !== jobId && m.jobId !== '*') return;
          if (m.type === 'done') {
            stop();
            resolve(m.record);
          } else if (m.type === 'cancelled') {
            stop();
            resolve(null);
          } else if (m.type === 'error') {
            stop();
            reject(new Error(m.message));
          }
        });
        c.send({ type: 'run', jobId, sheet, mapping: police ? null : mapping, workspaceId, user: session.user, agency, ...(usedTemplate ? { templateName: usedTemplate } : {}) });
      });
      if (answer) {
        setResult(answer);
        setStep('done');
        onImported(answer);
      } else {
        notify('Import cancelled: nothing was stored.');
        setStep('preview');
      }
    } catch (e) {
      setError(`The import failed and nothing was stored: ${(e as Error).message}`);
      setStep('preview');
    } finally {
      off();
      setProgress(null);
    }
  };

  const saveAsTemplate = async () => {
    if (!mapping || !current) return;
    try {
      await saveTemplate(session.db, { name: templateName, agency: mapping.settings.agency, signature: headerSignature(current.headers), headers: current.headers, mapping });
      setUsedTemplate(templateName.trim());
      notify(`Saved the mapping "${templateName.trim()}": it is offered again for files with these headers.`);
      setTemplateName('');
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section className="import-wizard" aria-labelledby="wizard-title">
      <h2 id="wizard-title">Import a spreadsheet</h2>
      <ol className="steps" aria-label="Steps">
        {(['choose', 'map', 'preview', 'done'] as const).map((s, i) => (
          <li key={s} aria-current={step === s || (s === 'done' && step === 'running') ? 'step' : undefined}>
            {i + 1}. {s === 'choose' ? 'Choose a file' : s === 'map' ? 'Map the columns' : s === 'preview' ? 'Check the preview' : 'Import'}
          </li>
        ))}
      </ol>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {busy && (
        <p role="status" className="busy">
          {busy}
        </p>
      )}

      {step === 'choose' && (
        <div
          className={`drop-zone${dragging ? ' dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <p>
            <strong>Drop a CSV or Excel (.xlsx) file here</strong>
          </p>
          <p className="hint">Comma, semicolon, tab or pipe separated; any common encoding. data.police.uk street-crime files are recognised without a mapping.</p>
          <button type="button" className="primary" onClick={() => fileInput.current?.click()}>
            Choose a file…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-label="Spreadsheet file"
            className="visually-hidden"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void openFile(f);
              e.target.value = '';
            }}
          />
        </div>
      )}

      {(step === 'map' || step === 'preview') && summary && current && (
        <div className="file-facts">
          <strong>{summary.fileName}</strong> · {summary.format === 'csv' ? `CSV (${summary.encoding ?? 'utf-8'}, "${summary.delimiter === '\t' ? 'tab' : summary.delimiter}" separated)` : 'Excel workbook'} ·{' '}
          {plural(current.totalRows, 'row')} after the header{current.blankRows ? ` (${current.blankRows} blank)` : ''} · {plural(current.headers.length, 'column')}
          {summary.sheets.length > 1 && (
            <label>
              {' '}
              Sheet{' '}
              <select
                value={sheet}
                onChange={(e) => {
                  const i = Number(e.target.value);
                  setSheet(i);
                  startMapping(summary, i);
                  setStep('map');
                }}
              >
                {summary.sheets.map((s, i) => (
                  <option key={i} value={i}>
                    {s.name} ({plural(s.rows, 'row')})
                  </option>
                ))}
              </select>
            </label>
          )}
          {[...summary.warnings, ...current.warnings].map((w, i) => (
            <p key={i} className="warning-text">
              {w}
            </p>
          ))}
        </div>
      )}

      {step === 'map' && current && current.policeUkRejection && (
        <p className="error-text" role="alert">
          {current.policeUkRejection}
        </p>
      )}

      {step === 'map' && current && police && (
        <div className="card">
          <h3>data.police.uk street-level crime</h3>
          <p>
            Recognised without a mapping: each row becomes a dated, located crime event for the map's context layer (Open Government Licence v3.0). Rows without
            coordinates are kept as events without a location; anti-social behaviour rows have no Crime ID and are kept too.
          </p>
          <div className="form-actions">
            <button type="button" onClick={reset}>
              Choose another file
            </button>
            <button type="button" className="primary" onClick={() => void runPreview()} disabled={!!busy}>
              Preview
            </button>
          </div>
        </div>
      )}

      {step === 'map' && current && mapping && !police && !current.policeUkRejection && (
        <div className="mapping">
          {templateMatches.length > 0 && (
            <div className="template-offer" role="note">
              Saved mappings that fit this file:{' '}
              {templateMatches.slice(0, 4).map((m) => (
                <button
                  key={m.template.id}
                  type="button"
                  onClick={() => {
                    const applied = applyTemplate(m.template, current.headers);
                    setMapping(applied.mapping);
                    setUsedTemplate(m.template.name);
                    notify(applied.missing.length ? `Applied "${m.template.name}"; this file lacks ${applied.missing.join(', ')}.` : `Applied "${m.template.name}".`);
                  }}
                >
                  Use "{m.template.name}" ({m.template.agency}){m.exact ? '' : `, ${Math.round(m.coverage * 100)}% of its columns`}
                </button>
              ))}
              {usedTemplate && <span className="hint"> In use: "{usedTemplate}".</span>}
            </div>
          )}
          <h3>The file</h3>
          <SettingsEditor mapping={mapping} onChange={setMapping} knownAgencies={knownAgencies} />
          <h3>Columns</h3>
          <ColumnsEditor mapping={mapping} onChange={setMapping} headers={current.headers} sample={current.sample} issues={issues} reasons={reasons} />
          <h3>Links each row makes</h3>
          <LinkRulesEditor mapping={mapping} onChange={setMapping} />
          {issues.filter((i) => i.column === undefined).map((i, k) => (
            <p key={k} className={i.level === 'error' ? 'error-text' : 'warning-text'} role={i.level === 'error' ? 'alert' : undefined}>
              {i.message}
            </p>
          ))}
          <div className="form-actions">
            <button type="button" onClick={reset}>
              Choose another file
            </button>
            <button type="button" className="primary" onClick={() => void runPreview()} disabled={errors.length > 0 || !!busy}>
              Preview
            </button>
          </div>
        </div>
      )}

      {step === 'preview' && preview && (
        <PreviewPanel
          preview={preview}
          police={police}
          templateName={templateName}
          setTemplateName={setTemplateName}
          canSaveTemplate={!police}
          onSaveTemplate={() => void saveAsTemplate()}
          onBack={() => setStep('map')}
          onImport={() => void runImport()}
        />
      )}

      {step === 'running' && progress && (
        <div className="import-progress" aria-live="polite">
          <h3>{progress.phase === 'saving' ? 'Saving…' : 'Importing…'}</h3>
          <progress max={Math.max(1, progress.total)} value={progress.done} aria-label="Import progress" />
          {(() => {
            const secs = (performance.now() - progress.startedAt) / 1000;
            const rate = progress.done / Math.max(0.001, secs);
            const left = (progress.total - progress.done) / Math.max(1, rate);
            return (
              <p>
                {progress.phase === 'saving'
                  ? 'Storing everything in one step: the workspace gets all of the import or none of it.'
                  : progress.done === 0
                    ? `Starting on ${plural(progress.total, 'row')}…`
                    : `${progress.done.toLocaleString('en-GB')} of ${plural(progress.total, 'row')} · ${Math.round(rate).toLocaleString('en-GB')} rows a second · about ${formatSeconds(left)} left`}
              </p>
            );
          })()}
          <button type="button" onClick={() => client.current?.send({ type: 'cancel', jobId })} disabled={progress.phase === 'saving'}>
            Cancel
          </button>
          <p className="hint">You can keep working in the other sections meanwhile.</p>
        </div>
      )}

      {step === 'done' && result && (
        <div className="card import-done" role="status">
          <h3>Imported {result.fileName}</h3>
          <ImportCountsList record={result} />
          <div className="form-actions">
            <button type="button" className="primary" onClick={reset}>
              Import another file
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

export function ImportCountsList({ record }: { record: Pick<ImportRecord, 'counts'> }) {
  const c = record.counts;
  return (
    <ul className="counts">
      <li>
        {plural(c.rows, 'row')} after the header: {c.imported.toLocaleString('en-GB')} imported, {c.quarantined.toLocaleString('en-GB')} quarantined
        {c.blank ? `, ${c.blank.toLocaleString('en-GB')} blank` : ''}
      </li>
      {c.events > 0 && <li>{plural(c.events, 'crime event')}</li>}
      {(c.newEntities > 0 || c.matchedEntities > 0) && (
        <li>
          {plural(c.newEntities, 'new entity', 'new entities')}, {plural(c.matchedEntities, 'existing entity', 'existing entities')} matched by exact identifiers
        </li>
      )}
      {c.links > 0 && <li>{plural(c.links, 'link')}</li>}
      {c.items > 0 && <li>{plural(c.items, 'intelligence item')} (one per row, citing the file and row)</li>}
    </ul>
  );
}

function PreviewPanel({
  preview,
  police,
  templateName,
  setTemplateName,
  canSaveTemplate,
  onSaveTemplate,
  onBack,
  onImport,
}: {
  preview: PreviewResult;
  police: boolean;
  templateName: string;
  setTemplateName: (s: string) => void;
  canSaveTemplate: boolean;
  onSaveTemplate: () => void;
  onBack: () => void;
  onImport: () => void;
}) {
  const c = preview.counts;
  return (
    <div className="preview">
      <h3>What the import will make</h3>
      <dl className="preview-counts">
        <div>
          <dt>Rows after the header</dt>
          <dd>{c.rows.toLocaleString('en-GB')}</dd>
        </div>
        <div>
          <dt>Will be imported</dt>
          <dd>{c.imported.toLocaleString('en-GB')}</dd>
        </div>
        <div>
          <dt>Quarantined</dt>
          <dd className={c.quarantined ? 'bad' : undefined}>{c.quarantined.toLocaleString('en-GB')}</dd>
        </div>
        {c.blank > 0 && (
          <div>
            <dt>Blank (skipped)</dt>
            <dd>{c.blank}</dd>
          </div>
        )}
        {!police && (
          <>
            <div>
              <dt>Rows with problems</dt>
              <dd className={c.withProblems ? 'warn' : undefined}>{c.withProblems.toLocaleString('en-GB')}</dd>
            </div>
            <div>
              <dt>New entities</dt>
              <dd>{preview.newEntities.toLocaleString('en-GB')}</dd>
            </div>
            <div>
              <dt>Matched to existing</dt>
              <dd>{preview.matchedExisting.toLocaleString('en-GB')}</dd>
            </div>
            <div>
              <dt>Links</dt>
              <dd>{c.links.toLocaleString('en-GB')}</dd>
            </div>
          </>
        )}
        {preview.events && (
          <>
            <div>
              <dt>Crime events</dt>
              <dd>{preview.events.events.toLocaleString('en-GB')}</dd>
            </div>
            <div>
              <dt>Without a location</dt>
              <dd>{preview.events.noLocation.toLocaleString('en-GB')}</dd>
            </div>
            <div>
              <dt>Without a Crime ID</dt>
              <dd>{preview.events.noCrimeId.toLocaleString('en-GB')}</dd>
            </div>
          </>
        )}
      </dl>
      {!police && c.imported > 0 && (
        <p className="hint">
          By kind:{' '}
          {Object.entries(c.byKind)
            .filter(([, n]) => n > 0)
            .map(([k, n]) => `${n} ${KIND_PLURAL[k as keyof typeof KIND_PLURAL]}`)
            .join(', ')}
          {c.mergedInFile > 0 ? ` (${c.mergedInFile} repeated in the file, recorded once)` : ''}. Fuzzy duplicates are not merged: they go to Duplicates for review.
        </p>
      )}
      {preview.rows.length > 0 && (
        <>
          <h4>The first rows</h4>
          <ol className="preview-rows">
            {preview.rows.map((r) => (
              <li key={r.rowNumber} className={r.ok ? 'ok' : 'rejected'}>
                <span className="row-no">Row {r.rowNumber}</span>
                {r.ok ? (
                  <span className="row-made">
                    {r.entities.map((e) => (
                      <span key={e.entity.id} className="made-entity">
                        <KindIcon kind={e.entity.kind} size={14} /> {entityLabel(e.entity)}
                      </span>
                    ))}
                    {r.links.length > 0 && <span className="made-links">{r.links.map((l) => LINK_TYPE_LABEL[l.type].toLowerCase()).join(', ')}</span>}
                  </span>
                ) : (
                  <span className="error-text">Quarantined: {r.reasons.join(' ')}</span>
                )}
                {r.problems.length > 0 && (
                  <ul className="cell-problems">
                    {r.problems.map((p, i) => (
                      <li key={i} className={p.kind === 'dropped' ? 'warning-text' : 'hint'}>
                        <mark>{p.header}</mark> "{p.value}": {p.message}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      {preview.quarantined.length > 0 && (
        <details>
          <summary>Rows that will be quarantined ({c.quarantined}): you can correct them after the import</summary>
          <ul>
            {preview.quarantined.slice(0, 50).map((q) => (
              <li key={q.rowNumber}>
                Row {q.rowNumber}: {q.reasons.join(' ')}
              </li>
            ))}
          </ul>
        </details>
      )}
      {canSaveTemplate && (
        <div className="save-template">
          <label>
            Save this mapping as{' '}
            <input value={templateName} onChange={(e) => setTemplateName(e.target.value)} placeholder='e.g. "Kelbridge Schools weekly return"' aria-label="Mapping name" />
          </label>
          <button type="button" onClick={onSaveTemplate} disabled={!templateName.trim()}>
            Save mapping
          </button>
        </div>
      )}
      <div className="form-actions">
        <button type="button" onClick={onBack}>
          Back to the mapping
        </button>
        <button type="button" className="primary" onClick={onImport} disabled={c.imported === 0 && c.quarantined === 0}>
          Import {plural(c.rows - c.blank, 'row')}
        </button>
      </div>
    </div>
  );
}
