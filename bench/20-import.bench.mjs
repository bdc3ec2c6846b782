// Import at scale (issue 3): a 100,000-row, 10-column CSV through the real wizard in headless Chromium,
// end to end (read, map, validate, store), and the longest main-thread task meanwhile.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { longestTask, resetLongTasks, setUser, watchLongTasks } from '../tests/e2e/harness.mjs';

export const name = 'import';
const ROWS = 100_000;

/** A fictional agency spreadsheet: made-up names, drama-range phones, format-valid fictional postcodes. */
function makeCsv(rows) {
  const given = ['Aaron', 'Chloe', 'Darren', 'Jade', 'Kieran', 'Mia', 'Imran', 'Shane', 'Tyler', 'Zara', 'Leah', 'Connor'];
  const family = ['SMITH', 'HOLT', 'AKHTAR', "O'NEILL", 'WARD', 'PRICE', 'BARKER', 'HUGHES', 'KHAN', 'WILSON', 'COLE', 'BRENNAN'];
  const letters = 'ABCDEFGHJKLMNPRSTUVWXY';
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const lines = ['Surname,Forename,DOB,Mobile,VRM,Address 1,Town,Postcode,Ref,Date'];
  for (let i = 0; i < rows; i++) {
    const d = `${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}/${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}/${1970 + Math.floor(rnd() * 40)}`;
    const phone = `07700 900${String(Math.floor(rnd() * 1000)).padStart(3, '0')}`;
    const plate = `${pick(letters)}${pick(letters)}${10 + Math.floor(rnd() * 15)} ${pick(letters)}${pick(letters)}${pick(letters)}`;
    const pc = `KB${1 + Math.floor(rnd() * 9)} ${1 + Math.floor(rnd() * 9)}${pick(letters)}${pick(letters)}`;
    lines.push(`${pick(family)},${pick(given)},${d},${phone},${plate},${1 + Math.floor(rnd() * 200)} Mill Lane,Kelbridge,${pc},BENCH/${i},15/01/2024`);
  }
  return lines.join('\n') + '\n';
}

/** @param {{ page: import('playwright-core').Page, url: string, log: Function }} ctx */
export async function run({ page, url, log }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'lw-bench-import-'));
  const file = path.join(dir, 'bench-100k.csv');
  writeFileSync(file, makeCsv(ROWS));

  await watchLongTasks(page);
  await page.goto(url);
  await setUser(page, 'Bench Analyst', { waitMs: 10_000 });
  await page.getByRole('button', { name: 'New workspace' }).click();
  await page.getByLabel('Name').fill('Import bench (fictional)');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
  await resetLongTasks(page);

  const t0 = Date.now();
  await page.getByLabel('Spreadsheet file').setInputFiles(file);
  await page.getByRole('button', { name: 'Preview' }).waitFor({ timeout: 120_000 });
  const readMs = Date.now() - t0;
  await page.getByLabel('Agency', { exact: true }).fill('Bench Police');
  const t1 = Date.now();
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('heading', { name: 'What the import will make' }).waitFor({ timeout: 120_000 });
  const previewMs = Date.now() - t1;
  const t2 = Date.now();
  await page.getByRole('button', { name: /^Import \d/ }).click();
  await page.getByRole('heading', { name: /^Imported / }).waitFor({ timeout: 300_000 });
  const importMs = Date.now() - t2;
  
  log('import.read_100k', readMs / 1000, 's', 'informational (file to mapping step)');
  log('import.preview_100k', previewMs / 1000, 's', 'informational (every row mapped and matched)');
  log('import.run_100k', importMs / 1000, 's', 'informational (map, validate, store)');
  log('import.end_to_end_100k', (readMs + importMs) / 1000, 's', 20);
  log('import.end_to_end_with_preview', (readMs + previewMs + importMs) / 1000, 's', 'informational');
  log('import.longest_main_task', await longestTask(page), 'ms', 200);
  const summary = await page.locator('.import-done .counts').innerText();
  log('import.result', summary.replace(/\s+/g, ' ').slice(0, 120), '', 'informational');
}
