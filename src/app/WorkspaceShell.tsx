/**
 * An open workspace: security marking banner, main navigation, undo/redo, and the chosen section.
 */
import { useEffect, useState } from 'react';
import { useNotify } from '../components/notify';
import { ConflictError } from '../db/changes';
import { useSession, useWorkspaceData, WorkspaceProvider } from '../hooks/session';
import { useUndo } from '../hooks/useUndo';
import { ChartView } from '../graph/ChartView';
import { MapView } from '../map/MapView';
import { ReportView } from '../report/ReportView';
import { ImportView } from '../import/ImportView';
import { AuditView } from './AuditView';
import { DuplicatesView } from './duplicates/DuplicatesView';
import { EntitiesView } from './EntitiesView';
import { IntelView } from './IntelView';
import { PlannedSection } from './PlannedSection';
import { navigate, type Section } from './router';
import { WorkspaceSettings } from './WorkspaceSettings';

const NAV: { section: Section; label: string }[] = [
  { section: 'entities', label: 'Entities' },
  { section: 'intelligence', label: 'Intelligence' },
  { section: 'import', label: 'Import' },
  { section: 'duplicates', label: 'Duplicates' },
  { section: 'chart', label: 'Chart' },
  { section: 'map', label: 'Map' },
  { section: 'timeline', label: 'Timeline' },
  { section: 'report', label: 'Report' },
  { section: 'audit', label: 'Audit log' },
];

export function WorkspaceShell({ workspaceId, section, selected }: { workspaceId: string; section: Section; selected: string | null }) {
  const { db } = useSession();
  return (
    <WorkspaceProvider db={db} workspaceId={workspaceId}>
      <ShellInner workspaceId={workspaceId} section={section} selected={selected} />
    </WorkspaceProvider>
  );
}

function isTextInput(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (el as HTMLElement).isContentEditable;
}

function ShellInner({ workspaceId, section, selected }: { workspaceId: string; section: Section; selected: string | null }) {
  const data = useWorkspaceData();
  const { user } = useSession();
  const notify = useNotify();
  const history = useUndo(workspaceId);
  const [settingsOpen, setSettingsOpen] = useState(false);

  const run = async (what: 'undo' | 'redo') => {
    try {
      const label = what === 'undo' ? await history.undo() : await history.redo();
      if (label) notify(`${what === 'undo' ? 'Undone' : 'Redone'}: ${label}`);
      else notify(`Nothing to ${what}.`);
    } catch (e) {
      notify(e instanceof ConflictError ? e.message : `Could not ${what}: ${(e as Error).message}`, 'error');
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'z' && e.key.toLowerCase() !== 'y') return;
      // In a text field the browser's own undo applies to the text being typed.
      if (isTextInput(document.activeElement) || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      void run(e.key.toLowerCase() === 'y' || e.shiftKey ? 'redo' : 'undo');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const ws = data.workspace;
  if (!data.loading && !ws) {
    return (
      <main className="fatal" role="alert">
        <h1>Workspace not found</h1>
        <p>This workspace is not in this browser. It may have been deleted, or it was made in another browser or computer.</p>
        <a href="#/">Back to workspaces</a>
      </main>
    );
  }
  const marking = ws?.marking ?? 'OFFICIAL-SENSITIVE';

  return (
    <div className="shell">
      <div className={`marking-banner marking-${marking.toLowerCase()}`} role="note" aria-label="Security marking">
        {marking}
      </div>
      <header className="shell-head">
        <a className="brand" href="#/" title="All workspaces">
          <span className="brand-mark" aria-hidden="true" />
          Linkwall
        </a>
        <div className="ws-title">
          <h1>{ws?.name ?? 'Loading…'}</h1>
          {ws?.fictional && <span className="badge badge-fictional">Fictional demo data</span>}
          <button type="button" className="link-button" onClick={() => setSettingsOpen(true)}>
            Workspace settings
          </button>
        </div>
        <div className="head-tools">
          <button
            type="button"
            onClick={() => void run('undo')}
            disabled={!history.undoLabel}
            title={history.undoLabel ? `Undo: ${history.undoLabel} (Ctrl+Z)` : 'Nothing to undo'}
            aria-keyshortcuts="Control+Z"
          >
            Undo
          </button>
          <button
            type="button"
            onClick={() => void run('redo')}
            disabled={!history.redoLabel}
            title={history.redoLabel ? `Redo: ${history.redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'}
            aria-keyshortcuts="Control+Shift+Z"
          >
            Redo
          </button>
          <span className="user" title="Recorded against every change">
            {user}
          </span>
        </div>
      </header>
      <nav className="main-nav" aria-label="Main">
        {NAV.map((n) => (
          <a
            key={n.section}
            href={`#/w/${encodeURIComponent(workspaceId)}/${n.section}`}
            aria-current={section === n.section ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate({ page: 'workspace', workspaceId, section: n.section, selected: n.section === 'entities' ? selected : null });
            }}
          >
            {n.label}
          </a>
        ))}
      </nav>
      <main className="shell-main" id="main">
        {data.error ? (
          <p role="alert" className="error-text">
            {data.error}
          </p>
        ) : data.loading ? (
          <p className="loading">Loading workspace…</p>
        ) : section === 'entities' ? (
          <EntitiesView workspaceId={workspaceId} selected={selected} />
        ) : section === 'intelligence' ? (
          <IntelView workspaceId={workspaceId} />
        ) : section === 'chart' ? (
          <ChartView workspaceId={workspaceId} />
        ) : section === 'map' ? (
          <MapView workspaceId={workspaceId} />
        ) : section === 'report' ? (
          <ReportView workspaceId={workspaceId} />
        ) : section === 'duplicates' ? (
          <DuplicatesView workspaceId={workspaceId} />
        ) : section === 'import' ? (
          <ImportView workspaceId={workspaceId} />
        ) : section === 'audit' ? (
          <AuditView workspaceId={workspaceId} />
        ) : (
          <PlannedSection section={section} />
        )}
      </main>
      {settingsOpen && ws && <WorkspaceSettings workspace={ws} onClose={() => setSettingsOpen(false)} />}
    </div>
  );
}
