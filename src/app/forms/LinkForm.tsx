/**
 * Create or edit a link from one entity to another: its type, the other end, dates, a note and the
 * intelligence items it rests on (at least one). A link recorded with a new item is saved with that item
 * in one transaction.
 */
import { useState, type FormEvent } from 'react';
import { FormFooter, useFormState } from './formKit';
import { Dialog } from '../../components/Dialog';
import { Field, problemFor } from '../../components/Field';
import { KindIcon } from '../../components/icons';
import { useNotify } from '../../components/notify';
import { entityLabel } from '../../domain/labels';
import { LINK_TYPES, LINK_TYPE_LABEL, type Entity, type EntityKind, type Link, type LinkType } from '../../domain/model';
import { newId, nowIso } from '../../domain/util';
import { validateIntelItem, validateLink, type Problem } from '../../domain/validate';
import { useSession, useWorkspaceData } from '../../hooks/session';
import { saveItemWith, saveLink, ValidationError } from '../../services/records';
import { EntityPicker } from './EntityPicker';
import { NO_SOURCE_MESSAGE } from './EntityForm';
import { buildNewItem, itemProblemsOf, SourcePicker, type ItemDraft } from './SourcePicker';

const ITEM_FIELDS = new Set(['agency', 'reference', 'dateRecorded', 'dateOfIntelligence', 'text', 'grading', 'author']);

/** The likeliest link type between two kinds (the analyst can change it). */
function suggestedType(a: EntityKind, b: EntityKind): LinkType | null {
  const pair = (x: EntityKind, y: EntityKind) => (a === x && b === y) || (a === y && b === x);
  if (pair('person', 'person')) return 'associate';
  if (pair('person', 'phone')) return 'uses-phone';
  if (pair('person', 'vehicle')) return 'drives-vehicle';
  if (pair('person', 'address')) return 'lives-at';
  if (pair('person', 'business')) return 'works-at';
  if (pair('person', 'hotspot')) return 'frequents';
  if (pair('phone', 'phone')) return 'called';
  if (pair('vehicle', 'address') || pair('vehicle', 'hotspot') || pair('business', 'address') || pair('hotspot', 'address'))
    return 'located-at';
  return null;
}

