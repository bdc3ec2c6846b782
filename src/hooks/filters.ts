/**
 * The workspace's view filters (kind, role, agency, minimum grade, date range, minimum links), shared by
 * the chart and the map so both show the same slice of the picture. Session memory per workspace, like
 * the selection; nothing is stored.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { NO_FILTER, type ChartFilter } from '../graph/toElements';

type Listener = () => void;
const filters = new Map<string, ChartFilter>();
const listeners = new Set<Listener>();

function subscribe(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function getFilter(workspaceId: string): ChartFilter {
  return filters.get(workspaceId) ?? NO_FILTER;
}

/** The filter of a workspace and its setter (a function of the previous filter, or a new one). */
export function useSharedFilter(workspaceId: string): [ChartFilter, (next: ChartFilter | ((prev: ChartFilter) => ChartFilter)) => void] {
  const filter = useSyncExternalStore(
    subscribe,
    () => getFilter(workspaceId),
    () => getFilter(workspaceId),
  );
  const set = useCallback(
    (next: ChartFilter | ((prev: ChartFilter) => ChartFilter)) => {
      const value = typeof next === 'function' ? next(getFilter(workspaceId)) : next;
      if (value === getFilter(workspaceId)) return;
      filters.set(workspaceId, value);
      for (const l of listeners) l();
    },
    [workspaceId],
  );
  return [filter, set];
}
