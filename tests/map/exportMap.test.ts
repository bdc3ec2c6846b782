/**
 * The map export's pure parts: legend rows (only what is on the map), the page layout, the projection
 * into the picture, the scale bar and text wrapping. The drawing itself (a real canvas) is checked in
 * the browser.
 */
import L from 'leaflet';
import { describe, expect, it } from 'vitest';
import { exportLayout, exportProjector, mapLegendRows, metresPerPixel, scaleBar, wrapText, type ExportMapView } from '../../src/map/exportMap';
import type { MapPoint } from '../../src/map/types';

const pt = (id: string, extra: Partial<MapPoint> = {}): MapPoint => ({ id, kind: 'address', lat: 51.5, lng: -0.1, label: id, colour: '#8a5a00', precision: 'exact', radiusM: 10, ...extra });

describe('mapLegendRows', () => {
  it('lists only the kinds, roles and layers on the map, in model order', () => {
    const rows = mapLegendRows({
      points: [pt('a'), pt('p', { kind: 'person', role: 'organiser', precision: 'district', radiusM: 2500 }), pt('h', { kind: 'hotspot', area: { shape: 'circle', centre: { lat: 51.5, lng: -0.1 }, radiusM: 200 } })],
      links: [{ id: 'l', from: [51.5, -0.1], to: [51.6, -0.1], strength: 'medium', label: 'lives at' }],
      events: [{}, {}],
      heat: [{ id: 'events', points: [] }],
    });
    expect(rows.map((r) => r.label)).toEqual([
      'Person',
      'Address',
      'Hot spot',
      'Organiser',
      'Probable area of a place not known exactly',
      'Hot spot area',
      'Link graded C/D (3/4)',
      'Crime event (2)',
      'Crime events close together (number)',
      'Crime density (light few, dark many)',
      'Police force area boundary',
    ]);
    expect(rows.find((r) => r.kind === 'badge')?.badge).toBe('O');
    expect(rows.find((r) => r.kind === 'line')?.dash).toBe('9 6');
  });

  it('leaves out layers that are off', () => {
    const rows = mapLegendRows({ points: [pt('a', { precision: 'postcode', radiusM: 100 })], events: [{}], layers: { precision: false, events: false, forceAreas: false } });
    expect(rows.map((r) => r.kind)).toEqual(['marker']);
  });
});

describe('export layout and projection', () => {
  it('keeps the map in proportion beside the legend, with room for marking and attribution', () => {
    const l = exportLayout({ x: 800, y: 600 }, 2800, 10, 3);
    expect(l.width).toBe(2800);
    expect(l.map.w / l.map.h).toBeCloseTo(800 / 600, 6);
    expect(l.k).toBeCloseTo(l.map.w / 800, 9);
    expect(l.legend.x).toBeGreaterThan(l.map.x + l.map.w);
    expect(l.legend.x + l.legend.w).toBeLessThanOrEqual(l.width);
    expect(l.markingTopY).toBeLessThan(l.map.y);
    expect(l.attributionY).toBeGreaterThanOrEqual(l.map.y + l.map.h);
    expect(l.markingBottomY).toBeGreaterThan(l.attributionY + 3 * 15 * l.u);
    expect(l.markingBottomY).toBeLessThan(l.height);
    expect(exportLayout({ x: 800, y: 600 }, 100_000, 1, 1).width).toBe(8000);
  });

  it('projects through the map and scales into export pixels', () => {
    const fake: ExportMapView = {
      latLngToContainerPoint: ((ll: L.LatLngExpression) => {
        const p = L.latLng(ll);
        return L.point(p.lng * 10, p.lat * 10);
      }) as L.Map['latLngToContainerPoint'],
    } as ExportMapView;
    expect(exportProjector(fake, 2)(3, 4)).toEqual([80, 60]);
  });

  it('picks a round scale bar length', () => {
    const m = metresPerPixel(51.5, 12);
    expect(m).toBeGreaterThan(23);
    expect(m).toBeLessThan(25);
    const bar = scaleBar(m, 120);
    expect(bar.metres).toBe(2000);
    expect(bar.label).toBe('2 km');
    expect(bar.px).toBeLessThanOrEqual(120);
    expect(scaleBar(1, 120)).toMatchObject({ metres: 100, label: '100 m' });
  });

  it('wraps text by a measure', () => {
    expect(wrapText('one two three four', 9, (s) => s.length)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('', 10, (s) => s.length)).toEqual([]);
  });
});
