/**
 * What an analyst inserts into a section: a saved chart view (drawn with its legend), a map view (the
 * workspace's places on the bundled basemap), or a table of entities from a filtered list (kind, role,
 * agency, words), with the columns chosen. An entity table keeps the entities' ids: it shows them as
 * they are whenever the product is made (until the version is frozen).
 */
import { useId, useMemo, useState } from 'react';
import { Dialog } from '../components/Dialog';
import { ENTITY_KINDS, KIND_LABEL, ROLE_LABEL, ROLES, type EntityKind, type Role } from '../domain/model';
import { ENTITY_COLUMN_LABEL, ENTITY_COLUMNS, type EntityColumn, type Insert } from '../domain/report/model';
import type { EntityRow } from '../domain/rows';
import { newId } from '../domain/util';
import type { ChartViewRecord } from '../services/walls';
import { MAP_VIEWS } from './pictures';

export function ChartInsertDialog({ views, onClose, onInsert }: { views: readonly ChartViewRecord[]; onClose: () => void; onInsert: (ins: Insert) => void }) {
  const id = useId();
  const [viewId, setViewId] = useState(views[0]?.id ?? '');
  const [caption, setCaption] = useState('');
  const view = views.find((v) => v.id === viewId);
  return (
    <Dialog title="Insert a chart view" onClose={onClose}>
      {views.length === 0 ? (
        <p>No chart view is saved yet. Open the Chart section once: its views (the main wall, the meeting view and any you make) are saved there.</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!view) return;
            onInsert({ id: newId('insert'), type: 'chart-view', viewId: view.id, name: view.name, ...(caption.trim() ? { caption: caption.trim() } : {}) });
            onClose();
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-view`}>Saved chart view</label>
            <select id={`${id}-view`} value={viewId} onChange={(e) => setViewId(e.target.value)}>
              {views.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name} ({v.nodes.length} entities)
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-caption`}>Caption (optional)</label>
            <input id={`${id}-caption`} value={caption} onChange={(e) => setCaption(e.target.value)} placeholder={view ? `Link chart: ${view.name}` : ''} />
          </div>
          <p className="hint">
            Drawn as the chart stands where its entities were last placed, with the legend and the security marking; young people by pseudonym and the places where
            they live or are placed by postcode district, for every audience. Material a recipient may not receive is left out of their picture.
          </p>
          <div className="form-actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={!view}>
              Insert chart view
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

export function MapInsertDialog({ onClose, onInsert }: { onClose: () => void; onInsert: (ins: Insert) => void }) {
  const id = useId();
  const [viewId, setViewId] = useState(MAP_VIEWS[0]!.id);
  const [caption, setCaption] = useState('');
  const view = MAP_VIEWS.find((v) => v.id === viewId) ?? MAP_VIEWS[0]!;
  return (
    <Dialog title="Insert a map view" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onInsert({ id: newId('insert'), type: 'map-view', viewId: view.id, name: view.name, ...(caption.trim() ? { caption: caption.trim() } : {}) });
          onClose();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-view`}>Map view</label>
          <select id={`${id}-view`} value={viewId} onChange={(e) => setViewId(e.target.value)}>
            {MAP_VIEWS.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-caption`}>Caption (optional)</label>
          <input id={`${id}-caption`} value={caption} onChange={(e) => setCaption(e.target.value)} placeholder={`Map: ${view.name}`} />
        </div>
        <p className="hint">
          Every located place of the workspace on the bundled basemap, fitted to what is drawn, with the legend, a scale bar and the security marking. Places where a
          young person lives or is placed are shown only by postcode district, and young people by pseudonym.
        </p>
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Insert map view
          </button>
        </div>
      </form>
    </Dialog>
  );
}

const DEFAULT_COLUMNS: Record<EntityKind | '', EntityColumn[]> = {
  '': ['label', 'kind', 'role', 'links'],
  person: ['label', 'role', 'age', 'sex', 'agencies', 'links'],
  vehicle: ['label', 'type', 'agencies', 'links'],
  phone: ['label', 'type', 'agencies', 'links'],
  address: ['label', 'type', 'postcode', 'links'],
  business: ['label', 'type', 'agencies', 'items', 'links'],
  hotspot: ['label', 'type', 'agencies', 'items', 'links'],
};
const MAX_ROWS = 300;
const KIND_PLURAL: Record<EntityKind, string> = {
  person: 'People',
  vehicle: 'Vehicles',
  phone: 'Phones and online handles',
  address: 'Addresses',
  business: 'Businesses',
  hotspot: 'Hot spots',
};
const ROLE_PLURAL: Record<Role, string> = {
  'young-person-at-risk': 'Young people at risk',
  organiser: 'Organisers',
  facilitator: 'Facilitators',
  abuser: 'Abusers',
  associate: 'Associates',
  witness: 'Witnesses',
  professional: 'Professionals',
};

export function TableInsertDialog({ rows, onClose, onInsert }: { rows: readonly EntityRow[]; onClose: () => void; onInsert: (ins: Insert) => void }) {
  const id = useId();
  const [kind, setKind] = useState<EntityKind | ''>('person');
  const [role, setRole] = useState<Role | ''>('organiser');
  const [agency, setAgency] = useState('');
  const [words, setWords] = useState('');
  const [columns, setColumns] = useState<EntityColumn[]>(DEFAULT_COLUMNS.person);
  const [title, setTitle] = useState('');
  const agencies = useMemo(() => [...new Set(rows.flatMap((r) => r.agencies))].sort(), [rows]);
  const matching = useMemo(() => {
    const q = words.trim().toLowerCase();
    return rows.filter(
      (r) =>
        (!kind || r.kind === kind) &&
        (!role || r.roles.includes(role)) &&
        (!agency || r.agencies.includes(agency)) &&
        (!q || r.label.toLowerCase().includes(q) || r.sub.toLowerCase().includes(q)),
    );
  }, [rows, kind, role, agency, words]);
  const suggested = [role ? ROLE_PLURAL[role] : kind ? KIND_PLURAL[kind] : 'Entities', agency ? `known to ${agency}` : '', words.trim() ? `matching “${words.trim()}”` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <Dialog title="Insert an entity table" onClose={onClose} wide>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!matching.length) return;
          onInsert({ id: newId('insert'), type: 'entity-table', title: title.trim() || suggested, entityIds: matching.slice(0, MAX_ROWS).map((r) => r.id), columns: columns.length ? columns : ['label'] });
          onClose();
        }}
      >
        <fieldset>
          <legend>Which entities</legend>
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${id}-kind`}>Kind</label>
              <select
                id={`${id}-kind`}
                value={kind}
                onChange={(e) => {
                  const k = e.target.value as EntityKind | '';
                  setKind(k);
                  if (k !== 'person' && k !== '') setRole('');
                  setColumns(DEFAULT_COLUMNS[k]);
                }}
              >
                <option value="">Every kind</option>
                {ENTITY_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABEL[k]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-role`}>Role</label>
              <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role | '')} disabled={kind !== '' && kind !== 'person'}>
                <option value="">Any role</option>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABEL[r]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-agency`}>Agency</label>
              <select id={`${id}-agency`} value={agency} onChange={(e) => setAgency(e.target.value)}>
                <option value="">Any agency</option>
                {agencies.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-words`}>Containing the words</label>
              <input id={`${id}-words`} value={words} onChange={(e) => setWords(e.target.value)} />
            </div>
          </div>
          <p role="status" className="hint">
            {matching.length.toLocaleString('en-GB')} {matching.length === 1 ? 'entity matches' : 'entities match'}
            {matching.length > MAX_ROWS ? `: the first ${MAX_ROWS} (by name) go in the table` : ''}.
          </p>
        </fieldset>
        <fieldset>
          <legend>Columns</legend>
          <div className="column-picks">
            {ENTITY_COLUMNS.map((c) => (
              <label key={c} className="inline">
                <input type="checkbox" checked={columns.includes(c)} onChange={(e) => setColumns(e.target.checked ? ENTITY_COLUMNS.filter((x) => x === c || columns.includes(x)) : columns.filter((x) => x !== c))} />{' '}
                {ENTITY_COLUMN_LABEL[c]}
              </label>
            ))}
          </div>
          <p className="hint">Young people are named by pseudonym and shown by age band; places where they live by postcode district. Counts below 5 become “&lt;5” for the strategic board.</p>
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-title`}>Table title</label>
          <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} placeholder={suggested} />
        </div>
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!matching.length}>
            Insert table of {Math.min(MAX_ROWS, matching.length)}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
