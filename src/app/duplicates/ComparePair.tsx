/**
 * Compare two records an analyst selected (on the chart or in the Entities table) through the duplicate
 * workflow: the same side-by-side comparison and field-by-field evidence as the Duplicates review, even
 * for a pair the engine never proposed (then it says how unlikely it rates them), and the same decisions
 * through services/merge.ts: Same (merge; audited, undoable, Unmerge on the details), Not the same (never
 * proposed again), Unsure, or Cancel.
 *
 *   <MergeSelectedButton workspaceId={id} ids={[...selected]} />   renders only for two of one kind
 *   <ComparePairDialog workspaceId={id} aId={a} bId={b} onClose={close} onMerged={(survivor) => ...} />
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Dialog } from '../../components/Dialog';
import { useNotify } from '../../components/notify';
import { entityFacts } from '../../domain/facts';
import { entityLabel } from '../../domain/labels';
import { KIND_PLURAL, type Decision, type Entity, type PairDecision } from '../../domain/model';
import { formatDateUk } from '../../domain/normalise';
import { comparePairAsync, comparisonVerdict, whyNotComparable, type PairComparison } from '../../domain/resolution/comparePair';
import { pairKey } from '../../domain/resolution/types';
import { useDecisions } from '../../hooks/queries';
import { useSession, useWorkspaceData } from '../../hooks/session';
import { mergeEntities, recordDecision } from '../../services/merge';
import { Comparison } from './Comparison';

type Scoring = { status: 'scoring'; phase: string; fraction: number } | { status: 'done'; pair: PairComparison } | { status: 'error'; message: string };

const DECISION_WORDS: Record<Decision, string> = { same: 'Same', 'not-same': 'Not the same', unsure: 'Unsure' };

function previousDecisionText(d: PairDecision | undefined): string {
  return d ? ` Earlier marked "${DECISION_WORDS[d.decision]}" by ${d.user} on ${formatDateUk(d.at.slice(0, 10))}.` : '';
}

/**
 * Scores the pair with the workspace's duplicate model once every record is in memory (in slices, so
 * the page stays responsive on a large workspace), and again if either record changes.
 */
