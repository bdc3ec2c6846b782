/**
 * Intelligence items: the sources every fact and link cites. List, filter, record a new one, open,
 * edit and delete (which says what loses its citation and what goes with it).
 */
import { useMemo, useState } from 'react';
import { ConfirmDialog } from '../components/Dialog';
import { useNotify } from '../components/notify';
import { gradeStrength, gradingCode } from '../domain/grading';
import { AGENCY_TYPE_LABEL, type IntelItem } from '../domain/model';
import { foldText, formatDateUk } from '../domain/normalise';
import { entitySources } from '../domain/provenance';
import { plural } from '../domain/util';
import { useSession, useWorkspaceData } from '../hooks/session';
import { deleteItem, itemDeleteImpact, type ItemDeleteImpact } from '../services/records';
import { ItemForm } from './forms/ItemForm';
import { ItemDialog } from './ItemDialog';

const PAGE = 300;

export function IntelView({ workspaceId }: { workspaceId: string }) {
  const data = useWorkspaceData();
  const session = useSession();
  const notify = useNotify();
  const [text, setText] = useState('');
  const [agency, setAgency] = useState('');
  const [scheme, setScheme] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const [editing, setEditing] = useState<IntelItem | 'new' | null>(null);
  const [open, setOpen] = useState<IntelItem | null>(null);
  const [confirm, setConfirm] = useState<{ item: IntelItem; impact: ItemDeleteImpact } | null>(null);

  const agencies = useMemo(() => [...new Set([...data.items.values()].map((i) => i.agency))].sort(), [data.items, data.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const list = useMemo(() => {
    const f = foldText(text);
    return [...data.items.values()]
      .filter((i) => (!agency || i.agency === agency) && (!scheme || i.grading.scheme === scheme))
      .filter((i) => !f || foldText(`${i.reference} ${i.agency} ${i.author} ${i.text}`).includes(f))
      .sort((a, b) => (b.dateOfIntelligence ?? b.dateRecorded).localeCompare(a.dateOfIntelligence ?? a.dateRecorded));
  }, [data.items, data.version, text, agency, scheme]); // eslint-disable-line react-hooks/exhaustive-deps

  const askDelete = (item: IntelItem) => {
    setOpen(null);
    setConfirm({ item, impact: itemDeleteImpact(item.id, data.entities.values(), data.links.values(), entitySources) });
  };

  return (
    <section className="intel-view" aria-labelledby="intel-title">
      <div className="section-head">
        <h2 id="intel-title">Intelligence items</h2>
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          New intelligence item
        </button>
      </div>
      <div className="toolbar">
        <input type="search" aria-label="Search intelligence items" placeholder="Search reference, agency, author, text…" value={text} onChange={(e) => setText(e.target.value)} />
        <select aria-label="Agency" value={agency} onChange={(e) => setAgency(e.target.value)}>
          <option value="">All agencies</option>
          {agencies.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
        <select aria-label="Grading scheme" value={scheme} onChange={(e) => setScheme(e.target.value)}>
          <option value="">All gradings</option>
          <option value="3x5x2">3x5x2</option>
          <option value="5x5x5">5x5x5 (legacy)</option>
          <option value="ungraded">Ungraded</option>
        </select>
      </div>
      <p className="result-count">{plural(list.length, 'item')}</p>
      <table className="data-table intel-table">
        <thead>
          <tr>
            <th scope="col">Grade</th>
            <th scope="col">Date</th>
            <th scope="col">Agency</th>
            <th scope="col">Reference</th>
            <th scope="col">Text</th>
          </tr>
        </thead>
        <tbody>
          {list.slice(0, limit).map((i) => (
            <tr key={i.id}>
              <td>
                <span className={`grade-pill grade-${gradeStrength(i.grading)}`}>{gradingCode(i.grading)}</span>
              </td>
              <td>{formatDateUk(i.dateOfIntelligence ?? i.dateRecorded)}</td>
              <td>{AGENCY_TYPE_LABEL[i.agencyType]}</td>
              <td>
                <button type="button" className="link-button" onClick={() => setOpen(i)}>
                  {i.reference}
                </button>
              </td>
              <td className="intel-text">{i.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.length > limit && (
        <button type="button" onClick={() => setLimit(limit + PAGE)}>
          Show more ({plural(list.length - limit, 'item')} not shown)
        </button>
      )}
      {open && (
        <ItemDialog item={open} onClose={() => setOpen(null)}>
          <button type="button" className="danger" onClick={() => askDelete(open)}>
            Delete…
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => {
              setEditing(open);
              setOpen(null);
            }}
          >
            Edit
          </button>
        </ItemDialog>
      )}
      {editing && <ItemForm workspaceId={workspaceId} existing={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {confirm && (
        <ConfirmDialog
          title={`Delete intelligence item ${confirm.item.reference}?`}
          confirmLabel="Delete item"
          onCancel={() => setConfirm(null)}
          onConfirm={async () => {
            try {
              await deleteItem(session, confirm.item, confirm.impact);
              notify(`Deleted ${confirm.item.reference}. Ctrl+Z undoes it.`);
            } catch (e) {
              notify((e as Error).message, 'error');
            }
            setConfirm(null);
          }}
        >
          <ul>
            <li>{plural(confirm.impact.linksDeleted.length, 'link')} cite only this item and will be deleted with it.</li>
            <li>{plural(confirm.impact.linksUncited.length, 'link')} also cite other items and will keep those.</li>
            <li>
              {plural(confirm.impact.entitiesUncited.length, 'entity', 'entities')} have values citing it; they lose this citation (values citing
              nothing else are then shown as unsourced).
            </li>
          </ul>
        </ConfirmDialog>
      )}
    </section>
  );
}
