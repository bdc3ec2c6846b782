// The report's cost in Node, on the demo workspace (Operation Juniper: 450 entities, 600 links, 900 items):
// building the figures, the product for each recipient profile, and rendering it to HTML and to .docx.
//
//   npx tsx bench/report.mjs              one run per figure after a warm-up
//   npx tsx bench/report.mjs --runs 5     best of 5 (the machine may be shared)
//
// Prints one line per step and profile: milliseconds and, for the renderers, the file size.
const { generateDemoWorkspace, DEMO_NOW } = await import('../src/domain/demo.ts');
const { newReport } = await import('../src/domain/report/model.ts');
const { computeFigures } = await import('../src/domain/report/figures.ts');
const { figuresFor, prepareForRecipient, RECIPIENT_PROFILE_IDS } = await import('../src/domain/report/recipients.ts');
const { renderReportHtml } = await import('../src/report/renderHtml.ts');
const { renderReportDocx } = await import('../src/report/renderDocx.ts');

const args = process.argv.slice(2);
const at = args.indexOf('--runs');
const runs = at >= 0 ? Math.max(1, Number(args[at + 1]) || 1) : 1;

async function best(fn) {
  let min = Infinity;
  let value;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = await fn();
    min = Math.min(min, performance.now() - t);
  }
  return { ms: min, value };
}

const demo = generateDemoWorkspace();
const report = newReport(demo.workspace, undefined, { now: `${DEMO_NOW}T12:00:00.000Z`, author: 'Bench' });
const options = { today: DEMO_NOW, generatedAt: `${DEMO_NOW}T12:00:00.000Z` };

// Warm-up (JIT, module initialisation).
await renderReportDocx(prepareForRecipient(report, figuresFor(report, demo, 'strategic-board', options), demo, 'strategic-board', options));

const fmt = (ms) => `${ms.toFixed(0).padStart(6)} ms`;
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log(`report bench: ${demo.entities.length} entities, ${demo.links.length} links, ${demo.items.length} items; best of ${runs}`);
const whole = await best(() => computeFigures(demo, { period: report.period, today: DEMO_NOW }));
console.log(`figures.all_workspace          ${fmt(whole.ms)}`);
for (const profile of RECIPIENT_PROFILE_IDS) {
  const figures = await best(() => figuresFor(report, demo, profile, options));
  const product = await best(() => prepareForRecipient(report, figures.value, demo, profile, options));
  const html = await best(() => renderReportHtml(product.value));
  const docx = await best(() => renderReportDocx(product.value));
  const total = figures.ms + product.ms + html.ms + docx.ms;
  console.log(`${profile.padEnd(16)} figures     ${fmt(figures.ms)}`);
  console.log(`${profile.padEnd(16)} product     ${fmt(product.ms)}`);
  console.log(`${profile.padEnd(16)} html        ${fmt(html.ms)}   ${kb(html.value.length)}`);
  console.log(`${profile.padEnd(16)} docx        ${fmt(docx.ms)}   ${kb(docx.value.length)}`);
  console.log(`${profile.padEnd(16)} total       ${fmt(total)}`);
}
