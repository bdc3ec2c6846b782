import type { Section } from './router';

const PLANNED: Partial<Record<Section, { title: string; text: string }>> = {
  map: { title: 'Map', text: 'The offline hot-spot map is not built yet.' },
  timeline: { title: 'Timeline', text: 'The timeline of events and links is not built yet.' },
  report: { title: 'Report', text: 'The problem-profile report and exports are not built yet.' },
};

/** A section that a later piece of work builds says so plainly until then. */
export function PlannedSection({ section }: { section: Section }) {
  const p = PLANNED[section] ?? { title: section, text: 'Not built yet.' };
  return (
    <section className="planned" aria-labelledby="planned-title">
      <h2 id="planned-title">{p.title}</h2>
      <p>{p.text}</p>
      <p className="hint">Everything entered in Entities and Intelligence will be used here when it arrives.</p>
    </section>
  );
}
