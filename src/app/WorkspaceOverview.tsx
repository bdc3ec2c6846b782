/**
 * Shown beside the table when nothing is selected: the workspace at a glance (what is in it, who
 * contributed, how much is graded or unknown), so gaps are visible from the first screen.
 */
import { useMemo } from 'react';
import { KindIcon } from '../components/icons';
import { AGENCY_TYPE_LABEL, ENTITY_KINDS, KIND_PLURAL, ROLE_LABEL, ROLES, type AgencyType } from '../domain/model';
import { plural } from '../domain/util';
import { useWorkspaceData } from '../hooks/session';

export function WorkspaceOverview() {
  const data = useWorkspaceData();
  const stats = useMemo(() => {
    const kinds = new Map<string, number>();
    const roles = new Map<string, number>();
    for (const r of data.rows) {
      kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
      for (const ro of r.roles) roles.set(ro, (roles.get(ro) ?? 0) + 1);
    }
    const agencies = new Map<string, { type: AgencyType; items: number }>();
    let ungraded = 0;
    for (const i of data.items.values()) {
      const a = agencies.get(i.agency) ?? { type: i.agencyType, items: 0 };
      a.items++;
      agencies.set(i.agency, a);
      if (i.grading.scheme === 'ungraded') ungraded++;
    }
    let unknownEthnicity = 0;
    let people = 0;
    for (const e of data.entities.values()) {
      if (e.kind !== 'person' || e.mergedInto) continue;
      people++;
      if (e.ethnicity.value === 'unknown' || e.ethnicity.value === 'not-stated') unknownEthnicity++;
    }
    return { kinds, roles, agencies: [...agencies.entries()].sort((a, b) => b[1].items - a[1].items), ungraded, unknownEthnicity, people };
  }, [data.rows, data.items, data.entities, data.version]); // eslint-disable-line react-hooks/exhaustive-deps

  const pct = (n: number, of: number) => (of ? `${Math.round((100 * n) / of)}%` : '–');
  return (
    <aside className="detail-panel overview" aria-labelledby="overview-title">
      <div className="detail-scroll">
        <h2 id="overview-title" className="overview-title">
          At a glance
        </h2>
        <ul className="overview-kinds">
          {ENTITY_KINDS.map((k) => (
            <li key={k}>
              <KindIcon kind={k} size={18} />
              <strong>{(stats.kinds.get(k) ?? 0).toLocaleString('en-GB')}</strong> {KIND_PLURAL[k]}
            </li>
          ))}
        </ul>
        <h3>People by role</h3>
        <ul className="overview-roles">
          {ROLES.filter((r) => stats.roles.get(r)).map((r) => (
            <li key={r}>
              <span className={`role-badge role-${r}`}>{ROLE_LABEL[r]}</span> {stats.roles.get(r)}
            </li>
          ))}
        </ul>
        {data.complete && (
          <>
            <h3>Contributing agencies</h3>
            <table className="facts">
              <tbody>
                {stats.agencies.map(([name, a]) => (
                  <tr key={name}>
                    <th scope="row">
                      {name}
                      <br />
                      <small className="hint">{AGENCY_TYPE_LABEL[a.type]}</small>
                    </th>
                    <td>{plural(a.items, 'item')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>Gaps</h3>
            <ul className="overview-gaps">
              <li>
                Ethnicity unknown or not stated for {pct(stats.unknownEthnicity, stats.people)} of people ({stats.unknownEthnicity} of {stats.people}).
              </li>
              <li>
                {pct(stats.ungraded, data.items.size)} of intelligence items are ungraded ({stats.ungraded} of {data.items.size}).
              </li>
            </ul>
          </>
        )}
        {data.workspace?.termsOfReference && (
          <>
            <h3>Terms of reference</h3>
            <p className="tor">{data.workspace.termsOfReference}</p>
          </>
        )}
        <p className="hint">
          Select an entity to see its details, sources and links. Keyboard: <kbd>/</kbd> search, <kbd>↑</kbd> <kbd>↓</kbd> move, <kbd>Enter</kbd>{' '}
          open, <kbd>Ctrl</kbd>+<kbd>Z</kbd> undo.
        </p>
      </div>
    </aside>
  );
}
