import { useState, type FormEvent } from 'react';
import { ConfirmDialog, Dialog } from '../components/Dialog';
import { Field, problemFor } from '../components/Field';
import { useNotify } from '../components/notify';
import { SECURITY_MARKINGS, type SecurityMarking, type Workspace } from '../domain/model';
import { plural } from '../domain/util';
import { useSession, useWorkspaceData } from '../hooks/session';
import { ValidationError } from '../services/records';
import { deleteWorkspace, updateWorkspace } from '../services/workspaces';
import { navigate } from './router';

/** Name, security marking and terms of reference of a workspace; deleting it. */
export function WorkspaceSettings({ workspace, onClose }: { workspace: Workspace; onClose: () => void }) {
  const session = useSession();
  const data = useWorkspaceData();
  const notify = useNotify();
  const [name, setName] = useState(workspace.name);
  const [marking, setMarking] = useState<SecurityMarking>(workspace.marking);
  const [tor, setTor] = useState(workspace.termsOfReference);
  const [problems, setProblems] = useState<{ field: string; message: string }[]>([]);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await updateWorkspace(session, workspace, { name, marking, termsOfReference: tor });
      notify('Workspace settings saved.');
      onClose();
    } catch (err) {
      if (err instanceof ValidationError) setProblems(err.problems);
      else notify((err as Error).message, 'error');
    }
  };

  if (confirmDelete)
    return (
      <ConfirmDialog
        title={`Delete workspace "${workspace.name}"?`}
        confirmLabel="Delete workspace"
        onCancel={() => setConfirmDelete(false)}
        onConfirm={async () => {
          await deleteWorkspace(session, workspace);
          navigate({ page: 'home' });
        }}
      >
        <p>
          This deletes the workspace and everything in it from this browser: {plural(data.entities.size, 'entity', 'entities')},{' '}
          {plural(data.links.size, 'link')} and {plural(data.items.size, 'intelligence item')}. It cannot be undone.
        </p>
        <p>The audit log keeps a record that the workspace was deleted, and by whom, but not its contents.</p>
      </ConfirmDialog>
    );

  return (
    <Dialog title="Workspace settings" onClose={onClose}>
      <form onSubmit={submit}>
        <Field label="Name" error={problemFor(problems, 'name')}>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Security marking">
          <select value={marking} onChange={(e) => setMarking(e.target.value as SecurityMarking)}>
            {SECURITY_MARKINGS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </Field>
        <Field label="Terms of reference">
          <textarea rows={6} value={tor} onChange={(e) => setTor(e.target.value)} />
        </Field>
        <div className="form-actions">
          <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
            Delete workspace…
          </button>
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
