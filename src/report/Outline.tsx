/**
 * The report's outline: the sections in order, each with an include checkbox, move up and move down, and
 * a custom section to add after the chosen one. Numbers are those the product will print (dropped
 * sections are not numbered).
 */
import { useState } from 'react';
import type { Id } from '../domain/model';
import { addCustomSection, moveSection, setSectionIncluded, type Report } from '../domain/report/model';
import type { ApplyEdit } from './ReportView';

export function Outline({ report, selectedId, onSelect, apply, frozen }: { report: Report; selectedId: Id; onSelect: (id: Id) => void; apply: ApplyEdit; frozen: boolean }) {
  const [title, setTitle] = useState('');
  let n = 0;
  const count = report.sections.length;
  const add = () => {
    const t = title.trim();
    if (!t) return;
    const at = report.sections.findIndex((s) => s.id === selectedId) + 1 || count;
    const id = `section-${Date.now().toString(36)}`;
    apply((r) => addCustomSection(r, t, at, id));
    setTitle('');
    onSelect(id);
  };
  return (
    <nav className="report-outline" aria-labelledby="outline-title">
      <h3 id="outline-title">Sections</h3>
      <ol className="outline-list">
        {report.sections.map((s, i) => {
          const number = s.included ? String(++n) : '–';
          return (
            <li key={s.id} className={`${s.id === selectedId ? 'current' : ''}${s.included ? '' : ' dropped'}`}>
              <input
                type="checkbox"
                checked={s.included}
                disabled={frozen}
                onChange={(e) => apply((r) => setSectionIncluded(r, s.id, e.target.checked))}
                aria-label={`Include ${s.title}`}
                title={s.included ? 'Included: untick to drop it from this version' : 'Dropped from this version: tick to include it'}
              />
              <button type="button" className="outline-item" aria-current={s.id === selectedId ? 'true' : undefined} onClick={() => onSelect(s.id)}>
                <span className="outline-num">{number}</span>
                <span className="outline-name">{s.title}</span>
                {!s.included && <span className="visually-hidden"> (dropped)</span>}
                {s.text.trim() === '' && s.included && !['document-control', 'gaps', 'recommendations', 'previous-review', 'annexes'].includes(s.kind) && (
                  <span className="outline-flag" title="No text yet">
                    <span aria-hidden="true">•</span>
                    <span className="visually-hidden"> (no text yet)</span>
                  </span>
                )}
              </button>
              {!frozen && (
                <span className="outline-move">
                  <button type="button" className="icon-small" disabled={i === 0} onClick={() => apply((r) => moveSection(r, s.id, i - 1))} aria-label={`Move ${s.title} up`} title="Move up">
                    ↑
                  </button>
                  <button type="button" className="icon-small" disabled={i === count - 1} onClick={() => apply((r) => moveSection(r, s.id, i + 1))} aria-label={`Move ${s.title} down`} title="Move down">
                    ↓
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {!frozen && (
        <form
          className="outline-add"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <label htmlFor="new-section-title">Add a section after the chosen one</label>
          <div className="outline-add-row">
            <input id="new-section-title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Title of the new section" />
            <button type="submit" disabled={!title.trim()}>
              Add section
            </button>
          </div>
        </form>
      )}
    </nav>
  );
}
