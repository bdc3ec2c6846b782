/**
 * The report's structured parts: document control, intelligence gaps (with the collection plan),
 * recommendations (4P category, owner, due date, status) and the review of the previous version's
 * recommendations (status now, comment, carry forward into this version).
 */
import { useId, useState } from 'react';
import { formatDateUk } from '../domain/normalise';
import type { ReportFigures } from '../domain/report/figures';
import {
  addGap,
  addRecommendation,
  carryForward,
  FOUR_P,
  FOUR_P_MEANING,
  GAP_PRIORITIES,
  RECOMMENDATION_STATUS_LABEL,
  RECOMMENDATION_STATUSES,
  removeGap,
  removeRecommendation,
  reviewPrevious,
  updateControl,
  updateGap,
  updateRecommendation,
  updateReport,
  validateRecommendation,
  type DocumentControl,
  type FourP,
  type GapPriority,
  type Recommendation,
  type RecommendationStatus,
  type Report,
} from '../domain/report/model';
import type { ApplyEdit } from './ReportView';

const PRIORITY_LABEL: Record<GapPriority, string> = { high: 'High', medium: 'Medium', low: 'Low' };

function addMonthsIso(iso: string, months: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- document control

export function DocumentControlEditor({ report, figures, apply, frozen }: { report: Report; figures: ReportFigures; apply: ApplyEdit; frozen: boolean }) {
  const id = useId();
  const c = report.control;
  const set = (change: Partial<DocumentControl>) => apply((r) => updateControl(r, change), { debounce: true });
  const text = (key: 'author' | 'owner' | 'termsOfReferenceRef' | 'approvedBy' | 'peerReviewedBy', label: string, hint?: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input id={`${id}-${key}`} value={c[key]} readOnly={frozen} onChange={(e) => set({ [key]: e.target.value })} {...(hint ? { placeholder: hint } : {})} />
    </div>
  );
  const base = (report.createdAt || new Date().toISOString()).slice(0, 10);
  const refreshTooLate = !!c.nextRefreshDue && c.nextRefreshDue > addMonthsIso(base, 12);
  const range = figures.dataRange;
  return (
    <fieldset className="doc-control" disabled={frozen}>
      <legend>Document control</legend>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-title`}>Report title</label>
          <input id={`${id}-title`} value={report.title} onChange={(e) => apply((r) => updateReport(r, { title: e.target.value }), { debounce: true })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-period`}>Figures count by</label>
          <select id={`${id}-period`} value={report.period} onChange={(e) => apply((r) => updateReport(r, { period: e.target.value as Report['period'] }))}>
            <option value="quarter">Quarter</option>
            <option value="month">Month</option>
          </select>
        </div>
        {text('author', 'Author')}
        {text('owner', 'Owner', 'e.g. MASE chair or intelligence manager')}
        {text('termsOfReferenceRef', 'Terms of reference reference')}
        <div className="field">
          <label htmlFor={`${id}-from`}>Data from</label>
          <input id={`${id}-from`} type="date" value={c.dataFrom} onChange={(e) => set({ dataFrom: e.target.value })} aria-describedby={`${id}-range`} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>Data to</label>
          <input id={`${id}-to`} type="date" value={c.dataTo} onChange={(e) => set({ dataTo: e.target.value })} aria-describedby={`${id}-range`} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-extracted`}>Extraction date</label>
          <input id={`${id}-extracted`} value={c.extractionDate ? formatDateUk(c.extractionDate) : 'Set when the version is frozen'} readOnly />
        </div>
        <div className="field">
          <label htmlFor={`${id}-refresh`}>Next refresh due</label>
          <input
            id={`${id}-refresh`}
            type="date"
            value={c.nextRefreshDue}
            onChange={(e) => set({ nextRefreshDue: e.target.value })}
            aria-invalid={refreshTooLate || undefined}
            aria-describedby={`${id}-refresh-hint`}
          />
          <small id={`${id}-refresh-hint`} className={refreshTooLate ? 'error-text' : 'hint'}>
            {refreshTooLate ? 'More than 12 months away: HMICFRS expects a profile to be refreshed at least yearly.' : 'At most 12 months after this version.'}
          </small>
        </div>
        {text('approvedBy', 'Approved by')}
        {text('peerReviewedBy', 'Peer reviewed by')}
      </div>
      <small id={`${id}-range`} className="hint block">
        Left empty, the data date range is that of the intelligence: {range ? `${formatDateUk(range.from)} to ${formatDateUk(range.to)}` : 'no intelligence yet'}.
      </small>
      <div className="field">
        <label htmlFor={`${id}-dist`}>Distribution list (one recipient a line)</label>
        <textarea
          id={`${id}-dist`}
          rows={3}
          value={c.distribution.join('\n')}
          onChange={(e) => set({ distribution: e.target.value.split('\n').map((l) => l.trimStart()) })}
          onBlur={(e) => set({ distribution: e.target.value.split('\n').map((l) => l.trim()).filter(Boolean) })}
        />
      </div>
    </fieldset>
  );
}

// ---------------------------------------------------------------- intelligence gaps

export function GapsEditor({ report, apply, frozen }: { report: Report; apply: ApplyEdit; frozen: boolean }) {
  const id = useId();
  const [text, setText] = useState('');
  const [priority, setPriority] = useState<GapPriority>('high');
  const [owner, setOwner] = useState('');
  const [collection, setCollection] = useState('');
  return (
    <section className="list-editor" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>Intelligence gaps and collection plan</h4>
      {report.gaps.length === 0 ? (
        <p className="hint">No gaps recorded yet.</p>
      ) : (
        <table className="data-table list-table">
          <thead>
            <tr>
              <th scope="col">Gap</th>
              <th scope="col">Priority</th>
              <th scope="col">Owner</th>
              <th scope="col">Collection plan</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {report.gaps.map((g, i) => (
              <tr key={g.id}>
                <td>
                  <textarea rows={2} aria-label={`Gap ${i + 1}`} value={g.text} readOnly={frozen} onChange={(e) => apply((r) => updateGap(r, g.id, { text: e.target.value }), { debounce: true })} />
                </td>
                <td>
                  <select aria-label={`Priority of gap ${i + 1}`} value={g.priority} disabled={frozen} onChange={(e) => apply((r) => updateGap(r, g.id, { priority: e.target.value as GapPriority }))}>
                    {GAP_PRIORITIES.map((p) => (
                      <option key={p} value={p}>
                        {PRIORITY_LABEL[p]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input aria-label={`Owner of gap ${i + 1}`} value={g.owner ?? ''} readOnly={frozen} onChange={(e) => apply((r) => updateGap(r, g.id, { owner: e.target.value }), { debounce: true })} />
                </td>
                <td>
                  <textarea rows={2} aria-label={`Collection plan for gap ${i + 1}`} value={g.collection ?? ''} readOnly={frozen} onChange={(e) => apply((r) => updateGap(r, g.id, { collection: e.target.value }), { debounce: true })} />
                </td>
                <td>
                  <select aria-label={`Status of gap ${i + 1}`} value={g.status ?? 'open'} disabled={frozen} onChange={(e) => apply((r) => updateGap(r, g.id, { status: e.target.value as 'open' | 'closed' }))}>
                    <option value="open">Open</option>
                    <option value="closed">Closed (not carried forward)</option>
                  </select>
                </td>
                <td>
                  {!frozen && (
                    <button type="button" className="link-button" onClick={() => apply((r) => removeGap(r, g.id))} aria-label={`Remove gap ${i + 1}`}>
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!frozen && (
        <form
          className="inline-panel list-add"
          onSubmit={(e) => {
            e.preventDefault();
            if (!text.trim()) return;
            apply((r) => addGap(r, { text: text.trim(), priority, ...(owner.trim() ? { owner: owner.trim() } : {}), ...(collection.trim() ? { collection: collection.trim() } : {}) }));
            setText('');
            setOwner('');
            setCollection('');
          }}
        >
          <h5>New gap</h5>
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${id}-text`}>What is not known</label>
              <input id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-priority`}>Priority</label>
              <select id={`${id}-priority`} value={priority} onChange={(e) => setPriority(e.target.value as GapPriority)}>
                {GAP_PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {PRIORITY_LABEL[p]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-owner`}>Owner</label>
              <input id={`${id}-owner`} value={owner} onChange={(e) => setOwner(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-collection`}>Collection plan</label>
              <input id={`${id}-collection`} value={collection} onChange={(e) => setCollection(e.target.value)} />
            </div>
          </div>
          <div className="form-actions">
            <button type="submit" disabled={!text.trim()}>
              Add gap
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

// ---------------------------------------------------------------- recommendations

const BLANK: Omit<Recommendation, 'id'> = { text: '', owner: '', due: '', status: 'open', category: 'Pursue' };

export function RecommendationsEditor({ report, apply, frozen }: { report: Report; apply: ApplyEdit; frozen: boolean }) {
  const id = useId();
  const [draft, setDraft] = useState<Omit<Recommendation, 'id'>>(BLANK);
  const [problems, setProblems] = useState<string[]>([]);
  const change = (c: Partial<Omit<Recommendation, 'id'>>) => setDraft({ ...draft, ...c });
  return (
    <section className="list-editor" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>Recommendations</h4>
      {report.recommendations.length === 0 ? (
        <p className="hint">No recommendations yet.</p>
      ) : (
        <ol className="rec-list">
          {report.recommendations.map((r, i) => {
            const issues = validateRecommendation(r);
            const n = i + 1;
            return (
              <li key={r.id} className="rec-item">
                <fieldset disabled={frozen}>
                  <legend>Recommendation {n}</legend>
                  <div className="rec-grid">
                    <label className="rec-text">
                      <span>Recommendation</span>
                      <textarea rows={2} value={r.text} onChange={(e) => apply((x) => updateRecommendation(x, r.id, { text: e.target.value }), { debounce: true })} aria-label={`Text of recommendation ${n}`} />
                    </label>
                    <label>
                      <span>4P category</span>
                      <select value={r.category} onChange={(e) => apply((x) => updateRecommendation(x, r.id, { category: e.target.value as FourP }))} aria-label={`4P category of recommendation ${n}`}>
                        {FOUR_P.map((p) => (
                          <option key={p} value={p} title={FOUR_P_MEANING[p]}>
                            {p}
                          </option>
                        ))}
                      </select>
                    </label>
                    <label>
                      <span>Owner</span>
                      <input value={r.owner} onChange={(e) => apply((x) => updateRecommendation(x, r.id, { owner: e.target.value }), { debounce: true })} aria-label={`Owner of recommendation ${n}`} />
                    </label>
                    <label>
                      <span>Due date</span>
                      <input type="date" value={r.due} onChange={(e) => apply((x) => updateRecommendation(x, r.id, { due: e.target.value }), { debounce: true })} aria-label={`Due date of recommendation ${n}`} />
                    </label>
                    <label>
                      <span>Status</span>
                      <select value={r.status} onChange={(e) => apply((x) => updateRecommendation(x, r.id, { status: e.target.value as RecommendationStatus }))} aria-label={`Status of recommendation ${n}`}>
                        {RECOMMENDATION_STATUSES.map((s) => (
                          <option key={s} value={s}>
                            {RECOMMENDATION_STATUS_LABEL[s]}
                          </option>
                        ))}
                      </select>
                    </label>
                    {!frozen && (
                      <button type="button" className="link-button rec-remove" onClick={() => apply((x) => removeRecommendation(x, r.id))} aria-label={`Remove recommendation ${n}`}>
                        Remove
                      </button>
                    )}
                  </div>
                  {issues.length > 0 && <p className="warning-text">{issues.join(' ')}</p>}
                </fieldset>
              </li>
            );
          })}
        </ol>
      )}
      {!frozen && (
        <form
          className="inline-panel list-add"
          aria-labelledby={`${id}-new`}
          onSubmit={(e) => {
            e.preventDefault();
            const found = validateRecommendation(draft);
            setProblems(found);
            if (found.length) return;
            apply((r) => addRecommendation(r, { ...draft, text: draft.text.trim(), owner: draft.owner.trim() }));
            setDraft(BLANK);
          }}
        >
          <h5 id={`${id}-new`}>New recommendation</h5>
          <div className="form-grid">
            <div className="field rec-text">
              <label htmlFor={`${id}-text`}>What is recommended</label>
              <textarea id={`${id}-text`} rows={2} value={draft.text} onChange={(e) => change({ text: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-cat`}>4P category</label>
              <select id={`${id}-cat`} value={draft.category} onChange={(e) => change({ category: e.target.value as FourP })} aria-describedby={`${id}-cat-hint`}>
                {FOUR_P.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
              <small id={`${id}-cat-hint`} className="hint">
                {FOUR_P_MEANING[draft.category]}
              </small>
            </div>
            <div className="field">
              <label htmlFor={`${id}-owner`}>Owner</label>
              <input id={`${id}-owner`} value={draft.owner} onChange={(e) => change({ owner: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-due`}>Due date</label>
              <input id={`${id}-due`} type="date" value={draft.due} onChange={(e) => change({ due: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-status`}>Status</label>
              <select id={`${id}-status`} value={draft.status} onChange={(e) => change({ status: e.target.value as RecommendationStatus })}>
                {RECOMMENDATION_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {RECOMMENDATION_STATUS_LABEL[s]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {problems.length > 0 && (
            <p className="error-text" role="alert">
              {problems.join(' ')}
            </p>
          )}
          <div className="form-actions">
            <button type="submit">Add recommendation</button>
          </div>
        </form>
      )}
    </section>
  );
}

// ---------------------------------------------------------------- review of the previous version

export function PreviousReviewEditor({ report, apply, frozen }: { report: Report; apply: ApplyEdit; frozen: boolean }) {
  const id = useId();
  const prev = report.previousRecommendations;
  if (!prev.length)
    return (
      <p className="hint">
        {report.previousIds ? `Version ${report.previousIds.version} made no recommendations.` : 'This is the first version: the next version reviews its recommendations here.'}
      </p>
    );
  return (
    <section className="list-editor" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>Recommendations of version {prev[0]!.fromVersion} under review</h4>
      <ol className="rec-list">
        {prev.map((p, i) => {
          const r = p.recommendation;
          const n = i + 1;
          return (
            <li key={r.id} className="rec-item">
              <fieldset disabled={frozen}>
                <legend>
                  {r.category}: {r.text}
                </legend>
                <p className="hint">
                  Owner {r.owner || 'not set'}; due {r.due ? formatDateUk(r.due) : 'not set'}; status at version {p.fromVersion}: {RECOMMENDATION_STATUS_LABEL[r.status]}.
                </p>
                <div className="review-grid">
                  <label>
                    <span>Status now</span>
                    <select value={p.status} onChange={(e) => apply((x) => reviewPrevious(x, r.id, { status: e.target.value as RecommendationStatus }))} aria-label={`Status now of previous recommendation ${n}`}>
                      {RECOMMENDATION_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {RECOMMENDATION_STATUS_LABEL[s]}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="rec-text">
                    <span>Review: what happened and what it achieved</span>
                    <textarea rows={2} value={p.comment} onChange={(e) => apply((x) => reviewPrevious(x, r.id, { comment: e.target.value }), { debounce: true })} aria-label={`Review of previous recommendation ${n}`} />
                  </label>
                  <button type="button" disabled={p.carriedForward} onClick={() => apply((x) => carryForward(x, r.id))}>
                    {p.carriedForward ? 'Carried forward' : 'Carry forward to this version'}
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