export function LinkForm({
  workspaceId,
  from,
  existing,
  onClose,
}: {
  workspaceId: string;
  from: Entity;
  existing: Link | null;
  onClose: (savedId?: string) => void;
}) {
  const session = useSession();
  const notify = useNotify();
  const snap = useWorkspaceData();
  const [type, setType] = useState<LinkType>(existing?.type ?? 'associate');
  const [typeTouched, setTypeTouched] = useState(existing !== null);
  const [other, setOther] = useState<string | null>(existing ? (existing.from === from.id ? existing.to : existing.from) : null);
  const [dateFrom, setDateFrom] = useState(existing?.dateFrom ?? '');
  const [dateTo, setDateTo] = useState(existing?.dateTo ?? '');
  const [note, setNote] = useState(existing?.note ?? '');
  const [sources, setSources] = useState<string[]>(existing?.sources ?? []);
  const [newItem, setNewItem] = useState<ItemDraft | null>(null);
  const { problems, setProblems, saving, setSaving, formRef, fail } = useFormState();

  const describe = (id: string): string => {
    const e = id === from.id ? from : snap.entities.get(id);
    return e ? entityLabel(e) : id;
  };

  const pickOther = (id: string | null) => {
    setOther(id);
    const e = id ? snap.entities.get(id) : undefined;
    if (e && !typeTouched) {
      const t = suggestedType(from.kind, e.kind);
      if (t) setType(t);
    }
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (saving) return;
    const item = newItem ? buildNewItem(workspaceId, newItem, session.user) : null;
    const cited = [...new Set(item ? [...sources, item.id] : sources)];
    // Keep the stored direction of a link being edited.
    const reversed = existing !== null && existing.to === from.id && existing.from !== from.id;
    const now = nowIso();
    const link: Link = {
      id: existing?.id ?? newId('lk'),
      workspaceId,
      type,
      from: reversed ? (other ?? '') : from.id,
      to: reversed ? from.id : (other ?? ''),
      sources: cited,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    if (dateFrom.trim()) link.dateFrom = dateFrom.trim();
    if (dateTo.trim()) link.dateTo = dateTo.trim();
    if (note.trim()) link.note = note.trim();

    const found: Problem[] = [];
    if (!other) found.push({ field: 'to', message: 'Choose the record this links to: type part of its name, number or registration.' });
    for (const p of validateLink(link)) {
      if (p.field === 'sources') continue;
      if (!found.some((q) => q.field === p.field)) found.push(p);
    }
    if (cited.length === 0) found.push({ field: 'sources', message: NO_SOURCE_MESSAGE });
    if (item) found.push(...validateIntelItem(item).map((p) => ({ ...p, field: `item.${p.field}` })));
    if (found.length) {
      fail(found);
      return;
    }
    setProblems([]);
    setSaving(true);
    try {
      const label = `${existing ? 'Edit' : 'Create'} link ${describe(link.from)} – ${describe(link.to)}`;
      if (item) await saveItemWith(session, item, [], [{ after: link, before: existing }], `${label} with intelligence item ${item.reference}`);
      else await saveLink(session, link, existing, describe);
      notify(`Saved link: ${describe(link.from)} ${LINK_TYPE_LABEL[type].toLowerCase()} ${describe(link.to)}.`);
      onClose(link.id);
    } catch (err) {
      setSaving(false);
      if (err instanceof ValidationError) {
        fail(err.problems.map((p) => (item && ITEM_FIELDS.has(p.field) ? { ...p, field: `item.${p.field}` } : p)));
      } else {
        const message = `Could not save: ${(err as Error).message}`;
        fail([{ field: 'form', message }]);
        notify(message, 'error');
      }
    }
  };

  const title = existing ? 'Edit link' : 'New link';
  const formError = problems.find((p) => p.field === 'form')?.message;

  return (
    <Dialog title={title} onClose={() => onClose()} wide>
      <form ref={formRef} className="link-form" noValidate onSubmit={(e) => void submit(e)}>
        <p className="link-from">
          From <KindIcon kind={from.kind} /> <strong>{entityLabel(from)}</strong>
        </p>
        <div className="form-grid">
          <Field label="Link type" error={problemFor(problems, 'type')}>
            <select
              value={type}
              onChange={(e) => {
                setType(e.target.value as LinkType);
                setTypeTouched(true);
              }}
            >
              {LINK_TYPES.map((t) => (
                <option key={t} value={t}>
                  {LINK_TYPE_LABEL[t]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <EntityPicker label="Linked to" exclude={[from.id]} value={other} onChange={pickOther} error={problemFor(problems, 'to')} />
        <div className="form-grid">
          <Field label="Date from" error={problemFor(problems, 'dateFrom')} hint="When the link began or was first seen, if known.">
            <input type="date" value={dateFrom} onChange={(e) => setDateFrom(e.target.value)} />
          </Field>
          <Field label="Date to" error={problemFor(problems, 'dateTo')} hint="When it ended or was last seen, if known.">
            <input type="date" value={dateTo} onChange={(e) => setDateTo(e.target.value)} />
          </Field>
        </div>
        <Field label="Note" hint="What was done or seen, in a few words.">
          <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        <SourcePicker
          workspaceId={workspaceId}
          value={sources}
          onChange={setSources}
          newItem={newItem}
          onNewItem={setNewItem}
          error={problemFor(problems, 'sources')}
          itemProblems={itemProblemsOf(problems)}
        />
        <FormFooter error={formError} saving={saving} onCancel={() => onClose()} />
      </form>
    </Dialog>
  );
}
