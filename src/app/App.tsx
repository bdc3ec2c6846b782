/**
 * The shell: opens the store, asks once per browser for the local user name (recorded in the audit log),
 * then routes between the workspace list and an open workspace.
 */
import { useEffect, useState } from 'react';
import { getDb, type LinkwallDb } from '../db/schema';
import { NotifyProvider } from '../components/notify';
import { SessionProvider } from '../hooks/session';
import { getUserName } from '../services/workspaces';
import { Home } from './Home';
import { UserNameDialog } from './UserNameDialog';
import { WorkspaceShell } from './WorkspaceShell';
import { useRoute } from './router';
import { registerBenchHooks } from './benchHooks';

export function App({ db = getDb() }: { db?: LinkwallDb }) {
  const [user, setUser] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const route = useRoute();

  useEffect(() => {
    getUserName(db).then(setUser, (e: Error) => setError(`Linkwall cannot open this browser's storage: ${e.message}`));
  }, [db]);

  useEffect(() => {
    if (user) registerBenchHooks(db, user);
  }, [db, user]);

  if (error)
    return (
      <main className="fatal" role="alert">
        <h1>Linkwall</h1>
        <p>{error}</p>
        <p>Private browsing windows and some browser settings block local storage. Open Linkwall in a normal window.</p>
      </main>
    );
  if (user === undefined) return <div className="loading">Opening Linkwall…</div>;
  if (user === null) return <UserNameDialog db={db} onDone={setUser} />;

  return (
    <SessionProvider session={{ db, user }}>
      <NotifyProvider>
        {route.page === 'home' ? (
          <Home />
        ) : (
          <WorkspaceShell key={route.workspaceId} workspaceId={route.workspaceId} section={route.section} selected={route.selected} />
        )}
      </NotifyProvider>
    </SessionProvider>
  );
}
