/**
 * Two records side by side with every value and its sources, the engine's verdict and each field's
 * evidence (level, weight in bits, why), and the decision buttons. Shared by the Duplicates review queue
 * and the compare-two-selected dialog (ComparePair.tsx).
 */
import type { ReactNode } from 'react';
import { KindIcon } from '../../components/icons';
import { entityFacts } from '../../domain/facts';
import { gradingCode } from '../../domain/grading';
import { entityLabel, entitySubtitle } from '../../domain/labels';
import { AGENCY_TYPE_LABEL, KIND_LABEL, type Decision, type Entity } from '../../domain/model';
import { formatDateUk } from '../../domain/normalise';
import { DEFAULT_THRESHOLDS, type ScoredPair } from '../../domain/resolution/types';
import { useWorkspaceData } from '../../hooks/session';
import { navigate } from '../router';

export function EntityColumn({ e, side }: { e: Entity; side: string }) {
  const data = useWorkspaceData();
  return (
    <div className="dup-col" aria-label={`${side}: ${entityLabel(e)}`}>
      <h3>
        <KindIcon kind={e.kind} /> {entityLabel(e)}
      </h3>
      <p className="hint">{entitySubtitle(e)}</p>
      <table className="facts">
        <tbody>
          {entityFacts(e).map((f, i) => (
            <tr key={i}>
              <th scope="row">{f.label}</th>
              <td>
                <span className="fact-value">{f.value}</span>
                {f.sources?.map((s) => {
                  const item = data.items.get(s);
                  return item ? (
                    <span key={s} className="chip" title={item.text}>
                      {AGENCY_TYPE_LABEL[item.agencyType]} {item.reference} · {formatDateUk(item.dateOfIntelligence ?? item.dateRecorded)} · {gradingCode(item.grading)}
                    </span>
                  ) : null;
                })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="link-button"
        onClick={() => navigate({ page: 'workspace', workspaceId: e.workspaceId, section: 'entities', selected: e.id })}
      >
        Open in Entities
      </button>
    </div>
  );
}

export function Comparison({
  pair,
  busy,
  onDecide,
  navigationHint = true,
  actions,
  verdict,
}: {
  /** A scored pair of any kind (people's fields or vehicles', phones', addresses', businesses'). */
  pair: ScoredPair<string>;
  busy: boolean;
  onDecide: (d: Decision) => void;
  /** Show the J / K hint of the review queue. */
  navigationHint?: boolean;
  /** More buttons after Unsure (the dialog's Cancel). */
  actions?: ReactNode;
  /** A sentence under the probability (the dialog's plain-words verdict). */
  verdict?: ReactNode;
}) {
  const data = useWorkspaceData();
  const a = data.entities.get(pair.leftId);
  const b = data.entities.get(pair.rightId);
  if (!a || !b) return null;
  const maxWeight = Math.max(1, ...pair.fields.map((f) => Math.abs(f.weight)));
  const band = pair.band === 'confident' ? 'confident' : pair.probability >= DEFAULT_THRESHOLDS.review ? 'needs review' : 'below the review threshold';
  return (
    <div className="comparison">
      <div className="dup-decide">
        <p>
          <strong>{(pair.probability * 100).toFixed(1)}%</strong> likely the same {KIND_LABEL[a.kind].toLowerCase()} ({band}, evidence {pair.weight.toFixed(1)} bits)
          {pair.note ? ` · ${pair.note}` : ''}
        </p>
        {verdict}
        <button type="button" className="primary" onClick={() => onDecide('same')} disabled={busy} aria-keyshortcuts="S">
          Same: merge <kbd>S</kbd>
        </button>
        <button type="button" onClick={() => onDecide('not-same')} disabled={busy} aria-keyshortcuts="N">
          Not the same <kbd>N</kbd>
        </button>
        <button type="button" onClick={() => onDecide('unsure')} disabled={busy} aria-keyshortcuts="U">
          Unsure <kbd>U</kbd>
        </button>
        {actions}
        {navigationHint && (
          <span className="hint">
            <kbd>J</kbd>/<kbd>K</kbd> next / previous
          </span>
        )}
      </div>
      <div className="dup-cols">
        <EntityColumn e={a} side="Left record" />
        <EntityColumn e={b} side="Right record" />
      </div>
      <h3>Evidence, field by field</h3>
      {pair.fields.length === 0 ? (
        <p className="empty">Nothing the engine compares is recorded on both records: the probability is its starting assumption alone.</p>
      ) : (
        <table className="data-table evidence">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Left</th>
              <th scope="col">Right</th>
              <th scope="col">Comparison</th>
              <th scope="col">Weight</th>
            </tr>
          </thead>
          <tbody>
            {pair.fields.map((f, i) => (
              <tr key={`${f.field}-${i}`}>
                <th scope="row">{f.field}</th>
                <td>{f.leftValues.join('; ') || '–'}</td>
                <td>{f.rightValues.join('; ') || '–'}</td>
                <td>
                  <strong>{f.level}</strong>
                  <div className="hint">{f.explanation}</div>
                </td>
                <td className="weight-cell">
                  <span className={`weight-bar ${f.weight >= 0 ? 'pos' : 'neg'}`} style={{ width: `${(Math.abs(f.weight) / maxWeight) * 60}px` }} aria-hidden="true" />
                  {f.weight > 0 ? '+' : ''}
                  {f.weight.toFixed(1)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
