/**
 * Crime events of a workspace (imported data.police.uk rows), read for the map. They are not kept in the
 * in-memory workspace cache (they can number tens of thousands and only the map needs them).
 */
import type { LinkwallDb } from '../db/schema';
import { readAllRecords } from '../db/pages';
import type { CrimeEvent } from '../domain/model';

export function loadEvents(db: LinkwallDb, workspaceId: string): Promise<CrimeEvent[]> {
  return readAllRecords(db, 'events', workspaceId);
}
