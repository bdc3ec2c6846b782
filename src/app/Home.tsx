/**
 * The first screen: the workspaces (one per problem profile) that exist in this browser, the fictional
 * demo one click away, a new empty workspace, and workspace bundles: export one workspace whole (a
 * disclosure, audited with the file's SHA-256) and restore one (or a copy of it) from its file.
 */
import { downloadBlob } from '../components/download';
import { useState, type FormEvent } from 'react';
import { Field, problemFor } from '../components/Field';
import { useNotify } from '../components/notify';
import { serialiseBundle, sha256Hex } from '../domain/exchange';
import { SECURITY_MARKINGS, type SecurityMarking, type Workspace } from '../domain/model';
import { plural } from '../domain/util';
import { useSession } from '../hooks/session';
import { useWorkspaces } from '../hooks/queries';
import { BundleConflictError, importWorkspaceBundle, readWorkspaceBundleData, type ImportBundleResult } from '../services/bundle';
import { logAudit } from '../services/commit';
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
  const [restoring, setRestoring] = useState(false);

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

  const exportBundle = async (w: Workspace) => {
    setBusy(true);
    try {
      const data = await readWorkspaceBundleData(session.db, w.id);
      const text = await serialiseBundle(data);
      // The file is this text as UTF-8: its SHA-256 is the file's.
      const hash = await sha256Hex(text);
      const fileName = `${w.name.replace(/[\\/:*?"<>|]+/g, '-').replace(/\s+/g, ' ').trim() || 'workspace'}.linkwall.json`;
      downloadBlob(new Blob([text], { type: 'application/json' }), fileName);
      await logAudit(session, w.id, {
        category: 'disclosure',
        action: 'export-bundle',
        summary: `Exported the whole workspace "${w.name}" as a bundle (${plural(data.entities.length, 'entity', 'entities')}, ${plural(data.links.length, 'link')}, ${plural(data.items.length, 'intelligence item')}, ${plural(data.events.length, 'crime event')}, ${plural(data.audit.length, 'audit record')}), marked ${w.marking}; SHA-256 ${hash}`,
        recordIds: [w.id],
      });
      notify(`Exported ${fileName}. Keep it as safe as the workspace: it holds everything in it (marked ${w.marking}).`);
    } catch (e) {
      notify(`The bundle could not be exported: ${(e as Error).message}`, 'error');
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
            <button type="button" className="big" onClick={() => setRestoring(true)}>
              Restore a bundle…
            </button>
          </div>
          <p className="hint">The demo is a fictional scenario (Operation Juniper): every person, place and event in it is made up.</p>
        </section>
        {creating && <NewWorkspaceForm onCancel={() => setCreating(false)} />}
        {restoring && <RestoreBundle onClose={() => setRestoring(false)} />}
        <section aria-labelledby="ws-list-title">
          <h2 id="ws-list-title">Workspaces in this browser</h2>
          {workspaces === undefined ? (
            <p>Loading…</p>
          ) : workspaces.length === 0 ? (
            <p className="empty">No workspaces yet. Load the demo or start a new one.</p>
          ) : (
            <ul className="ws-list">
              {workspaces.map((w) => (
                <li key={w.id} style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
                  <a className="ws-card" style={{ height: 'auto', flex: 1 }} href={`#/w/${encodeURIComponent(w.id)}/entities`}>
                    <span className="ws-marking">{w.marking}</span>
                    <strong>{w.name}</strong>
                    {w.fictional && <span className="badge badge-fictional">Fictional</span>}
                    <span className="ws-tor">{w.termsOfReference || 'No terms of reference yet.'}</span>
                    <span className="ws-date">Last changed {new Date(w.updatedAt).toLocaleString('en-GB')}</span>
                  </a>
                  <button
                    type="button"
                    style={{ alignSelf: 'flex-start' }}
                    onClick={() => void exportBundle(w)}
                    disabled={busy}
                    aria-label={`Export bundle of ${w.name}`}
                    title="Everything in this workspace (records, sources, import history, audit log, chart views) as one file, to keep or to restore in another browser"
                  >
                    Export bundle
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </div>
  );
}

/**
 * Restores a workspace bundle (.linkwall.json). A workspace already in this browser is never overwritten:
 * the analyst may restore the bundle as a copy (a new workspace, "<name> (copy)") instead.
 */
function RestoreBundle({ onClose }: { onClose: () => void }) {
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<{ fileName: string; text: string; conflict: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ result: ImportBundleResult; copy: boolean } | null>(null);

  const restore = async (fileName: string, text: string, asNew: boolean) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await importWorkspaceBundle(session.db, text, { asNew, user: session.user });
      setPending(null);
      setDone({ result, copy: asNew });
    } catch (e) {
      if (e instanceof BundleConflictError) setPending({ fileName, text, conflict: e.message });
      else {
        setPending(null);
        setError(`${fileName} could not be restored, and nothing was changed. ${(e as Error).message}`);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card new-ws" aria-labelledby="restore-title">
      <h2 id="restore-title">Restore a workspace bundle</h2>
      <p className="hint">A bundle (.linkwall.json) is a whole workspace exported from Linkwall: its records, sources, import history, audit log and chart views.</p>
      <label className="file-button">
        Bundle file
        <input
          type="file"
          accept=".json,application/json"
          disabled={busy}
          onChange={async (e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (!f) return;
            await restore(f.name, await f.text(), false);
          }}
        />
      </label>
      {busy && <p role="status">Restoring…</p>}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {pending && (
        <div className="warning" role="alert">
          <p>{pending.conflict}</p>
          <p>A copy is a new workspace with &quot;(copy)&quot; after the name; the workspace already here is left as it is.</p>
          <div className="form-actions">
            <button type="button" onClick={() => setPending(null)}>
              Cancel
            </button>
            <button type="button" className="primary" disabled={busy} onClick={() => void restore(pending.fileName, pending.text, true)}>
              Restore as a copy
            </button>
          </div>
        </div>
      )}
      {done && (
        <p role="status">
          {done.copy ? 'Restored a copy as' : 'Restored'} "{done.result.name}": {plural(done.result.counts.entities, 'entity', 'entities')},{' '}
          {plural(done.result.counts.links, 'link')}, {plural(done.result.counts.items, 'intelligence item')}.{' '}
          <a href={`#/w/${encodeURIComponent(done.result.workspaceId)}/entities`}>Open it</a>
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </section>
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
