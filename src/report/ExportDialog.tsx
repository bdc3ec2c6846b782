/**
 * Export the open version for a recipient profile: what the profile decides, the warnings to check
 * before sending (names replaced, small numbers in the analyst's text for the board, sections without
 * text, withheld items, with the originator's approval recordable here), and the formats: PDF through the
 * browser's print engine, Word, HTML, and a preview of the HTML in a new tab.
 */
import { useEffect, useId, useState } from 'react';
import { Dialog } from '../components/Dialog';
import { useNotify } from '../components/notify';
import { useSession } from '../hooks/session';
import { formatDateUk, todayIso } from '../domain/normalise';
import type { ReportData } from '../domain/report/figures';
import { addApproval, removeApproval, type Report } from '../domain/report/model';
import { RECIPIENT_PROFILE_IDS, RECIPIENT_PROFILES, type RecipientProfileId, type RenderableReport } from '../domain/report/recipients';
import { buildProduct, exportReport, FORMAT_LABEL, previewHtml, type ExportFormat } from './exportReport';
import type { PictureContext } from './pictures';
import { renderReportHtml } from './renderHtml';
import type { ApplyEdit } from './ReportView';

const RULES_TEXT: Record<RecipientProfileId, string> = {
  'police-internal': 'Everything, with the list of intelligence items relied on, and the restricted annex of young people’s identities (separately marked, on its own pages).',
  'mase-partners': 'No restricted annex; items whose handling forbids wider sharing are left out unless the originator approved; the item list is kept.',
  'strategic-board': 'No restricted annex; withheld items left out; counts below 5 shown as “<5”; no lists of names; sources summarised by agency.',
};

