/**
 * Picks one entity of the open workspace by typing: an ARIA 1.2 combobox (input + listbox) searched
 * through the workspace's search index, falling back to a substring scan of labels while the index is
 * still being built. Keyboard: arrows move, Enter picks, Escape closes the list (without closing the
 * dialog around it).
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { Field } from '../../components/Field';
import { KindIcon } from '../../components/icons';
import { entityLabel, entitySubtitle } from '../../domain/labels';
import type { Entity, EntityKind } from '../../domain/model';
import { foldText } from '../../domain/normalise';
import type { WorkspaceSnapshot } from '../../services/workspaceData';
import { useWorkspaceData } from '../../hooks/session';

const MAX_OPTIONS = 12;

function findEntities(
  snap: WorkspaceSnapshot,
  query: string,
  allowed: (e: Entity) => boolean,
): Entity[] {
  const q = query.trim();
  const out: Entity[] = [];
  if (!q) {
    for (const e of snap.entities.values()) {
      if (allowed(e)) out.push(e);
      if (out.length >= MAX_OPTIONS) break;
    }
    return out;
  }
  if (snap.search) {
    for (const hit of snap.search.search(q).hits) {
      const e = snap.entities.get(hit.id);
      if (e && allowed(e)) out.push(e);
      if (out.length >= MAX_OPTIONS) break;
    }
    return out;
  }
  // The index is still being built: a plain scan of the labels.
  const fq = foldText(q);
  for (const e of snap.entities.values()) {
    if (allowed(e) && foldText(`${entityLabel(e)} ${entitySubtitle(e)}`).includes(fq)) out.push(e);
    if (out.length >= MAX_OPTIONS) break;
  }
  return out;
}

export function EntityPicker({
  label,
  kinds,
  exclude,
  value,
  onChange,
  error,
  hint,
}: {
  label: string;
  kinds?: EntityKind[];
  exclude?: string[];
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string | undefined;
  hint?: string;
}) {
  const snap = useWorkspaceData();
  const selected = value ? (snap.entities.get(value) ?? null) : null;
  const [query, setQuery] = useState(selected ? entityLabel(selected) : '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  // When the value changes from outside, show its label (derived-state pattern, no effect needed).
  const [shownValue, setShownValue] = useState(value);
  if (value !== shownValue) {
    setShownValue(value);
    setQuery(selected ? entityLabel(selected) : '');
  }
  const listId = useId();
  const optionId = (i: number) => `${listId}-opt-${i}`;

  const kindKey = kinds?.join(',') ?? '';
  const excludeKey = exclude?.join(',') ?? '';
  const options = useMemo(() => {
    if (!open) return [];
    const kindSet = kinds ? new Set<EntityKind>(kinds) : null;
    const excluded = new Set(exclude ?? []);
    const allowed = (e: Entity) => !e.mergedInto && (!kindSet || kindSet.has(e.kind)) && !excluded.has(e.id);
    // Showing the chosen entity's own label: list everything allowed rather than just that one.
    const q = selected && query === entityLabel(selected) ? '' : query;
    return findEntities(snap, q, allowed);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, query, snap.version, snap.search, kindKey, excludeKey, selected]);

  const pick = (e: Entity) => {
    setShownValue(e.id);
    setQuery(entityLabel(e));
    setOpen(false);
    onChange(e.id);
  };

  const onKeyDown = (ev: KeyboardEvent<HTMLInputElement>) => {
    switch (ev.key) {
      case 'ArrowDown':
        ev.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(0);
        } else setActive((a) => Math.min(a + 1, Math.max(0, options.length - 1)));
        break;
      case 'ArrowUp':
        ev.preventDefault();
        if (open) setActive((a) => Math.max(0, a - 1));
        break;
      case 'Home':
        if (open) {
          ev.preventDefault();
          setActive(0);
        }
        break;
      case 'End':
        if (open) {
          ev.preventDefault();
          setActive(Math.max(0, options.length - 1));
        }
        break;
      case 'Enter': {
        const e = open ? options[active] : undefined;
        if (e) {
          ev.preventDefault();
          pick(e);
        } else if (open) {
          ev.preventDefault();
        }
        break;
      }
      case 'Escape':
        if (open) {
          // Close the list only; the dialog around the picker stays open.
          ev.preventDefault();
          ev.stopPropagation();
          setOpen(false);
        }
        break;
      default:
        break;
    }
  };

  const expanded = open && options.length > 0;
  const activeOption = expanded && active < options.length ? optionId(active) : undefined;

  return (
    <div className="entity-picker">
      <Field label={label} error={error} {...(hint ? { hint } : {})}>
        <input
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={activeOption}
          autoComplete="off"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
            setActive(0);
            if (value !== null) {
              setShownValue(null);
              onChange(null);
            }
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
        />
      </Field>
      <ul id={listId} role="listbox" aria-label={label} className="picker-options" hidden={!expanded}>
        {expanded &&
          options.map((e, i) => {
            const subtitle = entitySubtitle(e);
            return (
              <li
                key={e.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'picker-option active' : 'picker-option'}
                onMouseDown={(ev) => ev.preventDefault()}
                onMouseEnter={() => setActive(i)}
                onClick={() => pick(e)}
              >
                <KindIcon kind={e.kind} />
                <span className="picker-label">{entityLabel(e)}</span>
                {subtitle && <span className="picker-subtitle"> · {subtitle}</span>}
              </li>
            );
          })}
      </ul>
      {open && query.trim() !== '' && options.length === 0 && (
        <p className="hint" role="status">
          No record matches “{query.trim()}”.
        </p>
      )}
      {selected && (
        <p className="picker-selected">
          <KindIcon kind={selected.kind} /> <span>{entityLabel(selected)}</span>
          {entitySubtitle(selected) && <span className="picker-subtitle"> · {entitySubtitle(selected)}</span>}{' '}
          <button
            type="button"
            className="link-button"
            aria-label={`Clear ${label}`}
            onClick={() => {
              setShownValue(null);
              setQuery('');
              onChange(null);
            }}
          >
            Clear
          </button>
        </p>
      )}
    </div>
  );
}
