/**
 * While a new record is typed, the existing records it may duplicate: found with the workspace's search
 * index (names with nicknames, typos and sound-alikes; plates; phones; postcodes), people checked against
 * the date of birth typed. Shown before saving so the analyst can open the existing record instead.
 */
import { useDeferredValue, useMemo } from 'react';
import { KindIcon } from '../../components/icons';
import { entityLabel, entitySubtitle } from '../../domain/labels';
import type { EntityKind } from '../../domain/model';
import { useWorkspaceData } from '../../hooks/session';
import { navigate } from '../router';

export interface MatchQuery {
  kind: EntityKind;
  /** What to search for: names, a plate, a number, a postcode and first line. */
  text: string;
  /** For people: a typed date of birth (ISO), to drop records with a clearly different one. */
  dob?: string;
}

function dobCompatible(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return true;
  if (a === b) return true;
  const [ay, am, ad] = a.split('-');
  const [by, bm, bd] = b.split('-');
  // Day and month swapped, or the year one out, are common recording slips.
  if (ay === by && am === bd && ad === bm) return true;
  return am === bm && ad === bd && Math.abs(Number(ay) - Number(by)) === 1;
}

export function LikelyMatches({ query, workspaceId, excludeId }: { query: MatchQuery; workspaceId: string; excludeId?: string }) {
  const data = useWorkspaceData();
  const q = useDeferredValue(query);
  const matches = useMemo(() => {
    if (!data.search || q.text.trim().length < 3) return [];
    return data.search
      .search(q.text, 40)
      .hits.map((h) => data.entities.get(h.id))
      .filter((e): e is NonNullable<typeof e> => !!e && e.kind === q.kind && e.id !== excludeId && !e.mergedInto)
      .filter((e) => e.kind !== 'person' || dobCompatible(q.dob, e.dob?.value))
      .slice(0, 5);
  }, [data.search, data.entities, q, excludeId]);
  if (!matches.length) return null;
  return (
    <aside className="likely-matches" aria-label="Possible existing records">
      <strong>Already recorded?</strong> These existing records look similar:
      <ul>
        {matches.map((e) => (
          <li key={e.id}>
            <KindIcon kind={e.kind} size={14} /> {entityLabel(e)} <span className="hint">{entitySubtitle(e)}</span>{' '}
            <button type="button" className="link-button" onClick={() => navigate({ page: 'workspace', workspaceId, section: 'entities', selected: e.id })}>
              Open it instead
            </button>
          </li>
        ))}
      </ul>
      <span className="hint">If it is the same, add the new information to the existing record; the duplicate review would otherwise find it later.</span>
    </aside>
  );
}
