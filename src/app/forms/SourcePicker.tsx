/**
 * Choosing the intelligence items a fact or link comes from ("provenance first"): pick existing items by
 * searching their reference, agency, author and text, or record a new item inline. The inline item is
 * saved by the calling form in the same transaction as the facts it supports (services/records
 * saveItemWith), so a fact is never stored without the item it cites.
 *
 * Also home of the intelligence-item fields (ItemFields) shared with ItemForm, and the draft <-> item
 * conversions.
 */
import Fuse from 'fuse.js';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { Field, problemFor } from '../../components/Field';
import {
  HANDLING_3X5X2,
  HANDLING_5X5X5,
  HANDLING_MEANING_3X5X2,
  INTEL_3X5X2,
  INTEL_5X5X5,
  INTEL_MEANING_3X5X2,
  SOURCE_3X5X2,
  SOURCE_5X5X5,
  SOURCE_MEANING_3X5X2,
  gradingCode,
  type Grading,
  type Handling3x5x2,
  type Intel3x5x2,
  type Source3x5x2,
} from '../../domain/grading';
import { AGENCY_TYPES, AGENCY_TYPE_LABEL, type AgencyType, type IntelItem } from '../../domain/model';
import { foldText, formatDateUk, todayIso } from '../../domain/normalise';
import { newId, nowIso } from '../../domain/util';
import type { Problem } from '../../domain/validate';
import { useKnownAgencies, useSession, useWorkspaceData } from '../../hooks/session';

// ---------------------------------------------------------------- drafts

export type GradingSchemeChoice = Grading['scheme'];
type Source5 = (typeof SOURCE_5X5X5)[number];
type Intel5 = (typeof INTEL_5X5X5)[number];
type Handling5 = (typeof HANDLING_5X5X5)[number];

/** An intelligence item as typed in a form (every field a string, both schemes' codes kept while switching). */
export interface ItemDraft {
  agency: string;
  agencyType: AgencyType;
  reference: string;
  author: string;
  dateOfIntelligence: string;
  dateRecorded: string;
  text: string;
  statementType: 'fact' | 'assessment';
  scheme: GradingSchemeChoice;
  g3: {
    source: Source3x5x2;
    intelligence: Intel3x5x2;
    handling: Handling3x5x2;
    conditions: string;
    actionCode: '' | 'A1' | 'A2' | 'A3';
    sanitisation: '' | 'S1' | 'S2';
  };
  g5: { source: Source5; intelligence: Intel5; handling: Handling5 };
}

export function emptyItemDraft(author = ''): ItemDraft {
  return {
    agency: '',
    agencyType: 'police',
    reference: '',
    author,
    dateOfIntelligence: '',
    dateRecorded: todayIso(),
    text: '',
    statementType: 'fact',
    scheme: '3x5x2',
    g3: { source: '2', intelligence: 'C', handling: 'P', conditions: '', actionCode: '', sanitisation: '' },
    g5: { source: 'C', intelligence: '3', handling: '1' },
  };
}

export function draftFromItem(item: IntelItem): ItemDraft {
  const d = emptyItemDraft(item.author);
  const g = item.grading;
  return {
    ...d,
    agency: item.agency,
    agencyType: item.agencyType,
    reference: item.reference,
    dateOfIntelligence: item.dateOfIntelligence ?? '',
    dateRecorded: item.dateRecorded,
    text: item.text,
    statementType: item.statementType,
    scheme: g.scheme,
    g3:
      g.scheme === '3x5x2'
        ? {
            source: g.source,
            intelligence: g.intelligence,
            handling: g.handling,
            conditions: g.conditions ?? '',
            actionCode: g.actionCode ?? '',
            sanitisation: g.sanitisation ?? '',
          }
        : d.g3,
    g5: g.scheme === '5x5x5' ? { source: g.source, intelligence: g.intelligence, handling: g.handling } : d.g5,
  };
}