function usePairScore(aId: string, bId: string, a: Entity | undefined, b: Entity | undefined, decisions: PairDecision[] | undefined, frozen: boolean): Scoring {
  const data = useWorkspaceData();
  const [scoring, setScoring] = useState<Scoring>({ status: 'scoring', phase: 'preparing', fraction: 0 });
  // Pairs marked "Not the same" are left out as in the scan (they change only which pairs it proposes).
  const notSame = decisions === undefined ? null : decisions.filter((d) => d.decision === 'not-same').map((d) => d.pair).sort().join('\n');
  const cannotLink = useMemo(() => new Set(notSame ? notSame.split('\n') : []), [notSame]);
  const ready = data.complete && notSame !== null && !frozen;
  const { entities, links } = data;
  useEffect(() => {
    if (!ready) return;
    const problem = whyNotComparable(a, b);
    if (problem) {
      setScoring({ status: 'error', message: problem });
      return;
    }
    let cancelled = false;
    setScoring({ status: 'scoring', phase: 'preparing', fraction: 0 });
    comparePairAsync(
      [...entities.values()],
      [...links.values()],
      aId,
      bId,
      { cannotLink },
      (p) => setScoring({ status: 'scoring', phase: p.phase, fraction: p.fraction }),
      () => cancelled,
    ).then(
      (pair) => {
        if (!cancelled) setScoring({ status: 'done', pair });
      },
      (e: unknown) => {
        if (!cancelled) setScoring({ status: 'error', message: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [ready, a, b, aId, bId, entities, links, cannotLink]);
  return scoring;
}

export function ComparePairDialog({
  workspaceId,
  aId,
  bId,
  onClose,
  onMerged,
}: {
  workspaceId: string;
  aId: string;
  bId: string;
  onClose: () => void;
  /** After a merge: the record kept and the one merged into it. */
  onMerged?: (survivorId: string, absorbedId: string) => void;
}) {
  const session = useSession();
  const data = useWorkspaceData();
  const notify = useNotify();
  const decisions = useDecisions(workspaceId);
  const a = data.entities.get(aId);
  const b = data.entities.get(bId);
  const [busy, setBusy] = useState(false);
  // Once decided, the records change (one is merged away): keep showing what was decided on.
  const [decided, setDecided] = useState(false);
  const scoring = usePairScore(aId, bId, a, b, decisions, decided);
  const pair = scoring.status === 'done' ? scoring.pair : null;
  const previous = useMemo(() => decisions?.find((d) => d.pair === pairKey(aId, bId)), [decisions, aId, bId]);

  const statusRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    // After the Dialog's own effect has opened it: the verdict is the first thing read.
    statusRef.current?.focus();
  }, []);

  const decide = useCallback(
    async (decision: Decision) => {
      if (!pair || busy) return;
      const left = data.entities.get(pair.leftId);
      const right = data.entities.get(pair.rightId);
      if (!left || !right) return;
      setBusy(true);
      try {
        if (decision === 'same') {
          // As in the review queue: the record with more behind it survives; the other's values all move to it.
          const weight = (e: Entity) => entityFacts(e).length;
          const [survivor, absorbed] = weight(right) > weight(left) ? [right, left] : [left, right];
          await mergeEntities(session, workspaceId, survivor.id, absorbed.id, pair.probability);
          setDecided(true);
          notify(`Merged ${entityLabel(absorbed)} into ${entityLabel(survivor)}. Unmerge is on ${entityLabel(survivor)}'s details.`);
          onMerged?.(survivor.id, absorbed.id);
        } else {
          await recordDecision(session, workspaceId, left, right, decision, pair.probability);
          setDecided(true);
          notify(
            decision === 'not-same'
              ? 'Marked not the same: this pair will not be proposed again.'
              : pair.proposed
                ? 'Marked unsure: the pair stays in the Duplicates queue.'
                : 'Marked unsure (recorded in the audit log).',
          );
        }
        onClose();
      } catch (e) {
        notify((e as Error).message, 'error');
      } finally {
        setBusy(false);
      }
    },
    [pair, busy, data.entities, session, workspaceId, notify, onMerged, onClose],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const t = (e.target as HTMLElement).tagName;
    if (t === 'INPUT' || t === 'TEXTAREA' || t === 'SELECT' || e.ctrlKey || e.metaKey || e.altKey || !pair || busy) return;
    const k = e.key.toLowerCase();
    const decision: Decision | null = k === 's' ? 'same' : k === 'n' ? 'not-same' : k === 'u' ? 'unsure' : null;
    if (!decision) return;
    e.preventDefault();
    void decide(decision);
  };

  const kinds = a && b && a.kind === b.kind ? KIND_PLURAL[a.kind] : 'records';
  const status =
    scoring.status === 'error'
      ? scoring.message
      : !data.complete
        ? 'Reading the workspace…'
        : scoring.status === 'scoring'
          ? `Comparing the two records with the workspace's duplicate model (${scoring.phase})…`
          : `${comparisonVerdict(scoring.pair)}${previousDecisionText(previous)}`;
  const cancel = (
    <button type="button" onClick={onClose} disabled={busy}>
      Cancel
    </button>
  );

  return (
    <Dialog title={`Compare two ${kinds}`} onClose={onClose} wide>
      <div className="compare-pair" onKeyDown={onKeyDown}>
        <p ref={statusRef} tabIndex={-1} role={scoring.status === 'error' ? 'alert' : 'status'} className={scoring.status === 'error' ? 'error-text' : undefined}>
          {status}
        </p>
        {scoring.status === 'scoring' && data.complete && <progress max={1} value={scoring.fraction} aria-label="Comparison progress" />}
        {pair ? (
          <Comparison pair={pair} busy={busy || decided} onDecide={(d) => void decide(d)} navigationHint={false} actions={cancel} />
        ) : (
          <div className="form-actions">{cancel}</div>
        )}
      </div>
    </Dialog>
  );
}

/**
 * "Compare and merge these two…": shown only when exactly two records of one comparable kind (people,
 * vehicles, phones / handles, addresses, businesses), neither merged away, are selected; opens the
 * comparison dialog. Focus returns to the button when the dialog closes.
 */
export function MergeSelectedButton({
  workspaceId,
  ids,
  onMerged,
}: {
  workspaceId: string;
  ids: readonly string[];
  onMerged?: (survivorId: string, absorbedId: string) => void;
}) {
  const data = useWorkspaceData();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !open) button.current?.focus();
    wasOpen.current = open;
  }, [open]);
  const [aId, bId] = ids;
  const a = aId === undefined ? undefined : data.entities.get(aId);
  const b = bId === undefined ? undefined : data.entities.get(bId);
  if (ids.length !== 2 || !a || !b || whyNotComparable(a, b) !== null) return null;
  return (
    <>
      <button ref={button} type="button" onClick={() => setOpen(true)} title={`Compare ${entityLabel(a)} and ${entityLabel(b)} side by side, then decide whether they are the same`}>
        Compare and merge these two…
      </button>
      {open && <ComparePairDialog workspaceId={workspaceId} aId={a.id} bId={b.id} onClose={() => setOpen(false)} {...(onMerged ? { onMerged } : {})} />}
    </>
  );
}
