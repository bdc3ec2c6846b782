/**
 * Tells every open view (in this tab and, through a BroadcastChannel, in other tabs of the same browser)
 * which records a committed change touched, so in-memory caches can refresh just those records.
 */
import type { ChangeSet, TableName } from '../db/changes';

export interface ChangeNotice {
  workspaceId: string;
  ids: Partial<Record<TableName, string[]>>;
  /** Set when many records changed at once (bulk load, import): caches reload the workspace. */
  reload?: boolean;
  audit?: boolean;
  /** The workspace's revision after the change, when it changed records. */
  revision?: number;
}

type Listener = (n: ChangeNotice) => void;
const listeners = new Set<Listener>();
const CHANNEL = 'linkwall-changes';
let channel: BroadcastChannel | null = null;

function getChannel(): BroadcastChannel | null {
  if (channel || typeof BroadcastChannel === 'undefined') return channel;
  channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (ev: MessageEvent<ChangeNotice>) => {
    for (const l of listeners) l(ev.data);
  };
  return channel;
}

export function onChange(listener: Listener): () => void {
  getChannel();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function noticeOf(cs: ChangeSet, revision: number, reload = false): ChangeNotice {
  const ids: Partial<Record<TableName, string[]>> = {};
  if (!reload) {
    for (const c of cs.changes) (ids[c.table] ??= []).push(c.id);
  }
  return { workspaceId: cs.workspaceId, ids, reload, audit: true, revision };
}

export function publish(notice: ChangeNotice): void {
  for (const l of listeners) l(notice);
  getChannel()?.postMessage(notice);
}
