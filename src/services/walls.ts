/**
 * The chart's named views ("walls") of a workspace: which entities are on each and where. Kept in this
 * browser's settings table (positions and choices of view are not intelligence; nothing here is
 * exported unless the chart is).
 */
import type { LinkwallDb } from '../db/schema';
import { newId } from '../domain/util';

/** A box of entities on a view (e.g. everyone around one takeaway), open or collapsed into one node. */
export interface ChartGroup {
  id: string;
  label: string;
  members: string[];
  collapsed: boolean;
}

export interface Wall {
  nodes: string[];
  positions: Record<string, { x: number; y: number }>;
  /** Entities that keep their place through layouts and cannot be dragged by accident. */
  pinned?: string[];
  /** Boxes of entities, open or collapsed into one node. */
  groups?: ChartGroup[];
}

export interface ChartViewRecord extends Wall {
  id: string;
  name: string;
}

export interface ChartViews {
  current: string;
  views: ChartViewRecord[];
}

const key = (workspaceId: string) => `chartViews:${workspaceId}`;
const oldKey = (workspaceId: string) => `wall:${workspaceId}`;

export function newView(name: string, wall: Wall): ChartViewRecord {
  return { id: newId('view'), name, ...wall };
}

export async function loadViews(db: LinkwallDb, workspaceId: string): Promise<ChartViews | null> {
  const rec = await db.meta.get(key(workspaceId));
  if (rec) return rec.value as ChartViews;
  // A single wall saved before named views existed becomes the first view.
  const old = await db.meta.get(oldKey(workspaceId));
  if (old) {
    const view = newView('Main wall', old.value as Wall);
    return { current: view.id, views: [view] };
  }
  return null;
}

export async function saveViews(db: LinkwallDb, workspaceId: string, views: ChartViews): Promise<void> {
  await db.meta.put({ key: key(workspaceId), value: views });
}

/** Replaces what is on the current view of a workspace (the benchmarks set up large views with it). */
export async function saveWall(db: LinkwallDb, workspaceId: string, wall: Wall): Promise<void> {
  const views = (await loadViews(db, workspaceId)) ?? { current: '', views: [] };
  const current = views.views.find((v) => v.id === views.current);
  if (current) Object.assign(current, wall);
  else {
    const v = newView('Main wall', wall);
    views.views.push(v);
    views.current = v.id;
  }
  await saveViews(db, workspaceId, views);
}
