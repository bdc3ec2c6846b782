/**
 * The detail panel of one entity: every attribute with the intelligence items it came from, its typed and
 * dated links (with their sources), and actions: edit, add link, delete (which says what goes with it).
 */
import { useEffect, useMemo, useState } from 'react';
import { ConfirmDialog } from '../components/Dialog';
import { KindIcon } from '../components/icons';
import { useNotify } from '../components/notify';
import { entityFacts } from '../domain/facts';
import { gradingCode, gradeStrength } from '../domain/grading';
import { entityLabel, entitySubtitle } from '../domain/labels';
import { AGENCY_TYPE_LABEL, KIND_LABEL, LINK_TYPE_LABEL, LINK_TYPE_REVERSE_LABEL, type Entity, type Id, type IntelItem, type Link } from '../domain/model';
import { formatDateUk } from '../domain/normalise';
import { entitySources, uncitedFacts } from '../domain/provenance';
import { plural } from '../domain/util';
import { useSession, useWorkspaceData, useWorkspaceStore } from '../hooks/session';
import { logAudit } from '../services/commit';
import { unmerge, unmergeImpact, type UnmergeImpact } from '../services/merge';
import { useMerges } from '../hooks/queries';
import { ItemDialog } from './ItemDialog';
import { deleteEntity, deleteLink, entityDeleteImpact } from '../services/records';
import { EntityForm } from './forms/EntityForm';
import { LinkForm } from './forms/LinkForm';

export function SourceChip({ item, onOpen }: { item: IntelItem | undefined; onOpen: (item: IntelItem) => void }) {
  if (!item) return <span className="chip chip-missing">missing source</span>;
  const strength = gradeStrength(item.grading);
  return (
    <button
      type="button"
      className={`chip source-chip grade-${strength}`}
      onClick={() => onOpen(item)}
      title={`${item.agency}, ${item.reference}, ${item.dateOfIntelligence ? formatDateUk(item.dateOfIntelligence) : 'date unknown'}, graded ${gradingCode(item.grading)}`}
      aria-label={`Source: ${item.agency} ${item.reference}, graded ${gradingCode(item.grading)}`}
    >
      <span className="chip-agency">{AGENCY_TYPE_LABEL[item.agencyType]}</span>
      <span className="chip-ref">{item.reference}</span>
      <span className="chip-grade">{gradingCode(item.grading)}</span>
    </button>
  );
}

function Sources({ ids, onOpen }: { ids: Id[]; onOpen: (i: IntelItem) => void }) {
  const data = useWorkspaceData();
  if (!ids.length) return <span className="chip chip-missing" title="This value cites no intelligence item">no source</span>;
  return (
    <span className="sources">
      {ids.map((id) => (
        <SourceChip key={id} item={data.items.get(id)} onOpen={onOpen} />
      ))}
    </span>
  );
}

