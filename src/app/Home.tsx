/**
 * The first screen: the workspaces (one per problem profile) that exist in this browser, the fictional
 * demo one click away, and a new empty workspace.
 */
import { useState, type FormEvent } from 'react';
import { Field, problemFor } from '../components/Field';
import { useNotify } from '../components/notify';
import { SECURITY_MARKINGS, type SecurityMarking } from '../domain/model';
import { useSession } from '../hooks/session';
import { useWorkspaces } from '../hooks/queries';
import { loadDemoWorkspace } from '../services/demo';
import { ValidationError } from '../services/records';
import { createWorkspace } from '../services/workspaces';
import { navigate } from './router';

export function Home() {
  const session = useSession();
  const workspaces = useWorkspaces();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [creating, setCreating] = useState(false);

  const loadDemo = async () => {
    setBusy(true);
    try {
      const id = await loadDemoWorkspace(session);
      navigate({ page: 'workspace', workspaceId: id, section: 'entities', selected: null });
    } catch (e) {
      notify(`The demo workspace could not be loaded: ${(e as Error).message}`, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="home">
      <header className="home-head">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Linkwall
        </div>
        <span className="home-user">Signed in on this computer as {session.user}</span>
      </header>
      <main className="home-main">
        <section className="home-intro">
          <h1>Problem profiles</h1>
          <p>
            Bring together what every agency knows: people, vehicles, phones, places and the links between them, each fact with
            its source and grading. Everything stays in this browser on this computer.
          </p>
          <div className="home-actions">
            <button type="button" className="primary big" onClick={loadDemo} disabled={busy}>
              Load demo workspace
            </button>
            <button type="button" className="big" onClick={() => setCreating(true)}>
              New workspace
            </button>
          </div>
          <p className="hint">The demo is a fictional scenario (Operation Juniper): every person, place and event in it is made up.</p>
        </section>
        {creating && <NewWorkspaceForm onCancel={() => setCreating(false)} />}
        <section aria-labelledby="ws-list-title">
          <h2 id="ws-list-title">Workspaces in this browser</h2>
          {workspaces === undefined ? (
            <p>Loading…</p>
          ) : workspaces.length === 0 ? (
            <p className="empty">No workspaces yet. Load the demo or start a new one.</p>
          ) : (
            <ul className="ws-list">
              {workspaces.map((w) => (
                <li key={w.id}>
                  <a className="ws-card" href={`#/w/${encodeURIComponent(w.id)}/entities`}>
                    <span className="ws-marking">{w.marking}</span>
                    <strong>{w.name}</strong>
                    {w.fictional && <span className="badge badge-fictional">Fictional</span>}
                    <span className="ws-tor">{w.termsOfReference || 'No terms of reference yet.'}</span>
                    <span className="ws-date">Last changed {new Date(w.updatedAt).toLocaleString('en-GB')}</span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </div>
  );
}

function NewWorkspaceForm({ onCancel }: { onCancel: () => void }) {
  const session = useSession();
  const [name, setName] = useState('');
  const [marking, setMarking] = useState<SecurityMarking>('OFFICIAL-SENSITIVE');
  const [tor, setTor] = useState('');
  const [problems, setProblems] = useState<{ field: string; message: string }[]>([]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const ws = await createWorkspace(session, { name, marking, termsOfReference: tor });
      navigate({ page: 'workspace', workspaceId: ws.id, section: 'entities', selected: null });
    } catch (err) {
      if (err instanceof ValidationError) setProblems(err.problems);
      else throw err;
    }
  };
  return (
    <form className="card new-ws" onSubmit={submit} aria-labelledby="new-ws-title">
      <h2 id="new-ws-title">New workspace</h2>
      <Field label="Name" error={problemFor(problems, 'name')}>
        <input value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      </Field>
      <Field label="Security marking" hint="Shown at the top of every screen and on every export.">
        <select value={marking} onChange={(e) => setMarking(e.target.value as SecurityMarking)}>
          {SECURITY_MARKINGS.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      </Field>
      <Field label="Terms of reference">
        <textarea rows={4} value={tor} onChange={(e) => setTor(e.target.value)} />
      </Field>
      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Create workspace
        </button>
      </div>
    </form>
  );
}
