// The report (issue 7) on the demo workspace (Operation Juniper: about 450 entities, 600 links, 900 items):
// opening the Report section (version 1 from the template, its live figures), then for the strategic
// board and police internal profiles, the time to build the product and export it
//   - to PDF: from choosing the profile (the product is built for its warnings) to the PDF written by
//     Chromium's print engine (page.pdf of the exported HTML, A4, as the browser test does);
//   - to Word: from the click to the .docx downloaded (the product is built again, then rendered).
// Informational targets: the issue sets none.
import { readFile } from 'node:fs/promises';
import { setUser } from '../tests/e2e/harness.mjs';

export const name = 'report';

/** @param {{ page: import('playwright-core').Page, url: string, log: Function, browser: any }} ctx */
export async function run({ page, url, log, browser }) {
  await page.goto(url);
  await setUser(page, 'Bench Analyst', { waitMs: 10_000 });
  await page.getByRole('button', { name: 'Load demo workspace' }).click();
  await page.locator('[role="grid"] [role="row"][aria-rowindex="2"]').waitFor({ timeout: 120_000 });

  const nav = page.getByRole('navigation', { name: 'Main' });
  let t0 = await page.evaluate(() => performance.now());
  await nav.getByRole('link', { name: 'Report' }).click();
  // The document control's data range comes from the live figures: on screen, the figures are done.
  await page.getByText(/^Left empty, the data date range is that of the intelligence: \d/).waitFor({ timeout: 120_000 });
  log('report.open_with_figures', ((await page.evaluate(() => performance.now())) - t0) / 1000, 's', 'informational');

  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: /^Export version 1/ });
  /** The product for the profile is built (its warnings shown) and no export is running. */
  const ready = (profile) =>
    page.waitForFunction((p) => !!document.querySelector(`.export-buttons[data-product="${p}"]`) && !document.querySelector('.export-buttons button:disabled'), profile, { timeout: 120_000 });
  await ready('police-internal');
  const printer = await browser.context.newPage();
  for (const profile of ['strategic-board', 'police-internal']) {
    const key = profile === 'strategic-board' ? 'board' : 'police';
    // Choosing the profile builds its product afresh (from police internal, then from the board).
    t0 = performance.now();
    await dialog.getByLabel('Recipient profile').selectOption(profile);
    await ready(profile);
    const built = performance.now();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), dialog.getByRole('button', { name: 'Download HTML' }).click()]);
    const html = await readFile(await download.path(), 'utf8');
    await printer.setContent(html, { waitUntil: 'load' });
    const pdf = await printer.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    const done = performance.now();
    log(`report.pdf_${key}`, (done - t0) / 1000, 's', 'informational');
    log(`report.pdf_${key}_build`, (built - t0) / 1000, 's', 'informational');
    log(`report.pdf_${key}_pages`, (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length, '', 'informational');

    t0 = performance.now();
    const [docx] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), dialog.getByRole('button', { name: 'Download Word (.docx)' }).click()]);
    const bytes = await readFile(await docx.path());
    log(`report.docx_${key}`, (performance.now() - t0) / 1000, 's', 'informational');
    const [build, render, total] = await page.evaluate(() => ['report-docx-build', 'report-docx-render', 'report-docx-total'].map((n) => performance.getEntriesByName(n).at(-1)?.duration ?? 0));
    log(`report.docx_${key}_build`, build / 1000, 's', 'informational');
    log(`report.docx_${key}_render`, render / 1000, 's', 'informational (docx library, in the page)');
    log(`report.docx_${key}_in_page`, total / 1000, 's', 'informational (build, render, hash, hand to the browser)');
    log(`report.docx_${key}_kb`, Math.round(bytes.length / 1024), 'KB', 'informational');
  }
  await printer.close();
}
