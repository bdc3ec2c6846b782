// Browser-test harness for Linkwall: a tiny static server for the built app, a headless Debian
// Chromium driven by playwright-core, a network guard (nothing may leave 127.0.0.1) and error capture.
// Plain ESM JavaScript so that `node --test tests/e2e/` needs no build step.

import { createServer } from 'node:http';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/** Project root (two levels above tests/e2e/). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Default timeout for every Playwright action, wait and navigation (slow 2-core machines). */
export const STEP_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS) || 30_000;

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--lang=en-GB',
];

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

async function fileStat(file) {
  try {
    return await stat(file);
  } catch {
    return null;
  }
}

/**
 * Serve the built app (DIST_DIR env, default `dist/`, relative to the project root) on 127.0.0.1 on a
 * free port. Unknown paths without a file extension (or asking for HTML) fall back to index.html;
 * a missing asset is a 404. Nothing is cached.
 * @param {{ dir?: string, port?: number }} [options]
 * @returns {Promise<{ url: string, port: number, dir: string, notFound: string[], close: () => Promise<void> }>}
 */
export async function startServer(options = {}) {
  const dir = path.resolve(ROOT, options.dir ?? process.env.DIST_DIR ?? 'dist');
  const indexFile = path.join(dir, 'index.html');
  if (!existsSync(indexFile)) {
    throw new Error(`startServer: ${indexFile} is missing: run npm run build first`);
  }
  /** Paths answered with 404, for diagnostics. */
  const notFound = [];

  const send = (req, res, file, size) => {
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': size,
      'Cache-Control': 'no-store, max-age=0',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', (err) => res.destroy(err))
      .pipe(res);
  };

  const handle = async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Cache-Control': 'no-store' }).end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400, { 'Cache-Control': 'no-store' }).end('bad request');
      return;
    }
    const file = path.resolve(dir, '.' + path.posix.normalize(pathname));
    if (file !== dir && !file.startsWith(dir + path.sep)) {
      res.writeHead(403, { 'Cache-Control': 'no-store' }).end('forbidden');
      return;
    }
    let st = await fileStat(file);
    let target = file;
    if (st?.isDirectory()) {
      target = path.join(file, 'index.html');
      st = await fileStat(target);
    }
    if (st?.isFile()) {
      send(req, res, target, st.size);
      return;
    }
    const wantsHtml = (req.headers.accept ?? '').includes('text/html');
    if (path.extname(pathname) === '' || wantsHtml) {
      const index = await fileStat(indexFile);
      if (index?.isFile()) {
        send(req, res, indexFile, index.size);
        return;
      }
    }
    notFound.push(pathname);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(`not found: ${pathname}`);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { 'Cache-Control': 'no-store' });
      res.end(String(err));
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let closed = false;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    dir,
    notFound,
    close: async () => {
      if (closed) return;
      closed = true;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Network guard and error capture

/** @typedef {{ url: string, method: string, resourceType: string }} RecordedRequest */

/** All requests / errors of every browser launched in this process (one test file = one process). */
const allRequests = [];
const allErrors = [];

/** True when the URL stays on this machine: http(s)/ws(s) to 127.0.0.1, or data:/blob:/about:. */
export function isLocalUrl(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
  return u.hostname === '127.0.0.1';
}

/**
 * Throw an Error listing every URL that is not local (host other than 127.0.0.1; data:, blob: allowed).
 * @param {Array<string | { url: string }>} requests
 */
export function assertOnlyLocal(requests) {
  const foreign = requests.map((r) => (typeof r === 'string' ? r : r.url)).filter((url) => !isLocalUrl(url));
  if (foreign.length > 0) {
    throw new Error(`Requests left 127.0.0.1 (${foreign.length}):\n  ${[...new Set(foreign)].join('\n  ')}`);
  }
}

/** Every request seen by any browser launched in this process. */
export function recordedRequests() {
  return [...allRequests];
}

/** Requests (from any browser launched in this process) whose URL is not local. */
export function foreignRequests() {
  return allRequests.filter((r) => !isLocalUrl(r.url));
}

/** Uncaught page errors and console errors of any browser launched in this process, as strings. */
export function pageErrors() {
  return [...allErrors];
}

function attachGuards(context, requests, errors) {
  context.on('request', (request) => {
    const entry = { url: request.url(), method: request.method(), resourceType: request.resourceType() };
    requests.push(entry);
    allRequests.push(entry);
  });
  context.on('weberror', (webError) => {
    const err = webError.error();
    const text = `[pageerror] ${err?.stack || err?.message || String(err)}`;
    errors.push(text);
    allErrors.push(text);
  });
  context.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const loc = msg.location();
    const where = loc?.url ? ` (${loc.url}:${loc.lineNumber})` : '';
    const text = `[console.error] ${msg.text()}${where}`;
    errors.push(text);
    allErrors.push(text);
  });
}

// ---------------------------------------------------------------------------------------------
// Browser

/**
 * Launch headless Chromium (CHROMIUM_PATH env, default /usr/bin/chromium) with a persistent profile in a
 * fresh temporary user-data-dir, viewport 1440x900, default timeout 30 s. Network and error guards are
 * attached automatically. `context` and `page` are getters: after `restart()` they name the new ones.
 * @param {{ userDataDir?: string, viewport?: { width: number, height: number }, keepUserDataDir?: boolean,
 *           args?: string[], timeout?: number }} [options]
 */
