/** Live queries over the small tables (workspaces, audit) through dexie-react-hooks. */
import { useLiveQuery } from 'dexie-react-hooks';
import type { TemplateRecord } from '../db/schema';
import type { AuditRecord, ImportRecord, QuarantineRow, Workspace } from '../domain/model';
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

export function useImports(workspaceId: string): ImportRecord[] | undefined {
  const { db } = useSession();
  return useLiveQuery(() => db.imports.where('workspaceId').equals(workspaceId).toArray().then((r) => r.sort((a, b) => b.importedAt.localeCompare(a.importedAt))), [db, workspaceId]);
}

export function useQuarantine(workspaceId: string): QuarantineRow[] | undefined {
  const { db } = useSession();
  return useLiveQuery(() => db.quarantine.where('workspaceId').equals(workspaceId).toArray(), [db, workspaceId]);
}

export function useTemplates(): TemplateRecord[] | undefined {
  const { db } = useSession();
  return useLiveQuery(() => db.templates.toArray(), [db]);
}