export function DetailPanel({ entity, onClose, onSelect }: { entity: Entity; onClose: () => void; onSelect: (id: string) => void }) {
  const data = useWorkspaceData();
  const store = useWorkspaceStore();
  const session = useSession();
  const notify = useNotify();
  const [editing, setEditing] = useState(false);
  const [linking, setLinking] = useState<Link | 'new' | null>(null);
  const [confirm, setConfirm] = useState<null | { kind: 'entity'; links: Link[] } | { kind: 'link'; link: Link }>(null);
  const [openItem, setOpenItem] = useState<IntelItem | null>(null);

  // Viewing a record is consultation (DPA 2018 s.62).
  useEffect(() => {
    void logAudit(session, entity.workspaceId, {
      category: 'consultation',
      action: 'view-entity',
      summary: `Viewed ${KIND_LABEL[entity.kind].toLowerCase()} ${entity.id}`,
      recordIds: [entity.id],
    });
  }, [session, entity.id, entity.workspaceId, entity.kind]);

  const facts = useMemo(() => entityFacts(entity), [entity]);
  const links = useMemo(() => {
    const ls = store.linksOf(entity.id);
    return ls.sort((a, b) => (b.dateFrom ?? '').localeCompare(a.dateFrom ?? ''));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entity.id, data.version]);
  const allSources = useMemo(() => {
    const ids = new Set(entitySources(entity));
    for (const l of links) l.sources.forEach((s) => ids.add(s));
    return [...ids].map((id) => data.items.get(id)).filter((i): i is IntelItem => !!i);
  }, [entity, links, data.items]);
  const uncited = useMemo(() => uncitedFacts(entity), [entity]);

  const describe = (id: string) => {
    const e = data.entities.get(id);
    return e ? entityLabel(e) : 'a deleted entity';
  };

  return (
    <aside className="detail-panel" aria-labelledby="detail-title">
      <header className="detail-head">
        <KindIcon kind={entity.kind} size={28} />
        <div className="detail-titles">
          <h2 id="detail-title">{entityLabel(entity)}</h2>
          <p className="detail-sub">
            {KIND_LABEL[entity.kind]}
            {entitySubtitle(entity) ? ` · ${entitySubtitle(entity)}` : ''}
          </p>
        </div>
        <button type="button" className="icon-button" aria-label="Close details" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="detail-actions">
        <button type="button" className="primary" onClick={() => setEditing(true)}>
          Edit
        </button>
        <button type="button" onClick={() => setLinking('new')}>
          Add link
        </button>
        <button type="button" className="danger" onClick={() => setConfirm({ kind: 'entity', links: entityDeleteImpact(entity.id, links) })}>
          Delete
        </button>
      </div>
      <div className="detail-scroll">
        {uncited.length > 0 && (
          <p className="warning" role="note">
            {plural(uncited.length, 'value')} of this record cite no intelligence item. Edit the record to add a source.
          </p>
        )}
        <MergedFrom entity={entity} />
        <section aria-labelledby="facts-title">
          <h3 id="facts-title">Attributes</h3>
          <table className="facts">
            <tbody>
              {facts.map((f, i) => (
                <tr key={i}>
                  <th scope="row">{f.label}</th>
                  <td>
                    <span className="fact-value">{f.value}</span>
                    {f.sources ? <Sources ids={f.sources} onOpen={setOpenItem} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="links-title">
          <h3 id="links-title">Links ({links.length})</h3>
          {links.length === 0 ? (
            <p className="empty">No links yet.</p>
          ) : (
            <ul className="link-list">
              {links.map((l) => {
                const otherId = l.from === entity.id ? l.to : l.from;
                const other = data.entities.get(otherId);
                const outgoing = l.from === entity.id;
                return (
                  <li key={l.id} className="link-item">
                    <div className="link-line">
                      <span className="link-type">{outgoing ? LINK_TYPE_LABEL[l.type] : LINK_TYPE_REVERSE_LABEL[l.type]}</span>
                      {other ? (
                        <button type="button" className="link-button link-other" onClick={() => onSelect(otherId)}>
                          <KindIcon kind={other.kind} size={14} /> {entityLabel(other)}
                        </button>
                      ) : (
                        <span>a deleted entity</span>
                      )}
                    </div>
                    <div className="link-meta">
                      <span className="link-dates">
                        {l.dateFrom ? formatDateUk(l.dateFrom) : 'date unknown'}
                        {l.dateTo ? ` – ${formatDateUk(l.dateTo)}` : ''}
                      </span>
                      <Sources ids={l.sources} onOpen={setOpenItem} />
                      <span className="link-tools">
                        <button type="button" className="link-button" onClick={() => setLinking(l)} aria-label={`Edit link to ${describe(otherId)}`}>
                          Edit
                        </button>
                        <button type="button" className="link-button danger-text" onClick={() => setConfirm({ kind: 'link', link: l })} aria-label={`Delete link to ${describe(otherId)}`}>
                          Delete
                        </button>
                      </span>
                    </div>
                    {l.note && <p className="link-note">{l.note}</p>}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        <section aria-labelledby="sources-title">
          <h3 id="sources-title">Intelligence items ({allSources.length})</h3>
          <ul className="source-list">
            {allSources.map((i) => (
              <li key={i.id}>
                <button type="button" className="source-row" onClick={() => setOpenItem(i)}>
                  <span className={`grade-pill grade-${gradeStrength(i.grading)}`}>{gradingCode(i.grading)}</span>
                  <span className="source-meta">
                    <strong>{i.agency}</strong> · {i.reference} · {i.dateOfIntelligence ? formatDateUk(i.dateOfIntelligence) : formatDateUk(i.dateRecorded)}
                  </span>
                  <span className="source-text">{i.text}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      </div>

      {editing && <EntityForm workspaceId={entity.workspaceId} kind={entity.kind} existing={entity} onClose={() => setEditing(false)} />}
      {linking && (
        <LinkForm workspaceId={entity.workspaceId} from={entity} existing={linking === 'new' ? null : linking} onClose={() => setLinking(null)} />
      )}
      {openItem && <ItemDialog item={openItem} onClose={() => setOpenItem(null)} />}
      {confirm?.kind === 'entity' && (
        <ConfirmDialog
          title={`Delete ${entityLabel(entity)}?`}
          confirmLabel="Delete"
          onCancel={() => setConfirm(null)}
          onConfirm={async () => {
            try {
              await deleteEntity(session, entity, confirm.links);
              notify(`Deleted ${entityLabel(entity)}. Ctrl+Z undoes it.`);
              onClose();
            } catch (e) {
              notify((e as Error).message, 'error');
            }
            setConfirm(null);
          }}
        >
          <p>
            This deletes the {KIND_LABEL[entity.kind].toLowerCase()} <strong>{entityLabel(entity)}</strong>
            {confirm.links.length > 0 ? (
              <>
                {' '}
                and its {plural(confirm.links.length, 'link')} (to{' '}
                {confirm.links
                  .slice(0, 5)
                  .map((l) => describe(l.from === entity.id ? l.to : l.from))
                  .join(', ')}
                {confirm.links.length > 5 ? ` and ${confirm.links.length - 5} more` : ''}).
              </>
            ) : (
              '. It has no links.'
            )}
          </p>
          <p>The intelligence items it cites are kept. You can undo this with Ctrl+Z.</p>
        </ConfirmDialog>
      )}
      {confirm?.kind === 'link' && (
        <ConfirmDialog
          title="Delete this link?"
          confirmLabel="Delete link"
          onCancel={() => setConfirm(null)}
          onConfirm={async () => {
            try {
              await deleteLink(session, confirm.link);
              notify('Link deleted. Ctrl+Z undoes it.');
            } catch (e) {
              notify((e as Error).message, 'error');
            }
            setConfirm(null);
          }}
        >
          <p>
            {LINK_TYPE_LABEL[confirm.link.type]} link between {describe(confirm.link.from)} and {describe(confirm.link.to)}. Both entities and
            the intelligence items are kept.
          </p>
        </ConfirmDialog>
      )}
    </aside>
  );
}

/** The records merged into this one, each with Unmerge (which restores both exactly, links included). */
function MergedFrom({ entity }: { entity: Entity }) {
  const merges = useMerges(entity.id);
  const session = useSession();
  const notify = useNotify();
  const [confirm, setConfirm] = useState<UnmergeImpact | null>(null);
  if (!merges?.length) return null;
  return (
    <section aria-labelledby="merged-title" className="merged-from">
      <h3 id="merged-title">Merged records ({merges.length})</h3>
      <ul>
        {merges.map((m) => (
          <li key={m.id}>
            <strong>{entityLabel(m.absorbedBefore)}</strong>
            <span className="hint">
              {' '}
              merged by {m.user} on {new Date(m.at).toLocaleString('en-GB')}
              {m.probability !== undefined ? ` (${Math.round(m.probability * 100)}% match)` : ''}
            </span>{' '}
            <button
              type="button"
              onClick={async () => {
                try {
                  setConfirm(await unmergeImpact(session.db, m.id));
                } catch (e) {
                  notify((e as Error).message, 'error');
                }
              }}
            >
              Unmerge
            </button>
          </li>
        ))}
      </ul>
      {confirm && (
        <ConfirmDialog
          title={`Unmerge ${entityLabel(confirm.record.absorbedBefore)}?`}
          confirmLabel="Unmerge"
          danger={false}
          onCancel={() => setConfirm(null)}
          onConfirm={async () => {
            try {
              await unmerge(session, confirm.record.id);
              notify(`Unmerged: ${entityLabel(confirm.record.survivorBefore)} and ${entityLabel(confirm.record.absorbedBefore)} are two records again.`);
            } catch (e) {
              notify((e as Error).message, 'error');
            }
            setConfirm(null);
          }}
        >
          <p>
            Both records and their {plural(confirm.record.linksBefore.length, 'link')} go back exactly as they were before the merge of{' '}
            {new Date(confirm.record.at).toLocaleString('en-GB')}.
          </p>
          {confirm.editedSince && <p className="warning">This record was edited after the merge: those edits are undone too.</p>}
        </ConfirmDialog>
      )}
    </section>
  );
}
