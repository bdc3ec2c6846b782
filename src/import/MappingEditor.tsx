/**
 * The mapping step of the import wizard: the file's settings (agency, grading, role), and for each column
 * what it maps to, with samples of its values, several-values and date-order choices, then the links the
 * rows will make. Pure editing of an ImportMapping: nothing is stored here.
 */
import { useId, useMemo } from 'react';
import { AGENCY_TYPE_LABEL, AGENCY_TYPES, LINK_TYPE_LABEL, LINK_TYPES, ROLE_LABEL, ROLES, type AgencyType, type LinkType, type Role } from '../domain/model';
import { INTEL_3X5X2, INTEL_5X5X5, SOURCE_3X5X2, SOURCE_5X5X5, type Grading } from '../domain/grading';
import { DATE_ORDER_LABEL, type DateOrder } from './dates';
import { defaultLinkRules, FIELDS, fieldDef, type ColumnMapping, type ImportMapping, type MappingIssue } from './mapping';

const NONE = '';

function targetOf(c: ColumnMapping | undefined): string {
  return c ? `${c.slot}.${c.field}` : NONE;
}

export function setColumnTarget(mapping: ImportMapping, column: number, header: string, target: string): ImportMapping {
  const columns = mapping.columns.filter((c) => c.column !== column);
  if (target !== NONE) {
    const [slot, field] = target.split('.') as [string, string];
    const prev = mapping.columns.find((c) => c.column === column);
    const kept = prev && prev.slot === slot && prev.field === field ? prev : undefined;
    columns.push(kept ?? { column, header, slot, field });
    columns.sort((a, b) => a.column - b.column);
  }
  const next = { ...mapping, columns };
  return { ...next, links: mergeLinkRules(mapping, defaultLinkRules(next)) };
}

/** Default link rules for the slots in use, keeping the types the analyst chose for the same pairs. */
function mergeLinkRules(previous: ImportMapping, defaults: ImportMapping['links']): ImportMapping['links'] {
  return defaults.map((d) => previous.links.find((p) => p.from === d.from && p.to === d.to) ?? d);
}

function GradingPicker({ value, onChange }: { value: Grading; onChange: (g: Grading) => void }) {
  const id = useId();
  return (
    <fieldset className="grading-picker">
      <legend>Grading of rows without grading columns</legend>
      <select aria-label="Grading scheme" id={id} value={value.scheme} onChange={(e) => {
        const scheme = e.target.value;
        onChange(scheme === '3x5x2' ? { scheme, source: '2', intelligence: 'C', handling: 'P' } : scheme === '5x5x5' ? { scheme, source: 'B', intelligence: '2', handling: '1' } : { scheme: 'ungraded' });
      }}>
        <option value="ungraded">Ungraded (common for partner data)</option>
        <option value="3x5x2">3x5x2</option>
        <option value="5x5x5">5x5x5 (legacy)</option>
      </select>
      {value.scheme === '3x5x2' && (
        <>
          <select aria-label="Source evaluation" value={value.source} onChange={(e) => onChange({ ...value, source: e.target.value as typeof value.source })}>
            {SOURCE_3X5X2.map((s) => <option key={s}>{s}</option>)}
          </select>
          <select aria-label="Intelligence assessment" value={value.intelligence} onChange={(e) => onChange({ ...value, intelligence: e.target.value as typeof value.intelligence })}>
            {INTEL_3X5X2.map((s) => <option key={s}>{s}</option>)}
          </select>
          <select aria-label="Handling code" value={value.handling} onChange={(e) => onChange({ ...value, handling: e.target.value as 'P' | 'C' })}>
            <option>P</option>
            <option>C</option>
          </select>
        </>
      )}
      {value.scheme === '5x5x5' && (
        <>
          <select aria-label="Source evaluation" value={value.source} onChange={(e) => onChange({ ...value, source: e.target.value as typeof value.source })}>
            {SOURCE_5X5X5.map((s) => <option key={s}>{s}</option>)}
          </select>
          <select aria-label="Intelligence evaluation" value={value.intelligence} onChange={(e) => onChange({ ...value, intelligence: e.target.value as typeof value.intelligence })}>
            {INTEL_5X5X5.map((s) => <option key={s}>{s}</option>)}
          </select>
          <select aria-label="Handling code" value={value.handling} onChange={(e) => onChange({ ...value, handling: e.target.value as typeof value.handling })}>
            {['1', '2', '3', '4', '5'].map((s) => <option key={s}>{s}</option>)}
          </select>
        </>
      )}
    </fieldset>
  );
}

