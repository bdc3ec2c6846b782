/**
 * The audit log (DPA 2018 s.62): collection, alteration, consultation, disclosure, combination and erasure,
 * with when and who. Append-only: nothing here edits or deletes a record.
 */
import { useState } from 'react';
import { AUDIT_CATEGORIES, type AuditCategory } from '../domain/model';
import { useAudit } from '../hooks/queries';

export function AuditView({ workspaceId }: { workspaceId: string }) {
  const [limit, setLimit] = useState(200);
  const [category, setCategory] = useState<AuditCategory | ''>('');
  const records = useAudit(workspaceId, limit);
  const shown = (records ?? []).filter((r) => !category || r.category === category);
  return (
    <section className="audit-view" aria-labelledby="audit-title">
      <div className="section-head">
        <h2 id="audit-title">Audit log</h2>
        <label>
          Category{' '}
          <select value={category} onChange={(e) => setCategory(e.target.value as AuditCategory | '')}>
            <option value="">All</option>
            {AUDIT_CATEGORIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
      </div>
      <p className="hint">Every change, view, search and export in this workspace, newest first. The log cannot be edited.</p>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Category</th>
            <th scope="col">What</th>
            <th scope="col">Records</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.seq}>
              <td>{new Date(r.at).toLocaleString('en-GB')}</td>
              <td>{r.user}</td>
              <td>
                <span className={`cat cat-${r.category}`}>{r.category}</span>
              </td>
              <td>{r.summary}</td>
              <td>{r.recordIds.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {records && records.length >= limit && (
        <button type="button" onClick={() => setLimit(limit + 500)}>
          Show older entries
        </button>
      )}
    </section>
  );
}
