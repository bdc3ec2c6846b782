/** Loads the fictional demo workspace (opens it if it is already in this browser). */
import { generateDemoWorkspace } from '../domain/demo';
import type { Session } from './commit';
import { storeWorkspace } from './workspaces';

export async function loadDemoWorkspace(session: Session, seed?: number): Promise<string> {
  const demo = generateDemoWorkspace(seed);
  const existing = await session.db.workspaces.get(demo.workspace.id);
  if (existing) return existing.id;
  await storeWorkspace(
    session,
    { workspace: demo.workspace, entities: demo.entities, links: demo.links, items: demo.items },
    'load-demo',
    `Loaded the fictional demo workspace "${demo.workspace.name}"`,
  );
  return demo.workspace.id;
}
