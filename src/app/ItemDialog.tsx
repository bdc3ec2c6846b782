/** One intelligence item in full: agency, reference, dates, grading and text; optional actions below. */
import { useMemo, type ReactNode } from 'react';
import { Dialog } from '../components/Dialog';
import { gradingCode } from '../domain/grading';
import { entityLabel } from '../domain/labels';
import { AGENCY_TYPE_LABEL, LINK_TYPE_LABEL, type IntelItem } from '../domain/model';
import { formatDateUk } from '../domain/normalise';
import { entitySources } from '../domain/provenance';
import { useWorkspaceData } from '../hooks/session';
import { navigate } from './router';

export function ItemDialog({ item, onClose, children }: { item: IntelItem; onClose: () => void; children?: ReactNode }) {
  return (
    <Dialog title={`Intelligence item ${item.reference}`} onClose={onClose}>
      <dl className="item-dl">
        <dt>Agency</dt>
        <dd>
          {item.agency} ({AGENCY_TYPE_LABEL[item.agencyType]})
        </dd>
        <dt>Reference</dt>
        <dd>{item.reference}</dd>
        <dt>Author</dt>
        <dd>{item.author || 'Not recorded'}</dd>
        <dt>Date of intelligence</dt>
        <dd>{item.dateOfIntelligence ? formatDateUk(item.dateOfIntelligence) : 'Not recorded'}</dd>
        <dt>Date recorded</dt>
        <dd>{formatDateUk(item.dateRecorded)}</dd>
        <dt>Grading</dt>
        <dd>
          {item.grading.scheme} {gradingCode(item.grading)}
          {item.grading.scheme === '3x5x2' && item.grading.conditions ? ` — ${item.grading.conditions}` : ''}
        </dd>
        <dt>Statement</dt>
        <dd>{item.statementType === 'fact' ? 'Fact' : 'Assessment'}</dd>
      </dl>
      <p className="item-text">{item.text}</p>
      <CitedBy item={item} onClose={onClose} />
      {children && <div className="form-actions">{children}</div>}
    </Dialog>
  );
}


/** What rests on this item: the entities whose facts cite it and the links that cite it. */
function CitedBy({ item, onClose }: { item: IntelItem; onClose: () => void }) {
  const data = useWorkspaceData();
  const { entities, links } = useMemo(() => {
    const es = [...data.entities.values()].filter((e) => entitySources(e).includes(item.id));
    const ls = [...data.links.values()].filter((l) => l.sources.includes(item.id));
    return { entities: es, links: ls };
  }, [data.entities, data.links, item.id, data.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const open = (id: string) => {
    onClose();
    navigate({ page: 'workspace', workspaceId: item.workspaceId, section: 'entities', selected: id });
  };
  const name = (id: string) => {
    const e = data.entities.get(id);
    return e ? entityLabel(e) : 'a deleted entity';
  };
  if (!entities.length && !links.length) return <p className="hint">Nothing cites this item yet: cite it when you add or edit a record or a link.</p>;
  return (
    <section className="cited-by" aria-label="Cited by">
      <h3>Cited by</h3>
      <ul>
        {entities.map((e) => (
          <li key={e.id}>
            <button type="button" className="link-button" onClick={() => open(e.id)}>
              {entityLabel(e)}
            </button>
          </li>
        ))}
        {links.map((l) => (
          <li key={l.id}>
            Link: {name(l.from)} — {LINK_TYPE_LABEL[l.type].toLowerCase()} — {name(l.to)}
          </li>
        ))}
      </ul>
    </section>
  );
}