export function ExportDialog({
  report,
  data,
  pictureCtx,
  workspaceId,
  today,
  apply,
  onClose,
}: {
  report: Report;
  data: ReportData;
  pictureCtx: PictureContext;
  workspaceId: string;
  today: string;
  apply: ApplyEdit;
  onClose: () => void;
}) {
  const id = useId();
  const session = useSession();
  const notify = useNotify();
  const [profile, setProfile] = useState<RecipientProfileId>('police-internal');
  const [product, setProduct] = useState<RenderableReport | null>(null);
  const [images, setImages] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<ExportFormat | 'preview' | null>(null);
  const [last, setLast] = useState<string>('');
  const frozen = report.status === 'frozen';

  // The product for the chosen profile, to show its warnings before anything leaves.
  useEffect(() => {
    let alive = true;
    setProduct(null);
    setError(null);
    setLast('');
    const ctx = { ...pictureCtx, session, workspaceId, today };
    void buildProduct(report, profile, ctx)
      .then((p) => {
        if (!alive) return;
        setProduct(p.product);
        setImages(p.images);
      })
      .catch((e: Error) => alive && setError(e.message));
    return () => {
      alive = false;
    };
  }, [report, profile, pictureCtx, session, workspaceId, today]);

  const run = async (format: ExportFormat) => {
    setBusy(format);
    try {
      const res = await exportReport(report, profile, format, { ...pictureCtx, session, workspaceId, today, data, workspaceName: data.workspace.name });
      const msg =
        format === 'pdf'
          ? `Sent to the browser’s print dialog: choose “Save as PDF” (A4). Recorded as a disclosure to ${RECIPIENT_PROFILES[profile].label}, SHA-256 of the printed HTML ${res.sha256.slice(0, 16)}…`
          : `Downloaded ${res.fileName} (${Math.round(res.bytes / 1024)} KB). Recorded as a disclosure to ${RECIPIENT_PROFILES[profile].label}, SHA-256 ${res.sha256.slice(0, 16)}…`;
      setLast(msg);
      notify(format === 'pdf' ? 'Printing the report: choose “Save as PDF”.' : `Exported ${res.fileName}.`);
    } catch (e) {
      notify(`The report could not be exported: ${(e as Error).message}`, 'error');
    } finally {
      setBusy(null);
    }
  };

  const preview = () => {
    if (!product) return;
    if (!previewHtml(renderReportHtml(product, { images }))) notify('The preview tab was blocked by the browser: allow pop-ups for this page, or download the HTML.', 'error');
  };

  return (
    <Dialog title={`Export version ${report.version}${frozen ? ' (frozen)' : ' (draft)'}`} onClose={onClose} wide>
      <div className="export-dialog">
        <div className="field">
          <label htmlFor={`${id}-profile`}>Recipient profile</label>
          <select id={`${id}-profile`} value={profile} onChange={(e) => setProfile(e.target.value as RecipientProfileId)} aria-describedby={`${id}-rules`}>
            {RECIPIENT_PROFILE_IDS.map((p) => (
              <option key={p} value={p}>
                {RECIPIENT_PROFILES[p].label}
              </option>
            ))}
          </select>
          <small id={`${id}-rules`} className="hint">
            {RECIPIENT_PROFILES[profile].audience} {RULES_TEXT[profile]}
          </small>
        </div>
        <section aria-labelledby={`${id}-warn`} className="export-warnings">
          <h3 id={`${id}-warn`}>Check before sending</h3>
          {error ? (
            <p className="error-text" role="alert">
              {error}
            </p>
          ) : !product ? (
            <p className="hint">Preparing the product for {RECIPIENT_PROFILES[profile].label}…</p>
          ) : product.warnings.length === 0 ? (
            <p>Nothing to check: no name replaced, nothing withheld, every section written.</p>
          ) : (
            <ul className="warning-list" aria-label="Warnings">
              {product.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
          {product && (product.withheld.length > 0 || report.approvals.length > 0) && <Withheld report={report} data={data} product={product} apply={apply} frozen={frozen} />}
        </section>
        <p className="hint">
          Marked {report.marking} at the top and bottom of every page, with “Page X of Y”. Every export is recorded in the audit log as a disclosure to this recipient profile,
          with the SHA-256 of the file.
        </p>
        <div className="form-actions export-buttons" data-product={product ? product.profile.id : ''}>
          <button type="button" onClick={preview} disabled={!product || !!busy}>
            Preview
          </button>
          <button type="button" onClick={() => void run('html')} disabled={!product || !!busy}>
            Download HTML
          </button>
          <button type="button" onClick={() => void run('docx')} disabled={!product || !!busy}>
            {busy === 'docx' ? 'Making the Word file…' : 'Download Word (.docx)'}
          </button>
          <button type="button" className="primary" onClick={() => void run('pdf')} disabled={!product || !!busy} title={`${FORMAT_LABEL.pdf}: the browser's print dialog, "Save as PDF"`}>
            Print / save as PDF
          </button>
        </div>
        <p role="status" className="export-status">
          {busy ? `Exporting (${FORMAT_LABEL[busy === 'preview' ? 'html' : busy]})…` : last}
        </p>
      </div>
    </Dialog>
  );
}

function Withheld({ report, data, product, apply, frozen }: { report: Report; data: ReportData; product: RenderableReport; apply: ApplyEdit; frozen: boolean }) {
  const id = useId();
  const [open, setOpen] = useState<string | null>(null);
  const [by, setBy] = useState('');
  const [note, setNote] = useState('');
  const approved = report.approvals;
  const itemOf = (itemId: string) => data.items.find((i) => i.id === itemId);
  return (
    <details className="withheld">
      <summary>
        {product.withheld.length} item{product.withheld.length === 1 ? '' : 's'} left out for this audience under their handling conditions
      </summary>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Originator</th>
            <th scope="col">Reference</th>
            <th scope="col">Grade</th>
            <th scope="col">Why</th>
            <th scope="col">
              <span className="visually-hidden">Approval</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {product.withheld.map((w) => (
            <tr key={w.itemId}>
              <td>{w.agency}</td>
              <td>{w.reference}</td>
              <td>{w.grading}</td>
              <td>{w.reason}</td>
              <td>
                {!frozen &&
                  (open === w.itemId ? (
                    <form
                      className="approval-form"
                      onSubmit={(e) => {
                        e.preventDefault();
                        if (!by.trim()) return;
                        apply((r) => addApproval(r, { itemId: w.itemId, approvedBy: by.trim(), date: todayIso(), note: note.trim() }));
                        setOpen(null);
                        setBy('');
                        setNote('');
                      }}
                    >
                      <label htmlFor={`${id}-by`}>Approved by (originator)</label>
                      <input id={`${id}-by`} value={by} onChange={(e) => setBy(e.target.value)} />
                      <label htmlFor={`${id}-note`}>Note</label>
                      <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} />
                      <button type="submit" disabled={!by.trim()}>
                        Record approval
                      </button>
                    </form>
                  ) : (
                    <button type="button" className="link-button" onClick={() => setOpen(w.itemId)}>
                      Originator approved…
                    </button>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {approved.length > 0 && (
        <>
          <h4>Approvals recorded</h4>
          <ul>
            {approved.map((a) => (
              <li key={a.itemId}>
                {itemOf(a.itemId) ? `${itemOf(a.itemId)!.agency} ${itemOf(a.itemId)!.reference}` : a.itemId}: approved by {a.approvedBy} on {formatDateUk(a.date)}
                {a.note ? ` (${a.note})` : ''}{' '}
                {!frozen && (
                  <button type="button" className="link-button" onClick={() => apply((r) => removeApproval(r, a.itemId))}>
                    Withdraw
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}
