/**
 * React glue for the session (database + local user) and the open workspace's data.
 * Views read data only through these hooks; they never query Dexie themselves.
 */
import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { LinkwallDb } from '../db/schema';
import type { AgencyType } from '../domain/model';
import type { Session } from '../services/commit';
import { WorkspaceData, type WorkspaceSnapshot } from '../services/workspaceData';

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

const WorkspaceContext = createContext<WorkspaceData | null>(null);

export function WorkspaceProvider({ db, workspaceId, children }: { db: LinkwallDb; workspaceId: string; children: ReactNode }) {
  const [data, setData] = useState<WorkspaceData | null>(null);
  useEffect(() => {
    const d = new WorkspaceData(db, workspaceId);
    setData(d);
    return () => d.dispose();
  }, [db, workspaceId]);
  if (!data || data.workspaceId !== workspaceId) return null;
  return <WorkspaceContext.Provider value={data}>{children}</WorkspaceContext.Provider>;
}

/** The open workspace's data cache (for derived lookups such as linksOf). */
export function useWorkspaceStore(): WorkspaceData {
  const d = useContext(WorkspaceContext);
  if (!d) throw new Error('useWorkspaceStore outside WorkspaceProvider');
  return d;
}

/** A snapshot of the open workspace; re-renders on every change. */
export function useWorkspaceData(): WorkspaceSnapshot {
  const d = useWorkspaceStore();
  return useSyncExternalStore(d.subscribe, d.getSnapshot);
}

/** Memoise a derivation of the workspace on its version. */
export function useDerived<T>(fn: (snap: WorkspaceSnapshot) => T, deps: unknown[] = []): T {
  const snap = useWorkspaceData();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => fn(snap), [snap.version, ...deps]);
}

/** Agencies already named in the workspace's items, with their type: offered as the analyst types. */
export function useKnownAgencies(): Map<string, AgencyType> {
  return useDerived((snap) => {
    const m = new Map<string, AgencyType>();
    for (const i of snap.items.values()) m.set(i.agency, i.agencyType);
    return m;
  });
}
