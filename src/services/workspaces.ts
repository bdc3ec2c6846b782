/**
 * Use cases for workspaces (one per problem profile) and the local user.
 */
import type { RecordChange } from '../db/changes';
import { deleteAllRecords, PAGED_TABLES } from '../db/pages';
import type { LinkwallDb } from '../db/schema';
import type { Entity, IntelItem, Link, SecurityMarking, Workspace } from '../domain/model';
import { encodeRowSnapshot, toEntityRows } from '../domain/rows';
import { newId, nowIso } from '../domain/util';
import { publish } from './changeBus';
import { commit, type Session } from './commit';
import { ValidationError } from './records';

const USER_KEY = 'userName';

export async function getUserName(db: LinkwallDb): Promise<string | null> {
  const rec = await db.meta.get(USER_KEY);
  return typeof rec?.value === 'string' && rec.value.trim() ? rec.value : null;
}

export async function setUserName(db: LinkwallDb, name: string): Promise<string> {
  const clean = name.trim().replace(/\s+/g, ' ');
  if (!clean) throw new ValidationError([{ field: 'userName', message: 'Enter your name: it is recorded against every change you make.' }]);
  if (clean.length > 80) throw new ValidationError([{ field: 'userName', message: 'A name can be at most 80 characters.' }]);
  await db.meta.put({ key: USER_KEY, value: clean });
  return clean;
}

export interface WorkspaceInput {
  name: string;
  marking: SecurityMarking;
  termsOfReference: string;
}

export function validateWorkspace(input: WorkspaceInput): { field: string; message: string }[] {
  const problems = [];
  if (!input.name.trim()) problems.push({ field: 'name', message: 'Give the workspace a name, e.g. the operation or problem profile it is for.' });
  if (input.name.length > 120) problems.push({ field: 'name', message: 'A workspace name can be at most 120 characters.' });
  return problems;
}

export async function createWorkspace(session: Session, input: WorkspaceInput): Promise<Workspace> {
  const problems = validateWorkspace(input);
  if (problems.length) throw new ValidationError(problems);
  const now = nowIso();
  const ws: Workspace = {
    id: newId('ws'),
    name: input.name.trim(),
    marking: input.marking,
    termsOfReference: input.termsOfReference.trim(),
    fictional: false,
    createdAt: now,
    updatedAt: now,
  };
  await commit(
    session,
    { workspaceId: ws.id, label: `Create workspace ${ws.name}`, changes: [{ table: 'workspaces', id: ws.id, before: null, after: ws }] },
    { category: 'collection', action: 'create-workspace' },
    { noUndo: true },
  );
  return ws;
}

export async function updateWorkspace(session: Session, before: Workspace, input: WorkspaceInput): Promise<Workspace> {
  const problems = validateWorkspace(input);
  if (problems.length) throw new ValidationError(problems);
  const after: Workspace = { ...before, name: input.name.trim(), marking: input.marking, termsOfReference: input.termsOfReference.trim(), updatedAt: nowIso() };
  await commit(
    session,
    { workspaceId: before.id, label: `Edit workspace ${after.name}`, changes: [{ table: 'workspaces', id: before.id, before, after }] },
    { category: 'alteration', action: 'update-workspace' },
  );
  return after;
}

export interface WorkspaceContents {
  workspace: Workspace;
  entities: Entity[];
  links: Link[];
  items: IntelItem[];
}

/**
 * Stores a whole new workspace (the demo, a synthetic scale set, later a bundle restore) in one transaction.
 * Not undoable record by record: the workspace can be deleted as a whole.
 */
export async function storeWorkspace(session: Session, contents: WorkspaceContents, action: string, summary: string): Promise<void> {
  const { workspace, entities, links, items } = contents;
  const changes: RecordChange[] = [
    { table: 'workspaces', id: workspace.id, before: null, after: workspace },
    ...items.map((r): RecordChange => ({ table: 'items', id: r.id, before: null, after: r })),
    ...entities.map((r): RecordChange => ({ table: 'entities', id: r.id, before: null, after: r })),
    ...links.map((r): RecordChange => ({ table: 'links', id: r.id, before: null, after: r })),
  ];
  const itemMap = new Map(items.map((i) => [i.id, i]));
  await commit(
    session,
    { workspaceId: workspace.id, label: summary, changes },
    { category: 'collection', action, summary, recordIds: [workspace.id] },
    { noUndo: true, trustBefore: true, reload: true, rowSnapshot: encodeRowSnapshot(toEntityRows(entities, itemMap, links)) },
  );
}

/** Deletes a workspace and everything in it. The audit log keeps that it happened (not the content). */
export async function deleteWorkspace(session: Session, workspace: Workspace): Promise<void> {
  const { db } = session;
  await db.transaction('rw', [db.workspaces, db.entities, db.links, db.items, db.events, db.imports, db.quarantine, db.audit, db.revisions, db.rowCache], async () => {
    await db.rowCache.delete(workspace.id);
    await db.revisions.delete(workspace.id);
    await db.imports.where('workspaceId').equals(workspace.id).delete();
    await db.quarantine.where('workspaceId').equals(workspace.id).delete();
    for (const t of PAGED_TABLES) await deleteAllRecords(db, t, workspace.id);
    await db.workspaces.delete(workspace.id);
    await db.audit.add({
      workspaceId: workspace.id,
      at: nowIso(),
      user: session.user,
      category: 'erasure',
      action: 'delete-workspace',
      summary: `Deleted workspace ${workspace.id} and all its records`,
      recordIds: [workspace.id],
    });
  });
  publish({ workspaceId: workspace.id, ids: { workspaces: [workspace.id] }, reload: true, audit: true });
}
