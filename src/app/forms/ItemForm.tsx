/**
 * Record or edit an intelligence item on its own: originator, reference, author, dates, text, statement
 * type and grading (3x5x2, legacy 5x5x5 or ungraded, never converted between schemes).
 */
import { useState, type FormEvent } from 'react';
import { FormFooter, useFormState } from './formKit';
import { Dialog } from '../../components/Dialog';
import { useNotify } from '../../components/notify';
import type { IntelItem } from '../../domain/model';
import { validateIntelItem } from '../../domain/validate';
import { useSession } from '../../hooks/session';
import { saveItem, ValidationError } from '../../services/records';
import { buildNewItem, draftFromItem, emptyItemDraft, ItemFields, type ItemDraft } from './SourcePicker';

export function ItemForm({
  workspaceId,
  existing,
  onClose,
}: {
  workspaceId: string;
  existing: IntelItem | null;
  onClose: (savedId?: string) => void;
}) {
  const session = useSession();
  const notify = useNotify();
  const [draft, setDraft] = useState<ItemDraft>(() => (existing ? draftFromItem(existing) : emptyItemDraft(session.user)));
  const { problems, setProblems, saving, setSaving, formRef, fail } = useFormState();

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (saving) return;
    const item = buildNewItem(workspaceId, draft, session.user, existing);
    const found = validateIntelItem(item);
    if (found.length) {
      fail(found);
      return;
    }
    setProblems([]);
    setSaving(true);
    try {
      const saved = await saveItem(session, item, existing);
      notify(`Saved intelligence item ${saved.reference}.`);
      onClose(saved.id);
    } catch (err) {
      setSaving(false);
      if (err instanceof ValidationError) fail(err.problems);
      else {
        const message = `Could not save: ${(err as Error).message}`;
        fail([{ field: 'form', message }]);
        notify(message, 'error');
      }
    }
  };

  const title = existing ? `Edit intelligence item ${existing.reference}` : 'New intelligence item';
  const formError = problems.find((p) => p.field === 'form')?.message;

  return (
    <Dialog title={title} onClose={() => onClose()} wide>
      <form ref={formRef} className="item-form" noValidate onSubmit={(e) => void submit(e)}>
        <ItemFields draft={draft} onChange={setDraft} problems={problems} showAuthor />
        <FormFooter error={formError} saving={saving} onCancel={() => onClose()} />
      </form>
    </Dialog>
  );
}
