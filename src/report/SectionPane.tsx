/**
 * One section of the report: title, the analyst's text (saved a moment after typing stops), the figures
 * it shows (filled from the workspace), what was inserted (chart and map pictures, entity tables), and in
 * their sections the structured lists (document control, gaps, recommendations, the previous review).
 */
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import type { Entity } from '../domain/model';
import { FIGURE_IDS, FIGURE_TITLE, formatSentence, makeNamer, youngPersonPseudonyms, type FigureId, type ReportData, type ReportFigures } from '../domain/report/figures';
import { addInsert, ENTITY_COLUMN_LABEL, removeInsert, removeSection, updateSection, type Insert, type Report, type ReportSection } from '../domain/report/model';
import { RECIPIENT_PROFILES, renderFigureTable } from '../domain/report/recipients';
import type { EntityRow } from '../domain/rows';
import type { ChartViewRecord } from '../services/walls';
import { FigureTableView } from './FigureTableView';
import { ChartInsertDialog, MapInsertDialog, TableInsertDialog } from './InsertDialogs';
import { DocumentControlEditor, GapsEditor, PreviousReviewEditor, RecommendationsEditor } from './Lists';
import { insertPicture, type Picture, type PictureContext } from './pictures';
import type { ApplyEdit } from './ReportView';

const POLICE_RULES = RECIPIENT_PROFILES['police-internal'].rules;

export interface SectionPaneProps {
  report: Report;
  section: ReportSection;
  figures: ReportFigures;
  data: ReportData;
  rows: readonly EntityRow[];
  pictureCtx: PictureContext;
  views: readonly ChartViewRecord[];
  apply: ApplyEdit;
  frozen: boolean;
  onRemoved: () => void;
}

