/**
 * Entities: every entity of the workspace in a virtualised table (stays fast at 100,000 rows), with
 * filters by kind, role, agency and text (search-as-you-type through the in-memory search index), and the
 * detail panel of the selected entity beside it.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { KindIcon } from '../components/icons';
import { KindOptions, RoleOptions } from '../components/options';
import { AGENCY_TYPE_LABEL, ENTITY_KINDS, KIND_LABEL, ROLE_LABEL, ROLES, type AgencyType, type EntityKind, type Role } from '../domain/model';
import { foldText } from '../domain/normalise';
import type { EntityRow } from '../domain/rows';
import { plural } from '../domain/util';
import { useSession, useWorkspaceData } from '../hooks/session';
import { logAudit } from '../services/commit';
import { DetailPanel } from './DetailPanel';
import { MergeSelectedButton } from './duplicates/ComparePair';
import { useSelection } from '../hooks/selection';
import { EntityForm } from './forms/EntityForm';
import { navigate } from './router';
import { WorkspaceOverview } from './WorkspaceOverview';

type Row = EntityRow;

type SortBy = 'label' | 'kind' | 'links' | 'updated';

const ROW_HEIGHT = 44;

const AGENCY_ABBR: Record<AgencyType, string> = {
  police: 'POL',
  'childrens-social-care': 'CSC',
  health: 'HLT',
  education: 'EDU',
  'youth-offending': 'YOS',
  'voluntary-sector': 'VOL',
  housing: 'HSG',
  probation: 'PRB',
  other: 'OTH',
};

export function EntitiesView({ workspaceId, selected }: { workspaceId: string; selected: string | null }) {
  const data = useWorkspaceData();
  const session = useSession();
  const [kind, setKind] = useState<EntityKind | ''>('');
  const [role, setRole] = useState<Role | ''>('');
  const [agency, setAgency] = useState('');
  const [text, setText] = useState('');
  // People first, then vehicles, phones... each by name; while searching, best matches first.
  const [sortBy, setSortBy] = useState<SortBy>('kind');
  const [creating, setCreating] = useState<EntityKind | null>(null);
  const query = useDeferredValue(text);
  const searchRef = useRef<HTMLInputElement>(null);

  const rows = data.rows;

  const agencies = useMemo(() => [...new Set(rows.flatMap((r) => r.agencies))].sort(), [rows]);

  const visible = useMemo(() => {
    let list = rows;
    const q = query.trim();
    if (q) {
      if (data.search) {
        const { hits } = data.search.search(q, 100000);
        const byId = new Map(rows.map((r, i) => [r.id, i] as const));
        const found: Row[] = [];
        for (const h of hits) {
          const i = byId.get(h.id);
          if (i !== undefined) found.push(rows[i] as Row);
        }
        list = found;
      } else {
        const f = foldText(q);
        list = rows.filter((r) => foldText(r.label).includes(f));
      }
    }
    if (kind) list = list.filter((r) => r.kind === kind);
    if (role) list = list.filter((r) => r.roles.includes(role));
    if (agency) list = list.filter((r) => r.agencies.includes(agency));
    const byRelevance = q && (sortBy === 'kind' || sortBy === 'label');
    if (!byRelevance && sortBy !== 'label') {
      if (sortBy === 'kind') list = [...list].sort((a, b) => ENTITY_KINDS.indexOf(a.kind) - ENTITY_KINDS.indexOf(b.kind));
      else if (sortBy === 'links') list = [...list].sort((a, b) => b.links - a.links);
      else if (sortBy === 'updated') list = [...list].sort((a, b) => (b.updatedAt < a.updatedAt ? -1 : b.updatedAt > a.updatedAt ? 1 : 0));
    }
    return list;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, query, kind, role, agency, sortBy, data.search, data.version]);

  // Searching is consultation under DPA 2018 s.62: log the search once the user pauses typing.
  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    const t = setTimeout(() => {
      void logAudit(session, workspaceId, { category: 'consultation', action: 'search', summary: `Searched entities for "${q}"` });
    }, 2500);
    return () => clearTimeout(t);
  }, [query, session, workspaceId]);

  // The selection is shared with the chart and the map: what is picked there is picked here too.
  const [shared, setShared] = useSelection(workspaceId);
  const select = (id: string | null, additive = false) => {
    if (additive && id) {
      const next = shared.includes(id) ? shared.filter((x) => x !== id) : [...shared.filter((x) => data.entities.has(x)), id];
      setShared(next);
      navigate({ page: 'workspace', workspaceId, section: 'entities', selected: next.at(-1) ?? null }, true);
      return;
    }
    setShared(id ? [id] : []);
    navigate({ page: 'workspace', workspaceId, section: 'entities', selected: id }, true);
  };
  useEffect(() => {
    if (selected && !shared.includes(selected)) setShared([selected]);
    else if (!selected) {
      const first = shared.find((id) => data.entities.has(id));
      if (first) navigate({ page: 'workspace', workspaceId, section: 'entities', selected: first }, true);
    }
    // Follows the route and the shared selection, not the data.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected, shared]);
  const marked = useMemo(() => new Set([...shared, ...(selected ? [selected] : [])]), [shared, selected]);
  const selectedEntity = selected ? data.entities.get(selected) ?? null : null;

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === '/' && document.activeElement?.tagName !== 'INPUT' && document.activeElement?.tagName !== 'TEXTAREA' && !document.querySelector('dialog[open]')) {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="entities-view">
      <div className="entities-main">
        <div className="toolbar" role="search">
          <label className="search-box">
            <span className="visually-hidden">Search entities</span>
            <input
              ref={searchRef}
              type="search"
              placeholder="Search names, nicknames, plates, phones, postcodes…  ( / )"
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-label="Search entities"
              aria-describedby="result-count"
            />
          </label>
          <label>
            <span className="visually-hidden">Kind</span>
            <select aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value as EntityKind | '')}>
              <KindOptions />
            </select>
          </label>
          <label>
            <span className="visually-hidden">Role</span>
            <select aria-label="Role" value={role} onChange={(e) => setRole(e.target.value as Role | '')}>
              <RoleOptions roles={ROLES} />
            </select>
          </label>
          <label>
            <span className="visually-hidden">Agency</span>
            <select aria-label="Agency" value={agency} onChange={(e) => setAgency(e.target.value)}>
              <option value="">All agencies</option>
              {agencies.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
          <div className="new-buttons" role="group" aria-label="New entity">
            <span className="new-label" aria-hidden="true">
              New
            </span>
            {ENTITY_KINDS.map((k) => (
              <button key={k} type="button" onClick={() => setCreating(k)} aria-label={`New ${KIND_LABEL[k].toLowerCase()}`} title={`New ${KIND_LABEL[k].toLowerCase()}`}>
                <span aria-hidden="true">+</span>
                <KindIcon kind={k} size={16} />
              </button>
            ))}
          </div>
        </div>
        <p id="result-count" className="result-count" aria-live="polite" data-query={query} data-ready={data.search ? 'true' : 'false'}>
          {query.trim() || kind || role || agency
            ? `${plural(visible.length, 'match', 'matches')} of ${plural(rows.length, 'entity', 'entities')}`
            : plural(rows.length, 'entity', 'entities')}
          {query.trim() && !data.search ? ' (search index still building: exact text only)' : ''}
        </p>
        <EntityTable rows={visible} selected={selected} marked={marked} onSelect={select} sortBy={sortBy} onSort={setSortBy} />
      </div>
      {marked.size > 1 ? (
        <aside className="detail-panel" aria-label="Selection">
          <h2>{marked.size} selected</h2>
          <p className="hint">Ctrl-click (or Ctrl+Enter) a row to add it to the selection or take it out. The chart and the map show the same selection.</p>
          <ul>
            {[...marked].map((id) => {
              const r = data.rows.find((x) => x.id === id);
              return r ? (
                <li key={id}>
                  <button type="button" className="link-button" onClick={() => select(id)}>
                    {r.label}
                  </button>{' '}
                  <span className="hint">{KIND_LABEL[r.kind]}</span>
                </li>
              ) : null;
            })}
          </ul>
          <MergeSelectedButton workspaceId={workspaceId} ids={[...marked]} />
        </aside>
      ) : selectedEntity ? (
        <DetailPanel key={selectedEntity.id} entity={selectedEntity} onClose={() => select(null)} onSelect={select} />
      ) : selected && !data.complete ? (
        <aside className="detail-panel detail-empty" aria-label="Details" aria-busy="true">
          <p>Loading the full record…</p>
        </aside>
      ) : (
        <WorkspaceOverview />
      )}
      {creating && (
        <EntityForm
          workspaceId={workspaceId}
          kind={creating}
          existing={null}
          onClose={(id) => {
            setCreating(null);
            if (id) select(id);
          }}
        />
      )}
    </div>
  );
}

function EntityTable({
  rows,
  selected,
  marked,
  onSelect,
  sortBy,
  onSort,
}: {
  rows: readonly Row[];
  selected: string | null;
  /** Every row in the (shared) selection. */
  marked: ReadonlySet<string>;
  onSelect: (id: string, additive?: boolean) => void;
  sortBy: SortBy;
  onSort: (s: SortBy) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  useEffect(() => {
    const i = selected ? rows.findIndex((r) => r.id === selected) : -1;
    if (i >= 0) {
      setActive(i);
      // A selection made elsewhere (the chart, the map) is scrolled into view.
      virtualizer.scrollToIndex(i, { align: 'auto' });
    }
    // Follows the selection, not every render of the virtualiser.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected, rows]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    let next = active;
    if (e.key === 'ArrowDown') next = Math.min(rows.length - 1, active + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, active - 1);
    else if (e.key === 'PageDown') next = Math.min(rows.length - 1, active + 15);
    else if (e.key === 'PageUp') next = Math.max(0, active - 15);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = rows.length - 1;
    else if (e.key === 'Enter' || e.key === ' ') {
      const r = rows[active];
      if (r) onSelect(r.id, e.ctrlKey || e.metaKey);
      e.preventDefault();
      return;
    } else return;
    e.preventDefault();
    setActive(next);
    virtualizer.scrollToIndex(next);
  };

  const header = (label: string, key: SortBy | null, className: string) => (
    <div role="columnheader" className={`cell ${className}`} aria-sort={key && sortBy === key ? (key === 'label' || key === 'kind' ? 'ascending' : 'descending') : undefined}>
      {key ? (
        <button type="button" className="sort-button" onClick={() => onSort(key)}>
          {label}
          {sortBy === key ? <span aria-hidden="true"> ▾</span> : null}
        </button>
      ) : (
        label
      )}
    </div>
  );

  const activeRow = rows[active];
  return (
    <div className="entity-table" role="grid" aria-label="Entities" aria-rowcount={rows.length + 1}>
      <div role="rowgroup" className="thead">
        <div role="row" className="row head-row" aria-rowindex={1}>
          {header('Kind', 'kind', 'c-kind')}
          {header('Name / identifier', 'label', 'c-label')}
          {header('Details', null, 'c-sub')}
          {header('Roles', null, 'c-roles')}
          {header('Agencies', null, 'c-agency')}
          {header('Links', 'links', 'c-links')}
          {header('Updated', 'updated', 'c-updated')}
        </div>
      </div>
      <div
        ref={scrollRef}
        className="tbody"
        role="rowgroup"
        tabIndex={0}
        aria-label="Entity rows: arrow keys to move, Enter to open"
        aria-activedescendant={activeRow ? `row-${activeRow.id}` : undefined}
        onKeyDown={onKeyDown}
      >
        {rows.length === 0 ? (
          <p className="empty">No entities match. Clear a filter, or add one with the + buttons.</p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const r = rows[v.index];
              if (!r) return null;
              const isSel = marked.has(r.id);
              return (
                <div
                  key={r.id}
                  id={`row-${r.id}`}
                  role="row"
                  aria-rowindex={v.index + 2}
                  aria-selected={isSel}
                  className={`row${isSel ? ' selected' : ''}${v.index === active ? ' active' : ''}`}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
                  onClick={(e) => {
                    setActive(v.index);
                    onSelect(r.id, e.ctrlKey || e.metaKey || e.shiftKey);
                  }}
                >
                  <div role="gridcell" className="cell c-kind">
                    <KindIcon kind={r.kind} title={KIND_LABEL[r.kind]} />
                  </div>
                  <div role="gridcell" className="cell c-label">
                    {r.label}
                  </div>
                  <div role="gridcell" className="cell c-sub">
                    {r.sub}
                  </div>
                  <div role="gridcell" className="cell c-roles">
                    {r.roles.map((ro) => (
                      <span key={ro} className={`role-badge role-${ro}`}>
                        {ROLE_LABEL[ro]}
                      </span>
                    ))}
                  </div>
                  <div role="gridcell" className="cell c-agency" title={r.agencies.join('\n')}>
                    {r.agencyTypes.map((t) => (
                      <abbr key={t} className={`agency-tag agency-${t}`} title={AGENCY_TYPE_LABEL[t]}>
                        {AGENCY_ABBR[t]}
                      </abbr>
                    ))}
                  </div>
                  <div role="gridcell" className="cell c-links">
                    {r.links}
                  </div>
                  <div role="gridcell" className="cell c-updated">
                    {new Date(r.updatedAt).toLocaleDateString('en-GB')}
                  </div>
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
