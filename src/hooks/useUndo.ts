import { useCallback, useSyncExternalStore } from 'react';
import { onHistoryChange, redo, undo, undoState } from '../services/commit';
import { useSession } from './session';

/** Undo/redo state of this tab for a workspace, and the actions. */
export function useUndo(workspaceId: string) {
  const session = useSession();
  const subscribe = useCallback((l: () => void) => onHistoryChange(l), []);
  const snapshot = useSyncExternalStore(subscribe, () => JSON.stringify(undoState(workspaceId)));
  const state = JSON.parse(snapshot) as { undo: string | null; redo: string | null };
  return {
    ...state,
    undo: () => undo(session, workspaceId),
    redo: () => redo(session, workspaceId),
    undoLabel: state.undo,
    redoLabel: state.redo,
  };
}