export function SettingsEditor({ mapping, onChange, knownAgencies }: { mapping: ImportMapping; onChange: (m: ImportMapping) => void; knownAgencies: Map<string, AgencyType> }) {
  const listId = useId();
  const s = mapping.settings;
  const set = (patch: Partial<ImportMapping['settings']>) => onChange({ ...mapping, settings: { ...s, ...patch } });
  return (
    <div className="import-settings">
      <label>
        Agency
        <input
          aria-label="Agency"
          list={listId}
          value={s.agency}
          placeholder="e.g. Kelbridge Schools / Education Welfare"
          aria-describedby={`${listId}-hint`}
          onChange={(e) => {
            const type = knownAgencies.get(e.target.value.trim());
            set({ agency: e.target.value, ...(type ? { agencyType: type } : {}) });
          }}
        />
        <small id={`${listId}-hint`} className="hint">
          The originating agency: every row becomes an intelligence item from it.
        </small>
      </label>
      <datalist id={listId}>
        {[...knownAgencies.keys()].sort().map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <label>
        Agency type
        <select aria-label="Agency type" value={s.agencyType} onChange={(e) => set({ agencyType: e.target.value as AgencyType })}>
          {AGENCY_TYPES.map((t) => (
            <option key={t} value={t}>
              {AGENCY_TYPE_LABEL[t]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Role of the people in this file
        <select aria-label="Role of the people in this file" value={s.defaultRole ?? ''} onChange={(e) => set({ defaultRole: (e.target.value || undefined) as Role | undefined })}>
          <option value="">None (from a column, if mapped)</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Statement type
        <select aria-label="Statement type" value={s.statementType} onChange={(e) => set({ statementType: e.target.value as 'fact' | 'assessment' })}>
          <option value="fact">Fact</option>
          <option value="assessment">Assessment</option>
        </select>
      </label>
      <GradingPicker value={s.defaultGrading} onChange={(g) => set({ defaultGrading: g })} />
      <fieldset>
        <legend>A cell that cannot be read</legend>
        <label className="inline">
          <input type="radio" name="policy" checked={s.problemPolicy === 'keep-row'} onChange={() => set({ problemPolicy: 'keep-row' })} /> Leave the value out, import the rest of
          the row (the value stays in the item's text)
        </label>
        <label className="inline">
          <input type="radio" name="policy" checked={s.problemPolicy === 'quarantine-row'} onChange={() => set({ problemPolicy: 'quarantine-row' })} /> Quarantine the whole row
        </label>
      </fieldset>
    </div>
  );
}

export function ColumnsEditor({
  mapping,
  onChange,
  headers,
  sample,
  issues,
  reasons,
}: {
  mapping: ImportMapping;
  onChange: (m: ImportMapping) => void;
  headers: string[];
  sample: string[][];
  issues: MappingIssue[];
  reasons: Map<number, string>;
}) {
  const options = useMemo(
    () =>
      mapping.slots.map((slot) => ({
        slot,
        fields: FIELDS[slot.kind].map((f) => ({ value: `${slot.id}.${f.field}`, label: f.label })),
      })),
    [mapping.slots],
  );
  const update = (column: number, patch: Partial<ColumnMapping>) =>
    onChange({ ...mapping, columns: mapping.columns.map((c) => (c.column === column ? { ...c, ...patch } : c)) });

  return (
    <table className="data-table columns-table">
      <caption className="visually-hidden">Columns of the file and what each becomes</caption>
      <thead>
        <tr>
          <th scope="col">Column</th>
          <th scope="col">Sample values</th>
          <th scope="col">Becomes</th>
          <th scope="col">Options</th>
        </tr>
      </thead>
      <tbody>
        {headers.map((h, i) => {
          const c = mapping.columns.find((x) => x.column === i);
          const slot = c ? mapping.slots.find((s) => s.id === c.slot) : undefined;
          const def = c && slot ? fieldDef(slot.kind, c.field) : undefined;
          const samples = [...new Set(sample.map((r) => r[i] ?? '').filter((v) => v.trim()))].slice(0, 3);
          const colIssues = issues.filter((x) => x.column === i);
          return (
            <tr key={i} className={colIssues.some((x) => x.level === 'error') ? 'row-error' : undefined}>
              <th scope="row">{h}</th>
              <td className="samples">
                {samples.length ? samples.map((v, k) => <span key={k} className="sample">{v.length > 40 ? `${v.slice(0, 40)}…` : v}</span>) : <span className="hint">empty in the first rows</span>}
              </td>
              <td>
                <select aria-label={`Column "${h}" becomes`} value={targetOf(c)} onChange={(e) => onChange(setColumnTarget(mapping, i, h, e.target.value))}>
                  <option value={NONE}>Not imported (kept in the item's text)</option>
                  {options.map((o) => (
                    <optgroup key={o.slot.id} label={o.slot.label}>
                      {o.fields.map((f) => (
                        <option key={f.value} value={f.value}>
                          {o.slot.label}: {f.label}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
                {reasons.get(i) && <small className="hint"> Suggested from {reasons.get(i)}</small>}
                {colIssues.map((x, k) => (
                  <small key={k} className={x.level === 'error' ? 'error-text block' : 'warning-text block'} role={x.level === 'error' ? 'alert' : undefined}>
                    {x.message}
                  </small>
                ))}
              </td>
              <td className="col-options">
                {c && def && (def.combine === 'entities' || def.combine === 'list') && (
                  <label className="inline">
                    <input type="checkbox" checked={!!c.split} onChange={(e) => update(i, { split: e.target.checked })} /> Several values per cell
                  </label>
                )}
                {c && def?.type === 'date' && (
                  <label>
                    Read dates as{' '}
                    <select aria-label={`Date order of column "${h}"`} value={c.dateOrder ?? ''} onChange={(e) => update(i, { dateOrder: (e.target.value || undefined) as DateOrder | undefined })}>
                      <option value="">Not chosen</option>
                      {(Object.keys(DATE_ORDER_LABEL) as DateOrder[]).map((o) => (
                        <option key={o} value={o}>
                          {DATE_ORDER_LABEL[o]}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
                {c && c.field === 'identifier' && (
                  <label>
                    System{' '}
                    <input aria-label={`Identifier system of column "${h}"`} value={c.scheme ?? h} onChange={(e) => update(i, { scheme: e.target.value })} size={10} />
                  </label>
                )}
                {c && c.field === 'handle' && (
                  <label>
                    Platform{' '}
                    <input aria-label={`Platform of column "${h}"`} value={c.platform ?? ''} onChange={(e) => update(i, { platform: e.target.value })} size={10} />
                  </label>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function LinkRulesEditor({ mapping, onChange }: { mapping: ImportMapping; onChange: (m: ImportMapping) => void }) {
  if (!mapping.links.length) return <p className="hint">No links: map columns to two or more things (a person and a phone, say) and each row links them.</p>;
  const label = (id: string) => mapping.slots.find((s) => s.id === id)?.label ?? id;
  return (
    <ul className="link-rules">
      {mapping.links.map((r, i) => (
        <li key={`${r.from}-${r.to}`}>
          {label(r.from)}{' '}
          <select
            aria-label={`Link from ${label(r.from)} to ${label(r.to)}`}
            value={r.type}
            onChange={(e) => onChange({ ...mapping, links: mapping.links.map((x, k) => (k === i ? { ...x, type: e.target.value as LinkType } : x)) })}
          >
            {LINK_TYPES.map((t) => (
              <option key={t} value={t}>
                {LINK_TYPE_LABEL[t].toLowerCase()}
              </option>
            ))}
          </select>{' '}
          {label(r.to)}
          <button type="button" className="link-button" onClick={() => onChange({ ...mapping, links: mapping.links.filter((_, k) => k !== i) })} aria-label={`Remove the link from ${label(r.from)} to ${label(r.to)}`}>
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}
