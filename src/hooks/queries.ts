/** Live queries over the small tables (workspaces, audit) through dexie-react-hooks. */
import { useLiveQuery } from 'dexie-react-hooks';
import type { ScanRecord, TemplateRecord } from '../db/schema';
import type { AuditRecord, ImportRecord, MergeRecord, PairDecision, QuarantineRow, Workspace } from '../domain/model';
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

export function useScan(workspaceId: string): ScanRecord | null | undefined {
  const { db } = useSession();
  return useLiveQuery(async () => (await db.scans.get(workspaceId)) ?? null, [db, workspaceId]);
}

export function useDecisions(workspaceId: string): PairDecision[] | undefined {
  const { db } = useSession();
  return useLiveQuery(() => db.decisions.where('workspaceId').equals(workspaceId).toArray(), [db, workspaceId]);
}

export function useRevision(workspaceId: string): number | undefined {
  const { db } = useSession();
  return useLiveQuery(async () => (await db.revisions.get(workspaceId))?.revision ?? 0, [db, workspaceId]);
}

export function useMerges(survivorId: string): MergeRecord[] | undefined {
  const { db } = useSession();
  return useLiveQuery(() => db.merges.where('survivorId').equals(survivorId).filter((m) => m.status === 'merged').toArray(), [db, survivorId]);
}
