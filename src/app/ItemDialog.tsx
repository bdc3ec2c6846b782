/** One intelligence item in full: agency, reference, dates, grading and text; optional actions below. */
import type { ReactNode } from 'react';
import { Dialog } from '../components/Dialog';
import { gradingCode } from '../domain/grading';
import { AGENCY_TYPE_LABEL, type IntelItem } from '../domain/model';
import { formatDateUk } from '../domain/normalise';

export function ItemDialog({ item, onClose, children }: { item: IntelItem; onClose: () => void; children?: ReactNode }) {
  return (
    <Dialog title={`Intelligence item ${item.reference}`} onClose={onClose}>
      <dl className="item-dl">
        <dt>Agency</dt>
        <dd>
          {item.agency} ({AGENCY_TYPE_LABEL[item.agencyType]})
        </dd>
        <dt>Reference</dt>
        <dd>{item.reference}</dd>
        <dt>Author</dt>
        <dd>{item.author || 'Not recorded'}</dd>
        <dt>Date of intelligence</dt>
        <dd>{item.dateOfIntelligence ? formatDateUk(item.dateOfIntelligence) : 'Not recorded'}</dd>
        <dt>Date recorded</dt>
        <dd>{formatDateUk(item.dateRecorded)}</dd>
        <dt>Grading</dt>
        <dd>
          {item.grading.scheme} {gradingCode(item.grading)}
          {item.grading.scheme === '3x5x2' && item.grading.conditions ? ` — ${item.grading.conditions}` : ''}
        </dd>
        <dt>Statement</dt>
        <dd>{item.statementType === 'fact' ? 'Fact' : 'Assessment'}</dd>
      </dl>
      <p className="item-text">{item.text}</p>
      {children && <div className="form-actions">{children}</div>}
    </Dialog>
  );
}

