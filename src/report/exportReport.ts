/**
 * Exporting a version of the report for a recipient profile: the product (renderableFor: a draft's
 * computed now, a frozen version's as frozen), rendered as
 *
 * - PDF: the self-contained HTML printed by the browser's own print engine (A4, the marking in the page
 *   margins of every page, "Page X of Y"): written into a hidden iframe whose window is printed; the user
 *   picks "Save as PDF". The file is made by the browser, so the audit record carries the SHA-256 of the
 *   HTML that was printed.
 * - Word: the .docx bytes (renderDocx.ts), downloaded.
 * - HTML: the self-contained HTML file, downloaded (or opened in a new tab to preview it).
 *
 * Every export is recorded in the audit log as a disclosure, with the recipient profile, the version, the
 * marking and the SHA-256 of the bytes.
 */
import { downloadBlob, sha256HexOf } from '../components/download';
import type { Id } from '../domain/model';
import type { ReportData } from '../domain/report/figures';
import type { Report } from '../domain/report/model';
import { RECIPIENT_PROFILES, renderableFor, type RecipientProfileId, type RenderableReport } from '../domain/report/recipients';
import { logAudit, type Session } from '../services/commit';
import { dataUrls, picturesFor, type PictureContext } from './pictures';
import { renderReportHtml } from './renderHtml';

export type ExportFormat = 'pdf' | 'docx' | 'html';
export const FORMAT_LABEL: Record<ExportFormat, string> = { pdf: 'PDF (print)', docx: 'Word', html: 'HTML' };

export const sha256Hex = sha256HexOf;

export function downloadBytes(bytes: Uint8Array, type: string, name: string): void {
  downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name);
}

/**
 * Prints the HTML with the browser's print engine from a hidden iframe (the page itself is not printed).
 * Resolves once the print dialog is open (or closed, where print() blocks).
 */
export async function printHtml(html: string): Promise<void> {
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.title = 'Report being printed';
  frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;visibility:hidden';
  const loaded = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
  frame.srcdoc = html;
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow;
  if (!win) {
    frame.remove();
    throw new Error('The browser could not prepare the document for printing.');
  }
  const done = () => setTimeout(() => frame.remove(), 1000);
  win.addEventListener('afterprint', done, { once: true });
  // Where afterprint never comes (some browsers, headless), the frame goes after a minute.
  setTimeout(() => frame.isConnected && frame.remove(), 60_000);
  win.focus();
  win.print();
}

/** Opens the HTML in a new tab of this origin (a blob: URL): a preview the analyst can read or print. */
export function previewHtml(html: string): Window | null {
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  const w = window.open(url, '_blank');
  setTimeout(() => URL.revokeObjectURL(url), 120_000);
  return w;
}

export function fileStem(report: Pick<Report, 'title' | 'version'>, workspaceName: string, profile: RecipientProfileId): string {
  const base = `${workspaceName || report.title}`.replace(/[^\w-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '') || 'problem-profile';
  return `${base}-profile-v${report.version}-${profile}`;
}

export interface ExportContext extends PictureContext {
  session: Session;
  workspaceId: Id;
  today: string;
}

/** The product and its HTML for a profile: pictures drawn for it (a frozen version keeps its own). */
export async function buildProduct(report: Report, profile: RecipientProfileId, ctx: ExportContext): Promise<{ product: RenderableReport; images: Record<Id, string> }> {
  const images = report.status === 'frozen' ? {} : dataUrls(await picturesFor(report, profile, ctx));
  const product = renderableFor(report, ctx.data, profile, { today: ctx.today, images });
  return { product, images };
}

export interface ExportResult {
  format: ExportFormat;
  fileName: string;
  sha256: string;
  bytes: number;
  product: RenderableReport;
}

/** Renders, hands the file over (download or print) and records the disclosure. */
export async function exportReport(report: Report, profile: RecipientProfileId, format: ExportFormat, ctx: ExportContext & { data: ReportData; workspaceName: string }): Promise<ExportResult> {
  const started = performance.now();
  const { product, images } = await buildProduct(report, profile, ctx);
  const built = performance.now();
  const stem = fileStem(report, ctx.workspaceName, profile);
  let bytes: Uint8Array;
  let fileName: string;
  // The docx library is loaded only when a Word file is made (it is large).
  const docx = format === 'docx' ? await import('./renderDocx') : null;
  if (docx) {
    bytes = await docx.renderReportDocx(product, { images });
    fileName = `${stem}.docx`;
  } else {
    bytes = new TextEncoder().encode(renderReportHtml(product, { images }));
    fileName = `${stem}.${format === 'pdf' ? 'pdf' : 'html'}`;
  }
  const rendered = performance.now();
  // Timings for the bench (bench/60-report.bench.mjs reads them): building the product, rendering the file.
  performance.measure(`report-${format}-build`, { start: started, end: built });
  performance.measure(`report-${format}-render`, { start: built, end: rendered });
  const sha256 = await sha256Hex(bytes);
  if (docx) downloadBytes(bytes, docx.DOCX_MIME, fileName);
  else if (format === 'html') downloadBytes(bytes, 'text/html;charset=utf-8', fileName);
  else await printHtml(new TextDecoder().decode(bytes));
  performance.measure(`report-${format}-total`, { start: started, end: performance.now() });
  const p = RECIPIENT_PROFILES[profile];
  const what = format === 'pdf' ? 'PDF (printed by the browser; the hash is of the HTML that was printed)' : format === 'docx' ? 'Word (.docx)' : 'HTML';
  await logAudit(ctx.session, ctx.workspaceId, {
    category: 'disclosure',
    action: `export-report-${format}`,
    summary:
      `Exported the problem profile "${report.title}" version ${report.version} (${report.status}) as ${what} for the recipient profile ${p.label}, marked ${product.marking}` +
      `${product.withheld.length ? `; ${product.withheld.length} item(s) withheld under their handling conditions` : ''}; SHA-256 ${sha256}`,
    recordIds: [report.id],
  });
  return { format, fileName, sha256, bytes: bytes.length, product };
}
