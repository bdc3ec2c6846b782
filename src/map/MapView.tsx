/**
 * Map: where it happens, offline. Every located place of the workspace (and the people placed through
 * their addresses and places) on a bundled basemap, crime events clustered and as a heat layer, the links
 * between what is on the map, the chart's filters, one selection with the chart and the table. Places
 * without coordinates are placed by postcode (an imported postcode file) or district (bundled table), or
 * by hand. Victim-side places can be generalised; exports (GeoJSON, KML, PNG) and presentation generalise
 * them by default. Hot spots can be drawn as areas.
 */
import type L from 'leaflet';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { FilterBar } from '../components/FilterBar';
import { KindIcon } from '../components/icons';
import { Menu } from '../components/Menu';
import { downloadBlob } from '../components/download';
import { useNotify } from '../components/notify';
import { DEMO_DISTRICTS } from '../domain/demo';
import { areaCentroid, validateArea } from '../domain/geo/areas';
import { geoJsonText, toKml } from '../domain/geo/exportGeo';
import { AUDIENCE_MODE_LABEL, type AudienceMode } from '../domain/geo/generalise';
import { outcodeTableLookup, postcodesToLookUp, PRECISION_LABEL, type GeoLookups } from '../domain/geo/geocode';
import { entityLabel } from '../domain/labels';
import { KIND_LABEL, type Entity, type Hotspot, type Id } from '../domain/model';
import { newId, nowIso } from '../domain/util';
import { dateRange, KIND_COLOUR, NO_FILTER, pseudonyms, ROLE_PRIORITY, toChartElements } from '../graph/toElements';
import { DetailPanel } from '../app/DetailPanel';
import { MergeSelectedButton } from '../app/duplicates/ComparePair';
import { exposeMapForBench } from '../app/benchHooks';
import { useSharedFilter } from '../hooks/filters';
import { useRevision } from '../hooks/queries';
import { useSelection } from '../hooks/selection';
import { useSession, useWorkspaceData } from '../hooks/session';
import { logAudit } from '../services/commit';
import { loadEvents } from '../services/events';
import { importPostcodeFile, lookupPostcodes, postcodeFileInfo, type PostcodeTableInfo } from '../services/postcodes';
import { saveEntity } from '../services/records';
import { DEFAULT_LAYERS, MapCanvas, type DrawMode, type DrawResult, type MapLayers } from './MapCanvas';
import { mapToPng } from './exportMap';
import { GEO_ATTRIBUTIONS } from './data/attribution';
import outcodeTable from './data/outcodes.json';
import { buildMapModel, eventFacets, filterEvents, type EventFilter } from './mapData';
import type { CrimeEvent } from '../domain/model';

const TILE_KEY = 'linkwall.map.tileUrl';
/** The bundled GB districts plus the demo's fictional Kelbridge ones. */
const outcodeLookup = outcodeTableLookup({ ...(outcodeTable as Record<string, number[]>), ...DEMO_DISTRICTS });