export function SectionPane({ report, section, figures, data, rows, pictureCtx, views, apply, frozen, onRemoved }: SectionPaneProps) {
  const textId = useId();
  const [dialog, setDialog] = useState<'chart' | 'map' | 'table' | null>(null);
  const [addFigure, setAddFigure] = useState<FigureId | ''>('');
  const index = report.sections.findIndex((s) => s.id === section.id);
  const number = section.included ? report.sections.slice(0, index + 1).filter((s) => s.included).length : null;
  const missing = FIGURE_IDS.filter((f) => !section.figures.some((x) => x.figure === f));
  const edit = (change: Parameters<typeof updateSection>[2], debounce = false) => apply((r) => updateSection(r, section.id, change), { debounce });
  const structured = section.kind === 'document-control' || section.kind === 'gaps' || section.kind === 'recommendations' || section.kind === 'previous-review';

  return (
    <article className="section-pane" aria-labelledby={`${textId}-h`}>
      <div className="section-pane-head">
        <h3 id={`${textId}-h`}>
          {number ? `${number}. ` : ''}
          {section.title}
          {!section.included && <span className="badge badge-dropped">Dropped from this version</span>}
        </h3>
        {section.kind === 'custom' && !frozen && (
          <button
            type="button"
            className="danger"
            onClick={() => {
              apply((r) => removeSection(r, section.id));
              onRemoved();
            }}
          >
            Remove this section
          </button>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${textId}-title`}>Section title</label>
        <input id={`${textId}-title`} value={section.title} readOnly={frozen} onChange={(e) => edit({ title: e.target.value }, true)} />
      </div>
      <div className="field">
        <label htmlFor={`${textId}-text`}>{structured ? 'Text before the table (optional)' : 'The analyst’s assessment'}</label>
        <textarea
          id={`${textId}-text`}
          className="section-text"
          value={section.text}
          readOnly={frozen}
          aria-readonly={frozen || undefined}
          placeholder={frozen ? 'No text in this version.' : 'Write here…'}
          rows={structured ? 3 : 9}
          onChange={(e) => edit({ text: e.target.value }, true)}
          aria-describedby={`${textId}-hint`}
        />
        <small id={`${textId}-hint`} className="hint">
          {section.hint ? `${section.hint} ` : ''}Blank lines separate paragraphs; lines starting with “- ” make a list. Young people’s names written here are replaced by their
          pseudonyms in every product.
        </small>
      </div>

      {section.kind === 'document-control' && <DocumentControlEditor report={report} figures={figures} apply={apply} frozen={frozen} />}
      {section.kind === 'gaps' && <GapsEditor report={report} apply={apply} frozen={frozen} />}
      {section.kind === 'recommendations' && <RecommendationsEditor report={report} apply={apply} frozen={frozen} />}
      {section.kind === 'previous-review' && <PreviousReviewEditor report={report} apply={apply} frozen={frozen} />}

      {(section.figures.length > 0 || !frozen) && (
        <section className="section-figures" aria-label="Figures">
          <h4>Figures {frozen ? '(as frozen)' : '(live from the workspace)'}</h4>
          {section.figures.map((ref) => {
            const f = figures.figures[ref.figure];
            return (
              <FigureTableView
                key={ref.figure}
                caption={ref.caption ?? f.caption}
                summary={formatSentence(f.summary)}
                table={renderFigureTable(f, POLICE_RULES)}
                {...(f.note ? { note: f.note } : {})}
                tools={
                  !frozen && (
                    <button type="button" className="link-button figure-remove" onClick={() => edit({ figures: section.figures.filter((x) => x.figure !== ref.figure) })} aria-label={`Remove the figure ${f.caption} from this section`}>
                      Remove
                    </button>
                  )
                }
              />
            );
          })}
          {!frozen && missing.length > 0 && (
            <div className="add-figure">
              <label>
                Add a figure{' '}
                <select value={addFigure} onChange={(e) => setAddFigure(e.target.value as FigureId | '')}>
                  <option value="">Choose…</option>
                  {missing.map((f) => (
                    <option key={f} value={f}>
                      {FIGURE_TITLE[f]}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                disabled={!addFigure}
                onClick={() => {
                  if (addFigure) edit({ figures: [...section.figures, { figure: addFigure }] });
                  setAddFigure('');
                }}
              >
                Add figure
              </button>
            </div>
          )}
        </section>
      )}

      <section className="section-inserts" aria-label="Inserted charts, maps and tables">
        <h4>Charts, maps and tables</h4>
        {section.inserts.length === 0 && <p className="hint">Nothing inserted in this section.</p>}
        {section.inserts.map((ins) => (
          <InsertView key={ins.id} report={report} insert={ins} data={data} pictureCtx={pictureCtx} frozen={frozen} apply={apply} sectionId={section.id} />
        ))}
        {!frozen && (
          <div className="insert-buttons">
            <button type="button" onClick={() => setDialog('chart')}>
              Insert chart view…
            </button>
            <button type="button" onClick={() => setDialog('map')}>
              Insert map view…
            </button>
            <button type="button" onClick={() => setDialog('table')}>
              Insert entity table…
            </button>
          </div>
        )}
      </section>
      {dialog === 'chart' && <ChartInsertDialog views={views} onClose={() => setDialog(null)} onInsert={(ins) => apply((r) => addInsert(r, section.id, ins))} />}
      {dialog === 'map' && <MapInsertDialog onClose={() => setDialog(null)} onInsert={(ins) => apply((r) => addInsert(r, section.id, ins))} />}
      {dialog === 'table' && <TableInsertDialog rows={rows} onClose={() => setDialog(null)} onInsert={(ins) => apply((r) => addInsert(r, section.id, ins))} />}
    </article>
  );
}

function InsertView({ report, insert, data, pictureCtx, frozen, apply, sectionId }: { report: Report; insert: Insert; data: ReportData; pictureCtx: PictureContext; frozen: boolean; apply: ApplyEdit; sectionId: string }) {
  const captionId = useId();
  const setInsert = (next: Insert, debounce = true) =>
    apply((r) => updateSection(r, sectionId, { inserts: (r.sections.find((s) => s.id === sectionId)?.inserts ?? []).map((i) => (i.id === next.id ? next : i)) }), { debounce });
  const remove = !frozen && (
    <button type="button" className="link-button" onClick={() => apply((r) => removeInsert(r, insert.id))} aria-label={`Remove ${insert.type === 'entity-table' ? insert.title : insert.name} from this section`}>
      Remove
    </button>
  );
  if (insert.type === 'entity-table') return <EntityTablePreview insert={insert} data={data} frozen={frozen} remove={remove} onRename={(title) => setInsert({ ...insert, title })} />;
  const kind = insert.type === 'chart-view' ? 'Link chart' : 'Map';
  return (
    <figure className="insert-card">
      <div className="insert-head">
        <strong>
          {kind}: {insert.name}
        </strong>
        {remove}
      </div>
      {!frozen ? (
        <LivePicture report={report} insert={insert} ctx={pictureCtx} />
      ) : insert.image ? (
        <img className="insert-picture" src={insert.image.dataUrl} alt={`${kind} "${insert.name}" as frozen, with its legend`} />
      ) : (
        <p className="warning">No picture could be drawn when this version was frozen: its products show a placeholder.</p>
      )}
      <div className="field">
        <label htmlFor={captionId}>Caption</label>
        <input
          id={captionId}
          value={insert.caption ?? ''}
          readOnly={frozen}
          placeholder={`${kind}: ${insert.name}`}
          onChange={(e) => setInsert(e.target.value ? { ...insert, caption: e.target.value } : (({ caption: _c, ...rest }) => rest)(insert))}
        />
      </div>
    </figure>
  );
}

function LivePicture({ report, insert, ctx }: { report: Report; insert: Extract<Insert, { type: 'chart-view' | 'map-view' }>; ctx: PictureContext }) {
  const [picture, setPicture] = useState<Picture | null | 'loading'>('loading');
  useEffect(() => {
    let alive = true;
    void insertPicture(report, insert, 'police-internal', ctx).then((p) => alive && setPicture(p));
    return () => {
      alive = false;
    };
    // Redrawn when the workspace, the view or the insert changes (not on every edit of the report).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [insert.id, insert.viewId, ctx]);
  if (picture === 'loading') return <p className="hint insert-loading">Drawing the picture…</p>;
  if (!picture)
    return (
      <p className="warning">
        {insert.type === 'chart-view' ? 'This chart view is no longer saved in the Chart section: the products will show a placeholder.' : 'The map could not be drawn.'}
      </p>
    );
  return (
    <img
      className="insert-picture"
      src={picture.dataUrl}
      alt={`${insert.type === 'chart-view' ? 'Link chart' : 'Map'} "${insert.name}" with its legend and the security marking; young people by pseudonym`}
    />
  );
}

function EntityTablePreview({ insert, data, frozen, remove, onRename }: { insert: Extract<Insert, { type: 'entity-table' }>; data: ReportData; frozen: boolean; remove: ReactNode; onRename: (title: string) => void }) {
  const titleId = useId();
  const names = useMemo(() => {
    const byId = new Map(data.entities.map((e) => [e.id, e]));
    const namer = makeNamer({ entities: data.entities.filter((e) => !e.mergedInto), links: data.links }, youngPersonPseudonyms(data.entities));
    return insert.entityIds
      .map((id) => byId.get(id))
      .filter((e): e is Entity => !!e && !e.mergedInto)
      .map((e) => namer.name(e));
  }, [insert.entityIds, data]);
  return (
    <figure className="insert-card">
      <div className="insert-head">
        <strong>Table: {insert.title}</strong>
        {remove}
      </div>
      <p>
        {names.length} of {insert.entityIds.length} entities still in the workspace; columns: {insert.columns.map((c) => ENTITY_COLUMN_LABEL[c]).join(', ')}.
      </p>
      <p className="hint">
        {names.slice(0, 12).join('; ')}
        {names.length > 12 ? `; and ${names.length - 12} more` : ''}
      </p>
      <div className="field">
        <label htmlFor={titleId}>Table title</label>
        <input id={titleId} value={insert.title} readOnly={frozen} onChange={(e) => onRename(e.target.value)} />
      </div>
    </figure>
  );
}
