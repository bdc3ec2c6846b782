/**
 * The chart as a file: SVG written by us from the node positions (pure, testable), and PNG composed from
 * Cytoscape's own bitmap. Both carry the legend and the workspace's security marking at the top and the
 * bottom, so a printed or forwarded chart is never unmarked.
 */
import { KIND_ICON_PATH } from '../components/icons';
import { ENTITY_KINDS, KIND_LABEL, ROLE_LABEL } from '../domain/model';
import { KIND_COLOUR, ROLE_BADGE, ROLE_COLOUR, ROLE_PRIORITY, type ChartEdge, type ChartNode } from './toElements';

export interface PlacedNode extends ChartNode {
  x: number;
  y: number;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const DASH: Record<ChartEdge['strength'], string> = { strong: '', medium: '8 5', weak: '2 4' };

interface LegendRow {
  kind: 'node' | 'ring' | 'line';
  colour: string;
  label: string;
  icon?: string;
  dash?: string;
}

export function legendRows(): LegendRow[] {
  return [
    ...ENTITY_KINDS.map((k): LegendRow => ({ kind: 'node', colour: KIND_COLOUR[k], label: KIND_LABEL[k], icon: KIND_ICON_PATH[k] })),
    ...ROLE_PRIORITY.map((r): LegendRow => ({ kind: 'ring', colour: ROLE_COLOUR[r], label: `${ROLE_LABEL[r]} (badge ${ROLE_BADGE[r]})` })),
    { kind: 'line', colour: '#4a5361', label: 'Link graded A/B (5x5x5 1/2)', dash: DASH.strong },
    { kind: 'line', colour: '#4a5361', label: 'Graded C/D (3/4)', dash: DASH.medium },
    { kind: 'line', colour: '#4a5361', label: 'Graded E, 5 or ungraded', dash: DASH.weak },
  ];
}

/** An SVG document of the chart with its legend and security marking. */
export function chartToSvg(
  nodes: PlacedNode[],
  edges: ChartEdge[],
  opts: { marking: string; title: string; groups?: readonly { label: string; members: readonly string[] }[] },
): string {
  const R = 20;
  const pad = 60;
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const minX = (xs.length ? Math.min(...xs) : 0) - pad - 80;
  const minY = (ys.length ? Math.min(...ys) : 0) - pad;
  const chartW = (xs.length ? Math.max(...xs) : 0) - minX + pad + 80;
  const chartH = (ys.length ? Math.max(...ys) : 0) - minY + pad + 30;
  const legendW = 300;
  const banner = 36;
  const width = Math.ceil(chartW + legendW);
  const rows = legendRows();
  const height = Math.ceil(Math.max(chartH, rows.length * 24 + 60) + banner * 2);
  const at = new Map(nodes.map((n) => [n.id, n]));
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Arial, Helvetica, sans-serif">`);
  out.push(`<title>${esc(opts.title)}</title>`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  const markingText = (y: number) => `<text x="${width / 2}" y="${y}" text-anchor="middle" font-size="18" font-weight="bold" letter-spacing="2">${esc(opts.marking)}</text>`;
  out.push(markingText(banner - 10), markingText(height - 12));
  out.push(`<g transform="translate(${-minX},${banner - minY})">`);
  for (const g of opts.groups ?? []) {
    const ms = g.members.map((id) => at.get(id)).filter((n): n is PlacedNode => !!n);
    if (!ms.length) continue;
    const x1 = Math.min(...ms.map((n) => n.x)) - R - 14;
    const y1 = Math.min(...ms.map((n) => n.y)) - R - 22;
    const x2 = Math.max(...ms.map((n) => n.x)) + R + 14;
    const y2 = Math.max(...ms.map((n) => n.y)) + R + 26;
    out.push(`<rect x="${x1}" y="${y1}" width="${x2 - x1}" height="${y2 - y1}" rx="8" fill="#eef2f7" fill-opacity="0.6" stroke="#5b6575" stroke-width="2" stroke-dasharray="6 4"/>`);
    out.push(`<text x="${(x1 + x2) / 2}" y="${y1 - 6}" text-anchor="middle" font-size="13" font-weight="bold" fill="#1b1f24">${esc(g.label)}</text>`);
  }
  for (const e of edges) {
    const a = at.get(e.source);
    const b = at.get(e.target);
    if (!a || !b) continue;
    const w = Math.min(7, 1.5 + e.count);
    out.push(`<line x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}" stroke="#6b7483" stroke-width="${w}"${DASH[e.strength] ? ` stroke-dasharray="${DASH[e.strength]}"` : ''}><title>${esc(e.label)}</title></line>`);
    if (e.count > 1) out.push(`<text x="${(a.x + b.x) / 2}" y="${(a.y + b.y) / 2}" font-size="11" fill="#4a5361" text-anchor="middle">×${e.count}</text>`);
  }
  for (const n of nodes) {
    const shape = n.kind === 'person' ? `<circle cx="${n.x}" cy="${n.y}" r="${R}" fill="#ffffff" stroke="${n.colour}" stroke-width="3"/>` : `<rect x="${n.x - R}" y="${n.y - R}" width="${2 * R}" height="${2 * R}" rx="6" fill="#ffffff" stroke="${n.colour}" stroke-width="3"/>`;
    out.push(shape);
    out.push(`<path d="${KIND_ICON_PATH[n.kind]}" fill="${n.colour}" transform="translate(${n.x - 12.8},${n.y - 12.8}) scale(1.07)"/>`);
    if (n.role) {
      const b = ROLE_BADGE[n.role];
      const w = b.length > 1 ? 20 : 14;
      out.push(`<rect x="${n.x + R - w + 6}" y="${n.y - R - 4}" width="${w}" height="13" rx="6.5" fill="${ROLE_COLOUR[n.role]}" stroke="#ffffff"/><text x="${n.x + R - w / 2 + 6}" y="${n.y - R + 6}" text-anchor="middle" font-size="9.5" font-weight="bold" fill="#ffffff">${b}</text>`);
    }
    out.push(`<text x="${n.x}" y="${n.y + R + 14}" text-anchor="middle" font-size="12" font-weight="bold" fill="#1b1f24">${esc(n.label)}</text>`);
  }
  out.push('</g>');
  const lx = width - legendW + 16;
  out.push(`<g transform="translate(${lx},${banner + 10})"><text x="0" y="14" font-size="15" font-weight="bold">Legend</text>`);
  rows.forEach((r, i) => {
    const y = 40 + i * 24;
    if (r.kind === 'node') out.push(`<circle cx="9" cy="${y - 4}" r="9" fill="#ffffff" stroke="${r.colour}" stroke-width="2"/><path d="${r.icon}" fill="${r.colour}" transform="translate(2,${y - 11}) scale(0.58)"/>`);
    else if (r.kind === 'ring') out.push(`<circle cx="9" cy="${y - 4}" r="7" fill="none" stroke="${r.colour}" stroke-width="3"/>`);
    else out.push(`<line x1="0" y1="${y - 4}" x2="22" y2="${y - 4}" stroke="${r.colour}" stroke-width="3"${r.dash ? ` stroke-dasharray="${r.dash}"` : ''}/>`);
    out.push(`<text x="30" y="${y}" font-size="13">${esc(r.label)}</text>`);
  });
  out.push('</g></svg>');
  return out.join('\n');
}

/** Draws the legend and markings around a chart bitmap (the PNG export). Runs in the browser. */
export async function composePng(chart: Blob, marking: string, scale: number, totalWidth?: number): Promise<Blob> {
  const bitmap = await createImageBitmap(chart);
  const banner = Math.round(40 * scale);
  const legendW = Math.round(320 * scale);
  const rows = legendRows();
  const height = Math.max(bitmap.height, Math.round((rows.length * 26 + 70) * scale)) + banner * 2;
  const canvas = document.createElement('canvas');
  // Cytoscape rounds its bitmap's size: the asked-for width is met exactly (a pixel of margin at most).
  canvas.width = totalWidth ?? bitmap.width + legendW;
  canvas.height = height;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('This browser cannot draw the image.');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.drawImage(bitmap, 0, banner);
  g.fillStyle = '#000000';
  g.textAlign = 'center';
  g.font = `bold ${Math.round(20 * scale)}px Arial, sans-serif`;
  g.fillText(marking, canvas.width / 2, banner - 12 * scale);
  g.fillText(marking, canvas.width / 2, canvas.height - 12 * scale);
  g.textAlign = 'left';
  const lx = canvas.width - legendW + 16 * scale;
  g.font = `bold ${Math.round(16 * scale)}px Arial, sans-serif`;
  g.fillText('Legend', lx, banner + 24 * scale);
  g.font = `${Math.round(14 * scale)}px Arial, sans-serif`;
  rows.forEach((r, i) => {
    const y = banner + (56 + i * 26) * scale;
    g.strokeStyle = r.colour;
    g.lineWidth = 3 * scale;
    g.setLineDash(r.dash ? r.dash.split(' ').map((d) => Number(d) * scale) : []);
    g.beginPath();
    if (r.kind === 'line') {
      g.moveTo(lx, y - 5 * scale);
      g.lineTo(lx + 22 * scale, y - 5 * scale);
    } else g.arc(lx + 9 * scale, y - 5 * scale, 8 * scale, 0, Math.PI * 2);
    g.stroke();
    g.setLineDash([]);
    g.fillStyle = '#000000';
    g.fillText(r.label, lx + 30 * scale, y);
  });
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The image could not be made.'))), 'image/png'));
}
