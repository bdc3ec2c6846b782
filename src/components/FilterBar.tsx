/**
 * The view filters of the chart and the map (shared between them per workspace): kind, role, agency,
 * minimum grade, minimum number of links, and a time slider over the link dates that can play through
 * time month by month; what does not pass fades, or is hidden by choice.
 */
import { useEffect, useMemo, useState } from 'react';
import { NO_FILTER, type ChartFilter } from '../graph/toElements';
import type { EntityKind, Role } from '../domain/model';
import { KindOptions, RoleOptions } from './options';

export function FilterBar({
  filter,
  setFilter,
  agencies,
  range,
  roles,
  hide,
  setHide,
}: {
  filter: ChartFilter;
  setFilter: (next: ChartFilter | ((prev: ChartFilter) => ChartFilter)) => void;
  agencies: readonly string[];
  /** The first and last link dates (the time slider's ends), if any link is dated. */
  range: { from: string; to: string } | null;
  roles: readonly Role[];
  hide: boolean;
  setHide: (hide: boolean) => void;
}) {
  const [playing, setPlaying] = useState(false);
  const filtered = filter !== NO_FILTER;
  const months = useMemo(() => (range ? monthsBetween(range.from, range.to) : []), [range]);
  const monthIndex = filter.to ? Math.max(0, months.findIndex((m) => `${m}-31` >= filter.to!)) : months.length - 1;
  useEffect(() => {
    if (!playing || !months.length) return;
    const t = setInterval(() => {
      setFilter((f) => {
        const i = f.to ? months.findIndex((m) => `${m}-31` >= f.to!) : -1;
        const next = months[i + 1];
        if (!next) {
          setPlaying(false);
          return { ...f, to: null };
        }
        return { ...f, to: `${next}-31` };
      });
    }, 700);
    return () => clearInterval(t);
  }, [playing, months, setFilter]);
  return (
      <div className="chart-filters" role="group" aria-label="Filters">
        <label>
          Kind{' '}
          <select
            aria-label="Show kind"
            value={filter.kinds.size === 1 ? [...filter.kinds][0] : ''}
            onChange={(e) => setFilter({ ...filter, kinds: e.target.value ? new Set([e.target.value as EntityKind]) : new Set() })}
          >
            <KindOptions />
          </select>
        </label>
        <label>
          Role{' '}
          <select aria-label="Show role" value={filter.role ?? ''} onChange={(e) => setFilter({ ...filter, role: (e.target.value || null) as Role | null })}>
            <RoleOptions roles={roles} />
          </select>
        </label>
        <label>
          Agency{' '}
          <select aria-label="Show agency" value={filter.agency ?? ''} onChange={(e) => setFilter({ ...filter, agency: e.target.value || null })}>
            <option value="">All agencies</option>
            {agencies.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          Grade{' '}
          <select aria-label="Minimum grade" value={filter.minStrength} onChange={(e) => setFilter({ ...filter, minStrength: e.target.value as ChartFilter['minStrength'] })}>
            <option value="weak">Any grade</option>
            <option value="medium">C/D or better</option>
            <option value="strong">A/B only</option>
          </select>
        </label>
        <label>
          Min. links{' '}
          <input aria-label="Minimum number of links" type="number" min={0} max={50} value={filter.minLinks} onChange={(e) => setFilter({ ...filter, minLinks: Math.max(0, Number(e.target.value) || 0) })} style={{ width: 56 }} />
        </label>
        {months.length > 1 && (
          <label className="time-slider">
            Links up to <strong>{months[monthIndex] ?? ''}</strong>{' '}
            <input
              type="range"
              aria-label="Show links up to month"
              min={0}
              max={months.length - 1}
              value={monthIndex}
              onChange={(e) => {
                const i = Number(e.target.value);
                setFilter({ ...filter, to: i >= months.length - 1 ? null : `${months[i]}-31` });
              }}
            />
            <button type="button" onClick={() => (playing ? setPlaying(false) : (setFilter({ ...filter, to: `${months[0]}-31` }), setPlaying(true)))}>
              {playing ? 'Pause' : 'Play'}
            </button>
          </label>
        )}
        <label className="inline">
          <input type="checkbox" checked={hide} onChange={(e) => setHide(e.target.checked)} /> Hide, don't fade
        </label>
        {filtered && (
          <button type="button" className="link-button" onClick={() => setFilter(NO_FILTER)}>
            Clear filters
          </button>
        )}
      </div>
  );
}

/** Every month (`YYYY-MM`) from the first date's month to the last's. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
