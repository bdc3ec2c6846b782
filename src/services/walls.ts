/**
 * The chart's wall for a workspace: which entities are on it and where. Kept in this browser's settings
 * table until named, shared chart views arrive (the chart issue); positions are not intelligence.
 */
import type { LinkwallDb } from '../db/schema';

export interface Wall {
  nodes: string[];
  positions: Record<string, { x: number; y: number }>;
}

const key = (workspaceId: string) => `wall:${workspaceId}`;

export async function loadWall(db: LinkwallDb, workspaceId: string): Promise<Wall | null> {
  const rec = await db.meta.get(key(workspaceId));
  return (rec?.value as Wall | undefined) ?? null;
}

export async function saveWall(db: LinkwallDb, workspaceId: string, wall: Wall): Promise<void> {
  await db.meta.put({ key: key(workspaceId), value: wall });
}
