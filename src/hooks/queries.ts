/** Live queries over the small tables (workspaces, audit) through dexie-react-hooks. */
import { useLiveQuery } from 'dexie-react-hooks';
import type { AuditRecord, Workspace } from '../domain/model';
import { useSession } from './session';

export function useWorkspaces(): Workspace[] | undefined {
  const { db } = useSession();
  return useLiveQuery(() => db.workspaces.orderBy('updatedAt').reverse().toArray(), [db]);
}

export function useAudit(workspaceId: string, limit: number): AuditRecord[] | undefined {
  const { db } = useSession();
  return useLiveQuery(
    () => db.audit.where('workspaceId').equals(workspaceId).reverse().sortBy('seq').then((r) => r.slice(0, limit)),
    [db, workspaceId, limit],
  );
}