export function MapView({ workspaceId }: { workspaceId: string }) {
  const session = useSession();
  const data = useWorkspaceData();
  const notify = useNotify();
  const revision = useRevision(workspaceId);
  const [selected, setSelected] = useSelection(workspaceId);
  const [filter, setFilter] = useSharedFilter(workspaceId);
  const [hideFiltered, setHideFiltered] = useState(false);
  const [layers, setLayers] = useState<MapLayers>(DEFAULT_LAYERS);
  const [heatIntel, setHeatIntel] = useState(false);
  const [heatEvents, setHeatEvents] = useState(true);
  const [pseudonymise, setPseudonymise] = useState(true);
  const [audience, setAudience] = useState<AudienceMode>('exact');
  const [present, setPresent] = useState(false);
  const [drawMode, setDrawMode] = useState<DrawMode>('none');
  const [placing, setPlacing] = useState<Entity | null>(null);
  const [dragToMove, setDragToMove] = useState(false);
  const [events, setEvents] = useState<CrimeEvent[]>([]);
  const [eventFilter, setEventFilter] = useState<EventFilter>({ types: new Set(), from: null, to: null });
  const [postcodes, setPostcodes] = useState<Map<string, { lat: number; lng: number }>>(new Map());
  const [postcodeInfo, setPostcodeInfo] = useState<PostcodeTableInfo | null>(null);
  const [importing, setImporting] = useState<string | null>(null);
  const [tileUrl, setTileUrl] = useState<string | null>(() => localStorage.getItem(TILE_KEY));
  const [exportAudience, setExportAudience] = useState<AudienceMode>('district');
  const mapRef = useRef<L.Map | null>(null);
  const presentRef = useRef<HTMLDivElement>(null);

  // Crime events: read when the workspace changes (an import, an undo).
  useEffect(() => {
    let alive = true;
    void loadEvents(session.db, workspaceId).then((ev) => alive && setEvents(ev));
    return () => {
      alive = false;
    };
  }, [session.db, workspaceId, revision]);

  // Full postcodes of the workspace's places, looked up in the imported postcode table.
  const wanted = useMemo(() => postcodesToLookUp([...data.entities.values()]), [data.entities, data.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const loadPostcodes = useCallback(async () => {
    const [found, info] = await Promise.all([lookupPostcodes(session.db, wanted), postcodeFileInfo(session.db)]);
    setPostcodes(found);
    setPostcodeInfo(info);
  }, [session.db, wanted]);
  useEffect(() => {
    void loadPostcodes();
  }, [loadPostcodes]);

  const lookups: GeoLookups = useMemo(() => ({ fullPostcode: (pc) => postcodes.get(pc), outcode: outcodeLookup }), [postcodes]);
  const names = useMemo(() => pseudonyms(data.entities.values()), [data.entities, data.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const rowAgencies = useMemo(() => new Map(data.rows.map((r) => [r.id, r.agencies])), [data.rows]);
  const agencies = useMemo(() => [...new Set(data.rows.flatMap((r) => r.agencies))].sort(), [data.rows]);
  const viewAudience: AudienceMode = present && audience === 'exact' ? 'district' : audience;
  const model = useMemo(
    () =>
      buildMapModel(data.entities, [...data.links.values()], data.items, lookups, {
        filter,
        fade: !hideFiltered,
        agenciesOf: (id) => rowAgencies.get(id) ?? [],
        pseudonyms: pseudonymise || present ? names : null,
        audience: viewAudience,
        today: new Date().toISOString().slice(0, 10),
      }),
    [data.entities, data.links, data.items, data.version, lookups, filter, hideFiltered, rowAgencies, pseudonymise, present, names, viewAudience], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const range = useMemo(() => {
    const { edges } = toChartElements([...data.entities.keys()], data.entities, data.links.values(), data.items, { pseudonymise: false, pseudonyms: new Map(), aggregate: false });
    return dateRange(edges);
  }, [data.entities, data.links, data.items, data.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const facets = useMemo(() => eventFacets(events), [events]);
  const shownEvents = useMemo(() => filterEvents(events, eventFilter, filter), [events, eventFilter, filter]);
  const mapEvents = useMemo(() => shownEvents.map((e) => ({ id: e.id, lat: e.location!.lat, lng: e.location!.lng, label: `${e.crimeType}, ${e.month}: ${e.locationText}` })), [shownEvents]);
  const points = useMemo(
    () => model.points.map((p) => ({ ...p, draggable: dragToMove && p.kind !== 'person' && !p.generalised })),
    [model.points, dragToMove],
  );
  const heat = useMemo(
    () => [
      ...(heatIntel ? [{ id: 'intel' as const, points: model.intelHeat }] : []),
      ...(heatEvents && layers.events ? [{ id: 'events' as const, points: mapEvents }] : []),
    ],
    [heatIntel, heatEvents, layers.events, model.intelHeat, mapEvents],
  );

  // Consultation is logged (DPA 2018 s.62), once per visit.
  useEffect(() => {
    void logAudit(session, workspaceId, { category: 'consultation', action: 'view-map', summary: 'Viewed the map' });
  }, [session, workspaceId]);

  useEffect(() => {
    if (!present) return;
    void presentRef.current?.requestFullscreen?.().catch(() => undefined);
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setPresent(false);
    };
    const onFs = () => {
      if (!document.fullscreenElement) setPresent(false);
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFs);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFs);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, [present]);

  const savePlace = async (entity: Entity, lat: number, lng: number) => {
    if (entity.kind !== 'address' && entity.kind !== 'business' && entity.kind !== 'hotspot') return;
    try {
      const next = { ...entity, location: { value: { lat: round(lat), lng: round(lng), precision: 'manual' as const }, sources: entity.kind === 'business' ? [] : (entity.location?.sources ?? []) }, updatedAt: nowIso() } as Entity;
      await saveEntity(session, next, entity);
      notify(`Placed ${entityLabel(entity)} by hand (precision: placed by hand).`);
    } catch (e) {
      notify((e as Error).message, 'error');
    }
  };

  const onDrawn = async (result: DrawResult) => {
    setDrawMode('none');
    if (result.kind === 'place') {
      const target = placing;
      setPlacing(null);
      if (target) await savePlace(target, result.lat, result.lng);
      return;
    }
    const check = validateArea(result.area);
    if (!check.ok) return notify(`That area cannot be used: ${check.message}`, 'error');
    const centre = areaCentroid(result.area);
    const one = selected.length === 1 ? data.entities.get(selected[0] ?? '') : undefined;
    try {
      if (one?.kind === 'hotspot') {
        const next: Hotspot = { ...one, area: { value: result.area, sources: [] }, location: { value: { lat: round(centre.lat), lng: round(centre.lng), precision: 'manual' }, sources: [] }, updatedAt: nowIso() };
        await saveEntity(session, next, one);
        notify(`Drew the area of ${entityLabel(one)}.`);
        return;
      }
      const name = window.prompt('Name of the new hot spot (for example "Bus station underpass")', 'New hot spot');
      if (!name?.trim()) return;
      const now = nowIso();
      const hotspot: Hotspot = {
        id: newId('h'),
        workspaceId,
        kind: 'hotspot',
        createdAt: now,
        updatedAt: now,
        notes: [],
        name: { value: name.trim(), sources: [] },
        hotspotType: 'area',
        description: `Drawn on the map as a ${result.area.shape}.`,
        location: { value: { lat: round(centre.lat), lng: round(centre.lng), precision: 'manual' }, sources: [] },
        area: { value: result.area, sources: [] },
      };
      await saveEntity(session, hotspot, null);
      setSelected([hotspot.id]);
      notify(`Added the hot spot ${name.trim()}.`);
    } catch (e) {
      notify((e as Error).message, 'error');
    }
  };

  const onMovePoint = (id: string, lat: number, lng: number) => {
    const e = data.entities.get(id);
    if (e) void savePlace(e, lat, lng);
  };

  const importPostcodes = async (file: File) => {
    setImporting(`Reading ${file.name}…`);
    try {
      const result = await importPostcodeFile(session.db, file, (p) => setImporting(`Importing ${file.name}: ${Math.round(p.fraction * 100)}% (${p.written.toLocaleString('en-GB')} postcodes stored)`));
      notify(`Imported ${result.file.count.toLocaleString('en-GB')} postcodes from ${file.name} (${result.file.formatLabel}); ${result.file.skipped.toLocaleString('en-GB')} rows skipped.`);
      await loadPostcodes();
    } catch (e) {
      notify(`The postcode file was not imported: ${(e as Error).message}`, 'error');
    } finally {
      setImporting(null);
    }
  };

  const exportAs = async (format: 'geojson' | 'kml' | 'png') => {
    const marking = data.workspace?.marking ?? 'OFFICIAL-SENSITIVE';
    const title = `${data.workspace?.name ?? 'Linkwall'}: map`;
    const stem = `${(data.workspace?.name ?? 'map').replace(/[^\w-]+/g, '-').replace(/^-|-$/g, '')}-map`;
    // Exports show victim-side places as the analyst chose for the export (by district unless changed).
    const out = buildMapModel(data.entities, [...data.links.values()], data.items, lookups, {
      filter,
      fade: false,
      agenciesOf: (id) => rowAgencies.get(id) ?? [],
      pseudonyms: pseudonymise ? names : null,
      audience: exportAudience,
    });
    const labelled = out.features.map((f) => {
      const p = out.points.find((x) => x.id === f.id);
      return p && !f.generalised ? { ...f, label: p.label } : f;
    }).filter((f) => out.points.some((p) => p.id === f.id));
    try {
      let blob: Blob;
      if (format === 'geojson') blob = new Blob([geoJsonText(labelled, { marking, title, generatedAt: nowIso(), attribution: GEO_ATTRIBUTIONS })], { type: 'application/geo+json' });
      else if (format === 'kml') blob = new Blob([toKml(labelled, { marking, title, generatedAt: nowIso(), attribution: GEO_ATTRIBUTIONS })], { type: 'application/vnd.google-earth.kml+xml' });
      else {
        if (!mapRef.current) return;
        blob = await mapToPng(mapRef.current, { points: out.points, events: layers.events ? mapEvents : [], links: layers.links ? out.links : [], heat, marking, title });
      }
      downloadBlob(blob, `${stem}.${format === 'geojson' ? 'geojson' : format}`);
      await logAudit(session, workspaceId, {
        category: 'disclosure',
        action: `export-map-${format}`,
        summary: `Exported the map as ${format.toUpperCase()} (${out.points.length} located entities; victim-side places ${AUDIENCE_MODE_LABEL[exportAudience].toLowerCase()}; young people ${pseudonymise ? 'by pseudonym' : 'by name'}), marked ${marking}`,
        recordIds: out.points.map((p) => p.id),
      });
      notify(`Exported the map as ${format.toUpperCase()}.`);
    } catch (e) {
      notify(`The map could not be exported: ${(e as Error).message}`, 'error');
    }
  };

  const setTile = () => {
    const url = window.prompt(
      'Address of a tile server, with {z}/{x}/{y} (for example a server on your force network). Leave empty to use only the bundled offline map.\n\n' +
        'Warning: with a tile server set, the map asks that server for map images of every place you look at, so the server can see which areas you are working on.',
      tileUrl ?? '',
    );
    if (url === null) return;
    const clean = url.trim();
    if (clean && !/^https?:\/\/.+\{z\}.*\{x\}.*\{y\}/.test(clean)) return notify('A tile server address needs http(s):// and {z}, {x} and {y}.', 'error');
    if (clean) localStorage.setItem(TILE_KEY, clean);
    else localStorage.removeItem(TILE_KEY);
    setTileUrl(clean || null);
    notify(clean ? 'The map now loads tiles from that server.' : 'The map uses only the bundled offline basemap.');
  };

  if (!data.complete) return <p className="loading">Loading the map…</p>;
  const one = selected.length === 1 ? data.entities.get(selected[0] ?? '') : undefined;
  const counts = { places: model.points.filter((p) => p.kind !== 'person' && !p.faded).length, people: model.points.filter((p) => p.kind === 'person' && !p.faded).length };
  const label = `Map: ${counts.places} places, ${counts.people} people, ${mapEvents.length} crime events`;
  const canvas = (
    <MapCanvas
      points={points}
      events={mapEvents}
      links={model.links}
      heat={heat}
      layers={layers}
      selected={selected}
      onSelect={(ids, additive) => setSelected(additive ? [...new Set([...selected, ...ids])] : ids)}
      onMovePoint={onMovePoint}
      drawMode={drawMode}
      onDrawn={(r) => void onDrawn(r)}
      onDrawCancel={() => {
        setDrawMode('none');
        setPlacing(null);
      }}
      tileUrl={tileUrl}
      fitKey={`${workspaceId}|${present}|${events.length > 0}`}
      label={label}
      onReady={(m) => {
        mapRef.current = m;
        exposeMapForBench(m);
      }}
    />
  );

  if (present)
    return (
      <div ref={presentRef} className="present map-present" role="dialog" aria-label="Map presentation" aria-modal="true">
        <div className="present-marking">{data.workspace?.marking}</div>
        <div className="map-present-canvas">{canvas}</div>
        <div className="present-legend">
          <MapLegend heatIntel={heatIntel} heatEvents={heatEvents && layers.events} />
        </div>
        <p className="present-hint">Esc leaves. Young people are shown by pseudonym; victim-side places only by postcode district.</p>
      </div>
    );

  return (
    <div className="map-view">
      <div className="chart-toolbar" role="toolbar" aria-label="Map">
        <Menu label="Layers">
          {(
            [
              ['clusters', 'Cluster markers when zoomed out'],
              ['precision', 'Circles of uncertainty'],
              ['links', 'Links between places and people'],
              ['forceAreas', 'Police force areas'],
              ['events', 'Crime events'],
            ] as const
          ).map(([k, text]) => (
            <label key={k} className="inline">
              <input type="checkbox" checked={layers[k]} onChange={(e) => setLayers({ ...layers, [k]: e.target.checked })} /> {text}
            </label>
          ))}
          <label className="inline">
            <input type="checkbox" checked={heatIntel} onChange={(e) => setHeatIntel(e.target.checked)} /> Heat: intelligence about places
          </label>
          <label className="inline">
            <input type="checkbox" checked={heatEvents} onChange={(e) => setHeatEvents(e.target.checked)} /> Heat: crime events
          </label>
        </Menu>
        <label>
          Crime type{' '}
          <select
            aria-label="Crime type"
            value={eventFilter.types.size === 1 ? [...eventFilter.types][0] : ''}
            onChange={(e) => setEventFilter({ ...eventFilter, types: e.target.value ? new Set([e.target.value]) : new Set() })}
            disabled={!events.length}
          >
            <option value="">All crime types ({events.length.toLocaleString('en-GB')})</option>
            {facets.types.map((t) => (
              <option key={t.type} value={t.type}>
                {t.type} ({t.count.toLocaleString('en-GB')})
              </option>
            ))}
          </select>
        </label>
        <MonthSelect text="From" label="Crime events from month" open="first month" months={facets.months} value={eventFilter.from} onChange={(from) => setEventFilter({ ...eventFilter, from })} />
        <MonthSelect text="to" label="Crime events to month" open="last month" months={facets.months} value={eventFilter.to} onChange={(to) => setEventFilter({ ...eventFilter, to })} />
        <Menu label="Draw hot spot">
          <p className="hint">Select a hot spot first to give it an area; otherwise a new hot spot is made.</p>
          <button type="button" onClick={() => setDrawMode('polygon')}>
            Polygon (click the corners; double-click or Enter ends)
          </button>
          <button type="button" onClick={() => setDrawMode('circle')}>
            Circle (click the centre, then the edge)
          </button>
        </Menu>
        <label className="inline">
          <input type="checkbox" checked={dragToMove} onChange={(e) => setDragToMove(e.target.checked)} /> Move places by dragging
        </label>
        <label className="inline">
          <input type="checkbox" checked={pseudonymise} onChange={(e) => setPseudonymise(e.target.checked)} /> Young people by pseudonym
        </label>
        <label>
          Victim-side places{' '}
          <select aria-label="Victim-side places" value={audience} onChange={(e) => setAudience(e.target.value as AudienceMode)}>
            {(Object.keys(AUDIENCE_MODE_LABEL) as AudienceMode[]).map((m) => (
              <option key={m} value={m}>
                {AUDIENCE_MODE_LABEL[m]}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <Menu label="Basemap">
          <p className="hint">{tileUrl ? `Tiles from ${new URL(tileUrl.replace(/\{[a-z]\}/g, '0')).host} (the server sees which areas you view).` : 'Offline: bundled coastline and police force areas. Nothing is requested from any other computer.'}</p>
          <button type="button" onClick={setTile}>
            {tileUrl ? 'Change or remove the tile server…' : 'Use a tile server…'}
          </button>
          <label className="file-button">
            Import a postcode file (ONS Postcode Directory, Code-Point Open, postcode + latitude/longitude CSV)
            <input
              type="file"
              accept=".csv,.txt"
              aria-label="Postcode file"
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) void importPostcodes(f);
              }}
            />
          </label>
          <p className="hint">
            {postcodeInfo?.total ? `${postcodeInfo.total.toLocaleString('en-GB')} postcodes imported (${postcodeInfo.files.map((f) => f.name).join(', ')}).` : 'No postcode file yet: places are placed by postcode district.'}
          </p>
        </Menu>
        <Menu label="Export" className="menu-right">
          <label>
            Victim-side places{' '}
            <select aria-label="Victim-side places in the export" value={exportAudience} onChange={(e) => setExportAudience(e.target.value as AudienceMode)}>
              {(Object.keys(AUDIENCE_MODE_LABEL) as AudienceMode[]).map((m) => (
                <option key={m} value={m}>
                  {AUDIENCE_MODE_LABEL[m]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => void exportAs('geojson')}>
            Export GeoJSON
          </button>
          <button type="button" onClick={() => void exportAs('kml')}>
            Export KML
          </button>
          <button type="button" onClick={() => void exportAs('png')}>
            Export PNG
          </button>
        </Menu>
        <button type="button" className="primary" onClick={() => setPresent(true)}>
          Present
        </button>
      </div>
      <FilterBar filter={filter} setFilter={setFilter} agencies={agencies} range={range} roles={ROLE_PRIORITY} hide={hideFiltered} setHide={setHideFiltered} />
      {(importing || drawMode !== 'none') && (
        <p className="notice map-notice" role="status">
          {importing ??
            (drawMode === 'place'
              ? `Click the map where ${placing ? entityLabel(placing) : 'it'} is. Esc cancels.`
              : drawMode === 'polygon'
                ? 'Click the corners of the area; double-click or Enter to finish; Esc cancels.'
                : 'Click the centre of the circle, then its edge; Esc cancels.')}
        </p>
      )}
      <div className="chart-body">
        <div className="map-host">{canvas}</div>
        <aside className="chart-side" aria-label="Map details">
          <p className="hint" data-testid="map-counts">
            {counts.places} places and {counts.people} people on the map
            {events.length ? `, ${mapEvents.length.toLocaleString('en-GB')} of ${events.length.toLocaleString('en-GB')} crime events` : ''}.
            {filter !== NO_FILTER ? ' Filtered (as on the chart).' : ''}
          </p>
          {one ? (
            pseudonymise && names.has(one.id) ? (
              <div className="chart-selected">
                <h3>
                  <KindIcon kind={one.kind} /> {names.get(one.id)}
                </h3>
                <p className="hint">A young person at risk: details stay hidden while young people are shown by pseudonym.</p>
              </div>
            ) : (
              <>
                {(one.kind === 'address' || one.kind === 'business' || one.kind === 'hotspot') && (
                  <p>
                    <button
                      type="button"
                      onClick={() => {
                        setPlacing(one);
                        setDrawMode('place');
                      }}
                    >
                      Place on the map by hand…
                    </button>
                  </p>
                )}
                <DetailPanel key={one.id} entity={one} onClose={() => setSelected([])} onSelect={(id) => setSelected([id])} />
              </>
            )
          ) : selected.length > 1 ? (
            <div className="chart-selected">
              <p>{selected.length} selected (on the chart and in the table too).</p>
              <MergeSelectedButton workspaceId={workspaceId} ids={[...selected]} />
            </div>
          ) : null}
          <MapLegend heatIntel={heatIntel} heatEvents={heatEvents && layers.events} />
          <details className="chart-entities">
            <summary>Not on the map ({model.unlocated.length})</summary>
            <p className="hint">No coordinates, no postcode found in the imported file or the district table. Place them by hand.</p>
            <ul aria-label="Places not on the map">
              {model.unlocated.slice(0, 200).map((e) => (
                <li key={e.id}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      setSelected([e.id]);
                      setPlacing(e);
                      setDrawMode('place');
                    }}
                  >
                    Place {entityLabel(e)}
                  </button>{' '}
                  <span className="hint">{KIND_LABEL[e.kind]}</span>
                </li>
              ))}
            </ul>
          </details>
        </aside>
      </div>
    </div>
  );
}

/** One end of the crime events' month range ("" = open: the first or last month). */
function MonthSelect({ text, label, open, months, value, onChange }: { text: string; label: string; open: string; months: readonly string[]; value: string | null; onChange: (month: string | null) => void }) {
  return (
    <label>
      {text}{' '}
      <select aria-label={label} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} disabled={!months.length}>
        <option value="">{open}</option>
        {months.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
    </label>
  );
}

function MapLegend({ heatIntel, heatEvents }: { heatIntel: boolean; heatEvents: boolean }) {
  return (
    <div className="legend" aria-label="Map legend">
      <h3>Legend</h3>
      <ul>
        {(['person', 'address', 'business', 'hotspot'] as const).map((k) => (
          <li key={k}>
            <span className="legend-node" style={{ borderColor: KIND_COLOUR[k] }}>
              <KindIcon kind={k} size={14} />
            </span>
            {KIND_LABEL[k]}
            {k === 'person' ? ' (at their address or place)' : ''}
          </li>
        ))}
        <li>
          <span className="legend-event" aria-hidden="true" /> Crime event (data.police.uk, street level)
        </li>
        <li>
          <span className="legend-cluster" aria-hidden="true">
            12
          </span>{' '}
          Cluster: click to zoom in
        </li>
      </ul>
      <ul>
        {(['postcode', 'district', 'manual'] as const).map((p) => (
          <li key={p}>
            <span className={`legend-uncertainty u-${p}`} aria-hidden="true" /> {PRECISION_LABEL[p]}
          </li>
        ))}
      </ul>
      {(heatIntel || heatEvents) && (
        <p>
          <span className="legend-heat" aria-hidden="true" /> Density: {[heatIntel ? 'intelligence about places' : '', heatEvents ? 'crime events' : ''].filter(Boolean).join(' and ')}
        </p>
      )}
      <p className="hint attribution">{GEO_ATTRIBUTIONS.join(' · ')}</p>
    </div>
  );
}

const round = (v: number): number => Math.round(v * 1e6) / 1e6;
export type { Id };
