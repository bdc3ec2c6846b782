/** A figure as the editor shows it: caption, summary sentence, the table, and how it was worked out. */
import type { ReactNode } from 'react';
import type { RenderTable } from '../domain/report/recipients';

export function FigureTableView({ caption, summary, table, note, tools }: { caption: string; summary?: string; table: RenderTable; note?: string; tools?: ReactNode }) {
  const totals = new Set(table.totalRows ?? []);
  return (
    <figure className="report-figure">
      <div className="figure-head">
        {summary ? <p className="figure-summary">{summary}</p> : <span />}
        {tools}
      </div>
      <div className="figure-scroll">
        <table className="data-table figure-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              {table.columns.map((c, i) => (
                <th key={i} scope="col" className={c.align === 'right' ? 'num' : undefined}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.length ? (
              table.rows.map((row, r) => (
                <tr key={r} className={totals.has(r) ? 'total' : undefined}>
                  {row.map((cell, i) => (
                    <td key={i} className={table.columns[i]?.align === 'right' ? 'num' : undefined}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))
            ) : (
              <tr>
                <td colSpan={Math.max(1, table.columns.length)} className="hint">
                  Nothing to show yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {note && <p className="figure-note">{note}</p>}
    </figure>
  );
}
