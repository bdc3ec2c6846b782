/**
 * Duplicates: the review queue of likely same-person pairs, most likely first, each compared side by side
 * with every field's evidence and the sources behind each value. Decisions: Same (merge), Not the same
 * (never proposed again), Unsure (stays visible); keyboard S / N / U, J / K to move; bulk decisions.
 * The scan runs in a worker and is stored, so the queue survives reloads; it re-runs when the workspace
 * has changed since (after an import, say).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { KindIcon } from '../../components/icons';
import { useNotify } from '../../components/notify';
import { entityFacts } from '../../domain/facts';
import { entityLabel } from '../../domain/labels';
import { KIND_LABEL, type Decision, type Entity } from '../../domain/model';
import { pairKey, type ScoredPair } from '../../domain/resolution/types';
import { plural } from '../../domain/util';
import { useDecisions, useRevision, useScan } from '../../hooks/queries';
import { useSession, useWorkspaceData } from '../../hooks/session';
import { mergeEntities, recordDecision } from '../../services/merge';
import type { FromResolveWorker, ToResolveWorker } from '../../workers/resolve.worker';
import { Comparison } from './Comparison';

type Filter = 'open' | 'confident' | 'review' | 'unsure';

function useScanner(workspaceId: string) {
  const worker = useRef<Worker | null>(null);
  const [progress, setProgress] = useState<{ phase: string; fraction: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useRef('');
  useEffect(() => {
    const w = new Worker(new URL('../../workers/resolve.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    w.onmessage = (ev: MessageEvent<FromResolveWorker>) => {
      const m = ev.data;
      if (m.jobId !== job.current) return;
      if (m.type === 'progress') setProgress({ phase: m.phase, fraction: m.fraction });
      else {
        setProgress(null);
        if (m.type === 'error') setError(m.message);
      }
    };
    return () => w.terminate();
  }, []);
  const start = useCallback(() => {
    job.current = `scan-${Date.now()}`;
    setError(null);
    setProgress({ phase: 'preparing', fraction: 0 });
    worker.current?.postMessage({ type: 'scan', jobId: job.current, workspaceId } satisfies ToResolveWorker);
  }, [workspaceId]);
  const cancel = useCallback(() => worker.current?.postMessage({ type: 'cancel', jobId: job.current } satisfies ToResolveWorker), []);
  return { progress, error, start, cancel };
}

export function DuplicatesView({ workspaceId }: { workspaceId: string }) {
  const session = useSession();
  const data = useWorkspaceData();
  const notify = useNotify();
  const scan = useScan(workspaceId);
  const revision = useRevision(workspaceId);
  const decisions = useDecisions(workspaceId);
  const scanner = useScanner(workspaceId);
  const [filter, setFilter] = useState<Filter>('open');
  const [selected, setSelected] = useState<string | null>(null);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);

  const stale = scan === null || (scan !== undefined && revision !== undefined && scan.revision !== revision);
  // Scan on first visit, and again when the workspace changed since the last scan (an import, say).
  const autoStarted = useRef(false);
  useEffect(() => {
    if (scan === undefined || revision === undefined || scanner.progress || autoStarted.current) return;
    if (scan === null || (stale && data.complete)) {
      autoStarted.current = true;
      scanner.start();
    }
  }, [scan, revision, stale, scanner, data.complete]);

  const decided = useMemo(() => new Map((decisions ?? []).map((d) => [d.pair, d.decision])), [decisions]);
  const pairs = useMemo(() => {
    const all = scan ? (JSON.parse(scan.pairs) as ScoredPair[]) : [];
    return all.filter((p) => {
      const a = data.entities.get(p.leftId);
      const b = data.entities.get(p.rightId);
      return a && b && !a.mergedInto && !b.mergedInto;
    });
  }, [scan, data.entities, data.version]); // eslint-disable-line react-hooks/exhaustive-deps

  const visible = useMemo(
    () =>
      pairs.filter((p) => {
        const d = decided.get(pairKey(p.leftId, p.rightId));
        if (filter === 'unsure') return d === 'unsure';
        if (d === 'same' || d === 'not-same') return false;
        if (filter === 'confident') return p.band === 'confident';
        if (filter === 'review') return p.band === 'review';
        return true;
      }),
    [pairs, decided, filter],
  );
  const keyOf = (p: ScoredPair) => pairKey(p.leftId, p.rightId);
  const current = visible.find((p) => keyOf(p) === selected) ?? visible[0];
  const index = current ? visible.indexOf(current) : -1;

  const decide = useCallback(
    async (p: ScoredPair, decision: Decision) => {
      const a = data.entities.get(p.leftId);
      const b = data.entities.get(p.rightId);
      if (!a || !b) return;
      setBusy(true);
      try {
        const next = visible[visible.indexOf(p) + 1];
        if (decision === 'same') {
          // The record with more behind it survives; the other's values all move to it.
          const weight = (e: Entity) => entityFacts(e).length;
          const [survivor, absorbed] = weight(b) > weight(a) ? [b, a] : [a, b];
          await mergeEntities(session, workspaceId, survivor.id, absorbed.id, p.probability);
          notify(`Merged ${entityLabel(absorbed)} into ${entityLabel(survivor)}. Unmerge is on the person's details.`);
        } else {
          await recordDecision(session, workspaceId, a, b, decision, p.probability);
          notify(decision === 'not-same' ? 'Marked not the same: this pair will not be proposed again.' : 'Marked unsure: the pair stays in the queue.');
        }
        setSelected(next ? keyOf(next) : null);
      } catch (e) {
        notify((e as Error).message, 'error');
      } finally {
        setBusy(false);
      }
    },
    [data.entities, session, workspaceId, notify, visible],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = document.activeElement?.tagName;
      if (t === 'INPUT' || t === 'TEXTAREA' || t === 'SELECT' || document.querySelector('dialog[open]') || e.ctrlKey || e.metaKey || e.altKey) return;
      if (!current || busy) return;
      const k = e.key.toLowerCase();
      if (k === 's') void decide(current, 'same');
      else if (k === 'n') void decide(current, 'not-same');
      else if (k === 'u') void decide(current, 'unsure');
      else if (k === 'j' || e.key === 'ArrowDown') setSelected(visible[Math.min(visible.length - 1, index + 1)] ? keyOf(visible[Math.min(visible.length - 1, index + 1)] as ScoredPair) : null);
      else if (k === 'k' || e.key === 'ArrowUp') setSelected(visible[Math.max(0, index - 1)] ? keyOf(visible[Math.max(0, index - 1)] as ScoredPair) : null);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [current, busy, decide, visible, index]);

  const bulk = async (decision: Decision) => {
    const list = visible.filter((p) => checked.has(keyOf(p)));
    for (const p of list) await decide(p, decision);
    setChecked(new Set());
  };

  const counts = {
    open: pairs.filter((p) => !['same', 'not-same'].includes(decided.get(keyOf(p)) ?? '')).length,
    confident: pairs.filter((p) => p.band === 'confident' && !['same', 'not-same'].includes(decided.get(keyOf(p)) ?? '')).length,
    review: pairs.filter((p) => p.band === 'review' && !['same', 'not-same'].includes(decided.get(keyOf(p)) ?? '')).length,
    unsure: pairs.filter((p) => decided.get(keyOf(p)) === 'unsure').length,
  };

  return (
    <div className="duplicates-view">
      <div className="dup-head">
        <h2>Duplicates</h2>
        <span className="hint">
          {scan
            ? `Last scan ${new Date(scan.at).toLocaleString('en-GB')}${stale ? ' (the workspace has changed since)' : ''}`
            : scan === null
              ? 'Not scanned yet.'
              : ''}
        </span>
        {scanner.progress ? (
          <span className="scan-progress" role="status">
            Scanning ({scanner.progress.phase})… <progress max={1} value={scanner.progress.fraction} aria-label="Scan progress" />
            <button type="button" onClick={scanner.cancel}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" onClick={scanner.start}>
            Re-scan workspace
          </button>
        )}
        {scanner.error && (
          <span className="error-text" role="alert">
            {scanner.error}
          </span>
        )}
      </div>
      <div className="dup-body">
        <aside className="dup-queue" aria-label="Review queue">
          <div role="radiogroup" aria-label="Show" className="dup-filters">
            {(['open', 'confident', 'review', 'unsure'] as const).map((f) => (
              <label key={f} className={filter === f ? 'on' : undefined}>
                <input type="radio" name="dup-filter" checked={filter === f} onChange={() => setFilter(f)} />
                {f === 'open' ? 'To review' : f === 'confident' ? 'Confident' : f === 'review' ? 'Possible' : 'Unsure'} ({counts[f]})
              </label>
            ))}
          </div>
          {checked.size > 0 && (
            <div className="dup-bulk">
              {plural(checked.size, 'pair')} selected:{' '}
              <button type="button" onClick={() => void bulk('same')} disabled={busy}>
                Merge all
              </button>{' '}
              <button type="button" onClick={() => void bulk('not-same')} disabled={busy}>
                Not the same
              </button>
            </div>
          )}
          {visible.length === 0 ? (
            <p className="empty">{scan ? 'Nothing to review here.' : 'The scan will list likely duplicates here.'}</p>
          ) : (
            <ol className="dup-list">
              {visible.map((p) => {
                const a = data.entities.get(p.leftId);
                const b = data.entities.get(p.rightId);
                if (!a || !b) return null;
                const k = keyOf(p);
                return (
                  <li key={k} className={current && keyOf(current) === k ? 'current' : undefined}>
                    <input
                      type="checkbox"
                      aria-label={`Select ${entityLabel(a)} and ${entityLabel(b)}`}
                      checked={checked.has(k)}
                      onChange={(e) => {
                        const next = new Set(checked);
                        if (e.target.checked) next.add(k);
                        else next.delete(k);
                        setChecked(next);
                      }}
                    />
                    <button type="button" className="dup-item" onClick={() => setSelected(k)} aria-current={current && keyOf(current) === k ? 'true' : undefined}>
                      <span className={`prob prob-${p.band}`}>{Math.round(p.probability * 100)}%</span>
                      <KindIcon kind={a.kind} size={14} title={KIND_LABEL[a.kind]} />
                      <span className="dup-names">
                        {entityLabel(a)} <span aria-hidden="true">⟷</span>
                        <span className="visually-hidden"> and </span> {entityLabel(b)}
                      </span>
                      {decided.get(k) === 'unsure' && <span className="badge">Unsure</span>}
                    </button>
                  </li>
                );
              })}
            </ol>
          )}
        </aside>
        <section className="dup-compare" aria-label="Comparison">
          {current ? <Comparison pair={current} busy={busy} onDecide={(d) => void decide(current, d)} /> : <p className="empty">Select a pair to compare.</p>}
        </section>
      </div>
    </div>
  );
}
