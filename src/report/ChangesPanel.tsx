/**
 * "What changed since" the previous frozen version: people (young people at risk and offenders among
 * them), links, hot spots and businesses added, and people no longer separate records. A draft compares
 * the workspace now with the ids the previous version kept (diffSince); a frozen version shows the
 * comparison it froze. Young people by pseudonym, victim-side places generalised.
 */
import { useMemo } from 'react';
import type { Entity, Id } from '../domain/model';
import { diffSince, formatSentence, makeNamer, youngPersonPseudonyms, type ReportData } from '../domain/report/figures';
import type { Report } from '../domain/report/model';
import { RECIPIENT_PROFILES, renderFigureTable } from '../domain/report/recipients';
import { FigureTableView } from './FigureTableView';

export function ChangesPanel({ report, data, onHide }: { report: Report; data: ReportData; onHide: () => void }) {
  const prev = report.previousIds!;
  const rows = useMemo(() => {
    if (report.status === 'frozen') return null;
    const d = diffSince(prev, data);
    const byId = new Map(data.entities.map((e) => [e.id, e]));
    const namer = makeNamer({ entities: data.entities.filter((e) => !e.mergedInto), links: data.links }, youngPersonPseudonyms(data.entities));
    const names = (ids: Id[]) =>
      ids
        .map((id) => byId.get(id))
        .filter((e): e is Entity => !!e)
        .map((e) => namer.name(e));
    return [
      { label: 'New people', ids: d.newPeople, names: [] as string[] },
      { label: 'of whom young people at risk', ids: d.newYoungPeople, names: names(d.newYoungPeople) },
      { label: 'of whom offenders', ids: d.newOffenders, names: names(d.newOffenders) },
      { label: 'New links', ids: d.newLinks, names: [] },
      { label: 'New hot spots', ids: d.newHotspots, names: names(d.newHotspots) },
      { label: 'New businesses', ids: d.newBusinesses, names: names(d.newBusinesses) },
      { label: 'People no longer separate records (merged or erased)', ids: d.gonePeople, names: [] },
      { label: 'Links no longer in the workspace', ids: d.goneLinks, names: [] },
    ];
  }, [report.status, prev, data]);
  const frozenFigure = report.status === 'frozen' ? report.snapshot?.figures.figures.changes : undefined;
  return (
    <section id="report-changes" className="report-changes" aria-labelledby="changes-title">
      <div className="changes-head">
        <h3 id="changes-title">
          What changed since version {prev.version}
          {prev.frozenAt ? ` (frozen ${new Date(prev.frozenAt).toLocaleDateString('en-GB')})` : ''}
        </h3>
        <button type="button" className="link-button" onClick={onHide}>
          Hide
        </button>
      </div>
      {rows ? (
        <table className="data-table changes-table">
          <thead>
            <tr>
              <th scope="col">Change</th>
              <th scope="col" className="num">
                Count
              </th>
              <th scope="col">Examples</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td className="num">{r.ids.length}</td>
                <td>
                  {r.names.slice(0, 8).join(', ')}
                  {r.names.length > 8 ? ` and ${r.names.length - 8} more` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : frozenFigure ? (
        <FigureTableView
          caption={frozenFigure.caption}
          summary={formatSentence(frozenFigure.summary)}
          table={renderFigureTable(frozenFigure, RECIPIENT_PROFILES['police-internal'].rules)}
          {...(frozenFigure.note ? { note: frozenFigure.note } : {})}
        />
      ) : (
        <p className="hint">This version kept no comparison.</p>
      )}
      <p className="hint">Compared record by record: a person recorded again by another agency counts as new until the duplicate is merged. The “Context” section carries this table into the product.</p>
    </section>
  );
}
