/**
 * The HTML of the map's markers (Leaflet divIcons): the chart's kind icons drawn inline as SVG in the
 * kind / role colour on a white disc (people) or rounded square (everything else), with the chart's role
 * badge; and cluster bubbles sized by their count. Pure strings: no Leaflet, no DOM.
 *
 * State that changes often (selected, faded) is NOT in the HTML: MapCanvas toggles classes on the
 * existing element, so a marker that has keyboard focus keeps it when it is selected.
 */
import { KIND_ICON_PATH } from '../components/icons';
import { KIND_LABEL, ROLE_LABEL } from '../domain/model';
import { ROLE_BADGE, ROLE_COLOUR } from '../graph/toElements';
import type { MapPoint } from './types';

/** A crime event's icon (24x24 view box, like KIND_ICON_PATH): a warning triangle. */
export const EVENT_ICON_PATH = 'M12 2.5 1.5 21h21L12 2.5Zm-1.1 6.5h2.2v6.2h-2.2V9Zm0 7.8h2.2V19h-2.2v-2.2Z';
export const EVENT_COLOUR = '#4a148c';

/** Every marker shows its label from this zoom on (before that: on hover, focus, or when selected). */
export const LABEL_ZOOM = 15;

/** Side of a marker's icon in CSS pixels; the body (disc or square) is 30 px across, centred. */
export const MARKER_SIZE = 40;

export const iconPath = (kind: MapPoint['kind']): string => (kind === 'event' ? EVENT_ICON_PATH : KIND_ICON_PATH[kind]);
export const kindLabel = (kind: MapPoint['kind']): string => (kind === 'event' ? 'Crime event' : KIND_LABEL[kind]);

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** What a screen reader says for a marker: "Flat 2, 14 Mill Lane, Address" (", Organiser" for a role). */
export function markerAriaLabel(p: Pick<MapPoint, 'label' | 'kind' | 'role'>): string {
  return `${p.label}, ${kindLabel(p.kind)}${p.role ? `, ${ROLE_LABEL[p.role]}` : ''}`;
}

/** The marker's inner HTML (SVG icon, badge, and a label shown only when zoomed in). */
export function markerHtml(p: Pick<MapPoint, 'label' | 'kind' | 'role' | 'colour'>): string {
  const c = escapeHtml(p.colour);
  const body =
    p.kind === 'person'
      ? `<circle cx="20" cy="20" r="15" fill="#fff" stroke="${c}" stroke-width="3"/>`
      : `<rect x="5" y="5" width="30" height="30" rx="8" fill="#fff" stroke="${c}" stroke-width="3"/>`;
  let badge = '';
  if (p.role) {
    const text = ROLE_BADGE[p.role];
    const w = text.length > 1 ? 17 : 13;
    badge =
      `<rect x="${39 - w}" y="0.5" width="${w}" height="13" rx="6.5" fill="${ROLE_COLOUR[p.role]}" stroke="#fff" stroke-width="1.2"/>` +
      `<text x="${39 - w / 2}" y="10.6" font-family="Arial,Helvetica,sans-serif" font-size="10" font-weight="700" fill="#fff" text-anchor="middle">${text}</text>`;
  }
  return (
    `<svg class="lw-pin" width="${MARKER_SIZE}" height="${MARKER_SIZE}" viewBox="0 0 40 40" aria-hidden="true" focusable="false">` +
    `${body}<path transform="translate(10 10) scale(0.8333)" d="${iconPath(p.kind)}" fill="${c}"/>${badge}</svg>` +
    `<span class="lw-label" aria-hidden="true">${escapeHtml(p.label)}</span>`
  );
}

/** "1,234" below 10,000, then "12k", "1.2M". */
export function formatCount(n: number): string {
  if (n < 10_000) return n.toLocaleString('en-GB');
  if (n < 1_000_000) return `${Math.round(n / 1000)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/** A cluster bubble's diameter in CSS pixels: 32 for 2 points, growing with the logarithm of the count, at most 72. */
export function clusterDiameter(count: number): number {
  return Math.round(Math.min(72, 32 + 10 * Math.log10(Math.max(1, count / 2))));
}

export type ClusterKind = 'entities' | 'events';

export function clusterAriaLabel(count: number, kind: ClusterKind): string {
  return `Cluster of ${count.toLocaleString('en-GB')} ${kind === 'entities' ? (count === 1 ? 'entity' : 'entities') : count === 1 ? 'crime event' : 'crime events'}`;
}

export function clusterHtml(count: number): string {
  return `<span class="lw-cluster-count" aria-hidden="true">${formatCount(count)}</span>`;
}

/** Link line style by grading, as on the chart: solid, dashed, dotted (Leaflet dashArray). */
export const LINK_DASH: Record<'strong' | 'medium' | 'weak', string | null> = { strong: null, medium: '9 6', weak: '2 6' };