export function gradingFromDraft(d: ItemDraft): Grading {
  switch (d.scheme) {
    case '3x5x2': {
      const { source, intelligence, handling } = d.g3;
      if (handling === 'P') return { scheme: '3x5x2', source, intelligence, handling };
      const conditions = d.g3.conditions.trim();
      return {
        scheme: '3x5x2',
        source,
        intelligence,
        handling,
        ...(conditions ? { conditions } : {}),
        ...(d.g3.actionCode ? { actionCode: d.g3.actionCode } : {}),
        ...(d.g3.sanitisation ? { sanitisation: d.g3.sanitisation } : {}),
      };
    }
    case '5x5x5':
      return { scheme: '5x5x5', ...d.g5 };
    case 'ungraded':
      return { scheme: 'ungraded' };
  }
}

/**
 * The intelligence item a draft describes. `user` (the local user) is the author when none was typed.
 * Pass `existing` to keep the id and creation time of an item being edited.
 */
export function buildNewItem(workspaceId: string, draft: ItemDraft, user: string, existing: IntelItem | null = null): IntelItem {
  const now = nowIso();
  const dateOfIntelligence = draft.dateOfIntelligence.trim();
  const item: IntelItem = {
    id: existing?.id ?? newId('it'),
    workspaceId,
    agency: draft.agency.trim().replace(/\s+/g, ' '),
    agencyType: draft.agencyType,
    reference: draft.reference.trim(),
    author: draft.author.trim() || user,
    dateRecorded: draft.dateRecorded.trim(),
    text: draft.text.trim(),
    statementType: draft.statementType,
    grading: gradingFromDraft(draft),
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  if (dateOfIntelligence) item.dateOfIntelligence = dateOfIntelligence;
  if (existing?.origin) item.origin = existing.origin;
  return item;
}

/** Problems prefixed "item." (as the entity and link forms keep them) back to the item's own field names. */
export function itemProblemsOf(problems: Problem[], prefix = 'item.'): Problem[] {
  return problems.filter((p) => p.field.startsWith(prefix)).map((p) => ({ ...p, field: p.field.slice(prefix.length) }));
}

// ---------------------------------------------------------------- item fields

const SOURCE_5X5X5_MEANING: Record<Source5, string> = {
  A: 'Always reliable',
  B: 'Mostly reliable',
  C: 'Sometimes reliable',
  D: 'Unreliable',
  E: 'Untested source',
};
const INTEL_5X5X5_MEANING: Record<Intel5, string> = {
  '1': 'Known to be true without reservation',
  '2': 'Known personally to source but not to officer',
  '3': 'Not personally known to source but corroborated',
  '4': 'Cannot be judged',
  '5': 'Suspected to be false',
};
const HANDLING_5X5X5_MEANING: Record<Handling5, string> = {
  '1': 'May be disseminated to other law enforcement and prosecuting agencies',
  '2': 'May be disseminated to UK non-prosecuting parties',
  '3': 'May be disseminated to non-EU law enforcement',
  '4': 'Originating agency only',
  '5': 'No further dissemination: refer to the originator',
};

const SCHEME_LABEL: Record<GradingSchemeChoice, string> = { '3x5x2': '3x5x2', '5x5x5': '5x5x5 (legacy)', ungraded: 'Ungraded' };

/**
 * The fields of an intelligence item. `problems` use the item's own field names ("agency", "grading").
 * The author field is shown only when `showAuthor` (the inline item takes the local user as author).
 */
export function ItemFields({
  draft,
  onChange,
  problems,
  showAuthor = false,
}: {
  draft: ItemDraft;
  onChange: (d: ItemDraft) => void;
  problems: Problem[];
  showAuthor?: boolean;
}) {
  const schemeName = useId();
  const set = <K extends keyof ItemDraft>(key: K, value: ItemDraft[K]) => onChange({ ...draft, [key]: value });
  const set3 = <K extends keyof ItemDraft['g3']>(key: K, value: ItemDraft['g3'][K]) =>
    onChange({ ...draft, g3: { ...draft.g3, [key]: value } });
  const set5 = <K extends keyof ItemDraft['g5']>(key: K, value: ItemDraft['g5'][K]) =>
    onChange({ ...draft, g5: { ...draft.g5, [key]: value } });
  const gradingError = problemFor(problems, 'grading');
  // Agencies already in the workspace are offered as the analyst types, and bring their agency type.
  const agencyListId = useId();
  const knownAgencies = useKnownAgencies();
  const setAgency = (agency: string) => {
    const type = knownAgencies.get(agency.trim());
    onChange({ ...draft, agency, ...(type ? { agencyType: type } : {}) });
  };

  return (
    <div className="item-fields">
      <datalist id={agencyListId}>
        {[...knownAgencies.keys()].sort().map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <div className="form-grid">
        <Field label="Agency" error={problemFor(problems, 'agency')} hint='The originating agency, e.g. "Northshire Police".'>
          <input type="text" list={agencyListId} value={draft.agency} onChange={(e) => setAgency(e.target.value)} autoComplete="off" />
        </Field>
        <Field label="Agency type">
          <select value={draft.agencyType} onChange={(e) => set('agencyType', e.target.value as AgencyType)}>
            {AGENCY_TYPES.map((t) => (
              <option key={t} value={t}>
                {AGENCY_TYPE_LABEL[t]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Reference" error={problemFor(problems, 'reference')} hint="The originating agency's own reference.">
          <input type="text" value={draft.reference} onChange={(e) => set('reference', e.target.value)} autoComplete="off" />
        </Field>
        {showAuthor && (
          <Field label="Author" error={problemFor(problems, 'author')}>
            <input type="text" value={draft.author} onChange={(e) => set('author', e.target.value)} autoComplete="off" />
          </Field>
        )}
        <Field
          label="Date of intelligence"
          error={problemFor(problems, 'dateOfIntelligence')}
          hint="When it happened or was seen, if known."
        >
          <input type="date" value={draft.dateOfIntelligence} onChange={(e) => set('dateOfIntelligence', e.target.value)} />
        </Field>
        <Field label="Date recorded" error={problemFor(problems, 'dateRecorded')}>
          <input type="date" value={draft.dateRecorded} onChange={(e) => set('dateRecorded', e.target.value)} />
        </Field>
        <Field label="Statement type" hint="Is this something that happened, or someone's judgement?">
          <select value={draft.statementType} onChange={(e) => set('statementType', e.target.value as ItemDraft['statementType'])}>
            <option value="fact">Fact</option>
            <option value="assessment">Assessment</option>
          </select>
        </Field>
      </div>
      <Field label="Text" error={problemFor(problems, 'text')}>
        <textarea rows={4} value={draft.text} onChange={(e) => set('text', e.target.value)} />
      </Field>

      <fieldset className="fieldset grading">
        <legend>Grading scheme</legend>
        <div className="radio-row">
          {(['3x5x2', '5x5x5', 'ungraded'] as const).map((s) => (
            <label key={s} className="radio">
              <input type="radio" name={schemeName} value={s} checked={draft.scheme === s} onChange={() => set('scheme', s)} />
              {SCHEME_LABEL[s]}
            </label>
          ))}
        </div>
        {draft.scheme === '3x5x2' && (
          <div className="form-grid">
            <Field label="Source evaluation">
              <select value={draft.g3.source} onChange={(e) => set3('source', e.target.value as Source3x5x2)}>
                {SOURCE_3X5X2.map((c) => (
                  <option key={c} value={c}>
                    {c}: {SOURCE_MEANING_3X5X2[c]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Intelligence assessment">
              <select value={draft.g3.intelligence} onChange={(e) => set3('intelligence', e.target.value as Intel3x5x2)}>
                {INTEL_3X5X2.map((c) => (
                  <option key={c} value={c}>
                    {c}: {INTEL_MEANING_3X5X2[c]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Handling code">
              <select value={draft.g3.handling} onChange={(e) => set3('handling', e.target.value as Handling3x5x2)}>
                {HANDLING_3X5X2.map((c) => (
                  <option key={c} value={c}>
                    {c}: {HANDLING_MEANING_3X5X2[c]}
                  </option>
                ))}
              </select>
            </Field>
            {draft.g3.handling === 'C' && (
              <>
                <Field label="Action code">
                  <select
                    value={draft.g3.actionCode}
                    onChange={(e) => set3('actionCode', e.target.value as ItemDraft['g3']['actionCode'])}
                  >
                    <option value="">None</option>
                    <option value="A1">A1</option>
                    <option value="A2">A2</option>
                    <option value="A3">A3</option>
                  </select>
                </Field>
                <Field label="Sanitisation">
                  <select
                    value={draft.g3.sanitisation}
                    onChange={(e) => set3('sanitisation', e.target.value as ItemDraft['g3']['sanitisation'])}
                  >
                    <option value="">None</option>
                    <option value="S1">S1</option>
                    <option value="S2">S2: not to be sanitised without the originator</option>
                  </select>
                </Field>
                <Field label="Handling conditions" hint="The conditions the originator set for sharing.">
                  <input type="text" value={draft.g3.conditions} onChange={(e) => set3('conditions', e.target.value)} />
                </Field>
              </>
            )}
          </div>
        )}
        {draft.scheme === '5x5x5' && (
          <div className="form-grid">
            <Field label="Source evaluation">
              <select value={draft.g5.source} onChange={(e) => set5('source', e.target.value as Source5)}>
                {SOURCE_5X5X5.map((c) => (
                  <option key={c} value={c}>
                    {c}: {SOURCE_5X5X5_MEANING[c]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Intelligence evaluation">
              <select value={draft.g5.intelligence} onChange={(e) => set5('intelligence', e.target.value as Intel5)}>
                {INTEL_5X5X5.map((c) => (
                  <option key={c} value={c}>
                    {c}: {INTEL_5X5X5_MEANING[c]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Handling code">
              <select value={draft.g5.handling} onChange={(e) => set5('handling', e.target.value as Handling5)}>
                {HANDLING_5X5X5.map((c) => (
                  <option key={c} value={c}>
                    {c}: {HANDLING_5X5X5_MEANING[c]}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        )}
        {draft.scheme === 'ungraded' && <p className="hint">Partner information often carries no grade. It is kept as ungraded.</p>}
        {gradingError && (
          <p className="error-text error-anchor" role="alert" tabIndex={-1}>
            {gradingError}
          </p>
        )}
      </fieldset>
    </div>
  );
}

// ---------------------------------------------------------------- the picker

const MAX_RESULTS = 8;
/** Above this many items fuse.js gets slow per keystroke (see shared/docs/toolchain.md): scan substrings instead. */
const FUSE_LIMIT = 10000;

function itemSummary(item: IntelItem): string {
  return `${item.agency} ${item.reference} (${gradingCode(item.grading)})`;
}

function snippet(text: string, max = 90): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/**
 * A fieldset "Sources": the chosen items as removable chips, a search over the workspace's items, and a
 * toggle that reveals the fields of a new item. `error` is shown at the search box (e.g. no source
 * chosen); `itemProblems` (the item's own field names) beside the new item's fields.
 */
export function SourcePicker({
  workspaceId,
  value,
  onChange,
  newItem,
  onNewItem,
  error,
  itemProblems = [],
}: {
  workspaceId: string;
  value: string[];
  onChange: (ids: string[]) => void;
  newItem: ItemDraft | null;
  onNewItem: (draft: ItemDraft | null) => void;
  error?: string | undefined;
  itemProblems?: Problem[];
}) {
  const { user } = useSession();
  const snap = useWorkspaceData();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const resultsId = useId();

  const items = useMemo(
    () => [...snap.items.values()].filter((i) => i.workspaceId === workspaceId),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [snap.version, workspaceId],
  );
  const fuse = useMemo(
    () =>
      items.length <= FUSE_LIMIT
        ? new Fuse(items, {
            keys: [
              { name: 'reference', weight: 3 },
              { name: 'agency', weight: 2 },
              { name: 'author', weight: 1 },
              { name: 'text', weight: 1 },
            ],
            threshold: 0.35,
            ignoreLocation: true,
          })
        : null,
    [items],
  );

  // Nothing typed: the most recently recorded items, the likeliest to be cited (sorted once per version).
  const recent = useMemo(
    () => [...items].sort((a, b) => (b.dateRecorded + b.createdAt).localeCompare(a.dateRecorded + a.createdAt)),
    [items],
  );

  const results = useMemo((): IntelItem[] => {
    const chosen = new Set(value);
    const q = deferred.trim();
    if (!q) {
      const out: IntelItem[] = [];
      for (const i of recent) {
        if (!chosen.has(i.id)) out.push(i);
        if (out.length >= MAX_RESULTS) break;
      }
      return out;
    }
    if (fuse) {
      return fuse
        .search(q, { limit: MAX_RESULTS + chosen.size })
        .map((r) => r.item)
        .filter((i) => !chosen.has(i.id))
        .slice(0, MAX_RESULTS);
    }
    const fq = foldText(q);
    const out: IntelItem[] = [];
    for (const i of items) {
      if (chosen.has(i.id)) continue;
      if (foldText(`${i.reference} ${i.agency} ${i.author} ${i.text}`).includes(fq)) out.push(i);
      if (out.length >= MAX_RESULTS) break;
    }
    return out;
  }, [deferred, fuse, items, recent, value]);

  const chosenItems = value.map((id) => ({ id, item: snap.items.get(id) }));

  return (
    <fieldset className="fieldset source-picker">
      <legend>Sources</legend>
      {chosenItems.length > 0 ? (
        <ul className="source-chips" aria-label="Chosen sources">
          {chosenItems.map(({ id, item }) => (
            <li key={id} className="chip">
              {item ? (
                <span>
                  <strong>{item.agency}</strong> {item.reference} <span className="grade">{gradingCode(item.grading)}</span>
                </span>
              ) : (
                <span>Item {id} (not found)</span>
              )}
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove source ${item ? `${item.agency} ${item.reference}` : id}`}
                onClick={() => onChange(value.filter((v) => v !== id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        !newItem && <p className="hint">No intelligence item chosen yet.</p>
      )}

      <Field label="Find intelligence item" error={error} hint="Search by reference, agency, author or text.">
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            // Enter cites the best match instead of submitting the whole form.
            if (e.key !== 'Enter') return;
            e.preventDefault();
            const best = query.trim() && query === deferred ? results[0] : undefined;
            if (best) {
              onChange([...value, best.id]);
              setQuery('');
            }
          }}
          autoComplete="off"
          aria-controls={resultsId}
        />
      </Field>
      <ul id={resultsId} className="source-results" aria-label={query.trim() ? 'Matching intelligence items' : 'Recent intelligence items'}>
        {results.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className="source-result"
              onClick={() => {
                onChange([...value, item.id]);
                setQuery('');
              }}
            >
              <span className="source-result-head">
                Cite {itemSummary(item)}
                {item.dateOfIntelligence ? `, ${formatDateUk(item.dateOfIntelligence)}` : ''}
              </span>
              <span className="source-result-text">{snippet(item.text)}</span>
            </button>
          </li>
        ))}
        {results.length === 0 && query.trim() !== '' && <li className="hint">No intelligence item matches “{query.trim()}”.</li>}
        {results.length === 0 && query.trim() === '' && items.length === 0 && (
          <li className="hint">This workspace has no intelligence items yet: record a new one below.</li>
        )}
      </ul>

      <label className="checkbox">
        <input
          type="checkbox"
          checked={newItem !== null}
          onChange={(e) => onNewItem(e.target.checked ? emptyItemDraft(user) : null)}
        />
        Record a new intelligence item
      </label>
      {newItem && (
        <div className="inline-panel">
          <ItemFields draft={newItem} onChange={onNewItem} problems={itemProblems} />
        </div>
      )}
    </fieldset>
  );
}
