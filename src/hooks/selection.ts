/**
 * The workspace's shared selection: what the analyst has picked on the chart, in the entity table or on
 * the map is picked in all of them (and the detail panel shows it). Kept in memory per workspace for the
 * session, so moving between sections keeps it; nothing is stored.
 */
import { useCallback, useSyncExternalStore } from 'react';

type Listener = () => void;
const selections = new Map<string, readonly string[]>();
const listeners = new Set<Listener>();
const EMPTY: readonly string[] = [];

function subscribe(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function getSelection(workspaceId: string): readonly string[] {
  return selections.get(workspaceId) ?? EMPTY;
}

export function setSelection(workspaceId: string, ids: readonly string[]): void {
  const prev = getSelection(workspaceId);
  if (prev.length === ids.length && prev.every((id, i) => id === ids[i])) return;
  selections.set(workspaceId, [...ids]);
  for (const l of listeners) l();
}

/** The selection of a workspace and its setter (same ids in the same order are not a change). */
export function useSelection(workspaceId: string): [readonly string[], (ids: readonly string[]) => void] {
  const ids = useSyncExternalStore(
    subscribe,
    () => getSelection(workspaceId),
    () => getSelection(workspaceId),
  );
  const set = useCallback((next: readonly string[]) => setSelection(workspaceId, next), [workspaceId]);
  return [ids, set];
}