export async function launchBrowser(options = {}) {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`launchBrowser: no Chromium at ${executablePath} (install Debian chromium or set CHROMIUM_PATH)`);
  }
  const userDataDir = options.userDataDir ?? (await mkdtemp(path.join(tmpdir(), 'linkwall-e2e-')));
  const keep = options.keepUserDataDir ?? (options.userDataDir !== undefined || process.env.KEEP_PROFILE === '1');
  const timeout = options.timeout ?? STEP_TIMEOUT_MS;
  const requests = [];
  const errors = [];

  const open = async () => {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
      viewport: options.viewport ?? { width: 1440, height: 900 },
      locale: 'en-GB',
      timezoneId: 'Europe/London',
      timeout: 60_000,
    });
    context.setDefaultTimeout(timeout);
    context.setDefaultNavigationTimeout(timeout);
    attachGuards(context, requests, errors);
    const page = context.pages()[0] ?? (await context.newPage());
    return { context, page };
  };

  let current = await open();
  let closed = false;

  const handle = {
    get context() {
      return current.context;
    },
    get page() {
      return current.page;
    },
    userDataDir,
    /** Requests made by this browser (across restarts). */
    requests: () => [...requests],
    /** Non-local requests made by this browser (across restarts). */
    foreignRequests: () => requests.filter((r) => !isLocalUrl(r.url)),
    /** Page errors and console errors of this browser (across restarts). */
    pageErrors: () => [...errors],
    /** e.g. "156.0.8078.79" */
    version: () => current.context.browser()?.version() ?? 'unknown',
    /** Close the browser and relaunch it on the SAME user-data-dir; returns the new { context, page }. */
    restart: async () => {
      await current.context.close();
      current = await open();
      return { context: current.context, page: current.page };
    },
    /** Close the browser and delete the temporary profile (unless it was given or KEEP_PROFILE=1). */
    close: async () => {
      if (closed) return;
      closed = true;
      await current.context.close().catch(() => {});
      if (!keep) await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
    },
  };
  return handle;
}

// ---------------------------------------------------------------------------------------------
// Page helpers

/**
 * Save a viewport screenshot to test-results/screenshots/NAME.png; returns the file path.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 * @param {import('playwright-core').PageScreenshotOptions} [options]
 */
export async function screenshot(page, name, options = {}) {
  const dir = path.join(ROOT, 'test-results', 'screenshots');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ ...options, path: file });
  return file;
}

/**
 * If the app asks for a local user name (a dialog with a textbox "Your name" and a button "Continue")
 * within `waitMs` (2 s), fill it in and continue. Returns true if it acted, false otherwise.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 * @param {{ waitMs?: number }} [options]
 */
export async function setUser(page, name, options = {}) {
  const textbox = page.getByRole('textbox', { name: 'Your name' });
  try {
    await textbox.first().waitFor({ state: 'visible', timeout: options.waitMs ?? 2_000 });
  } catch {
    return false;
  }
  const dialog = page.getByRole('dialog').filter({ has: textbox });
  const scope = (await dialog.count()) > 0 ? dialog.first() : page;
  await textbox.first().fill(name);
  const exact = scope.getByRole('button', { name: 'Continue', exact: true });
  const button = (await exact.count()) > 0 ? exact.first() : scope.getByRole('button', { name: 'Continue' }).first();
  await button.click();
  await textbox.first().waitFor({ state: 'hidden' });
  return true;
}

/**
 * Records the page's long main-thread tasks (PerformanceObserver 'longtask') from the next navigation
 * on. Read them with `longestTask(page)`; `resetLongTasks(page)` starts a new measurement.
 */
export async function watchLongTasks(page) {
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

export async function resetLongTasks(page) {
  await page.evaluate(() => (window.__longTasks = []));
}

export async function longestTask(page) {
  return Math.max(0, ...(await page.evaluate(() => window.__longTasks ?? [])));
}

/** Frames per second the page paints (counted with requestAnimationFrame) while `action` runs. */
export async function framesPerSecond(page, action) {
  await page.evaluate(() => {
    window.__frames = 0;
    window.__counting = true;
    const tick = () => {
      window.__frames++;
      if (window.__counting) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    window.__t0 = performance.now();
  });
  await action();
  return page.evaluate(() => {
    window.__counting = false;
    return (window.__frames * 1000) / (performance.now() - window.__t0);
  });
}

/** A mouse drag round a loop from (x, y), as a user pans a chart or a map. */
export async function dragAround(page, x, y) {
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 0; i < 60; i++) await page.mouse.move(x + Math.sin(i / 6) * 200, y + Math.cos(i / 6) * 120);
  await page.mouse.up();
}

/**
 * The usual start of a browser test: a server, a browser, the app open with the user name given, and
 * (with `demo`) the fictional demo workspace loaded with its table on screen.
 */
export async function openApp({ user = 'E2E Analyst', demo = false } = {}) {
  const server = await startServer();
  const browser = await launchBrowser();
  const { page } = browser;
  await page.goto(server.url);
  await setUser(page, user, { waitMs: 15_000 });
  if (demo) {
    await page.getByRole('button', { name: 'Load demo workspace' }).click();
    await page.locator('[role="grid"] [role="row"][aria-rowindex="2"]').waitFor({ timeout: 60_000 });
  }
  return { server, browser };
}
