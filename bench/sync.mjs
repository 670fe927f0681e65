// Sync benchmark: initial sync of a large workspace to a new peer, and edit → arrival latency.
// Run through `npm run bench` (inside a loopback-only network namespace when possible).
import { chromium } from '@playwright/test';
import { createServer } from '../server/index.js';

const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  '--allow-loopback-in-peer-connection', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
];

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function peer(tag) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  const context = await browser.newContext({ locale: 'en-GB', serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    void navigator.mediaDevices.getUserMedia({ audio: true }).catch(() => {});
    // Longest main-thread task, to show whether sending or receiving froze the page.
    globalThis.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) globalThis.__longest = Math.max(globalThis.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(tag, 'page error:', e.message));
  return { browser, page };
}

/** Rows in a read table of the open workspace (customers: what the list shows). */
export function readCount(page, table = 'customers') {
  return page.evaluate(async (table) => {
    const names = (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('kehu-read-'));
    let best = 0;
    for (const name of names) {
      const db = await new Promise((resolve, reject) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      if (db.objectStoreNames.contains(table)) {
        const n = await new Promise((resolve) => {
          const r = db.transaction(table).objectStore(table).count();
          r.onsuccess = () => resolve(r.result);
        });
        best = Math.max(best, n);
      }
      db.close();
    }
    return best;
  }, table);
}

/**
 * Waits until a page's own work after loading the sample has finished, so it does not run during
 * the measure: the projection of the sample into the read tables, then the customer list saving
 * its state (3 s after the last change; at 100k it held a worker for 1.2 s of CPU, and without
 * this wait it ran during the first seconds of the join).
 */
export async function settled(page) {
  let last = -1;
  let changedAt = 0;
  for (;;) {
    const now = (await readCount(page, 'customers')) + (await readCount(page, 'contacts'));
    if (now === last) break;
    last = now;
    changedAt = await page.evaluate(() => performance.now());
    await new Promise((r) => setTimeout(r, 1500));
  }
  // The save that follows the last change ends after the poll that saw it. None comes when the
  // list had nothing left to save.
  await page
    .waitForFunction((after) => performance.getEntriesByName('kehu:list-saved').some((m) => m.startTime >= after), changedAt, { timeout: 15_000, polling: 250 })
    .catch(() => {});
  return last;
}

/**
 * How long the sender rests before a teammate joins. Generating a 100k sample leaves about
 * 100 MB of garbage in its page; V8 collects it once the page has been idle for 8 s or so (its
 * memory reducer), and compacts the heap. Without the rest that happened during the join, on
 * cores the joining peer kept busy, and one such GC task took 200-250 ms. A teammate's device
 * that holds a workspace has long been past that when someone joins.
 */
const SENDER_REST_MS = 20_000;

async function initialSync(url, size) {
  const a = await peer('A');
  const b = await peer('B');
  try {
    await a.page.goto(url);
    await a.page.getByLabel('Sample size').selectOption(String(size));
    const loadStart = Date.now();
    await a.page.getByRole('button', { name: 'Load sample data' }).click();
    await a.page.getByRole('button', { name: 'New customer' }).waitFor();
    await a.page.getByText(/customers$/).filter({ hasText: new Intl.NumberFormat('en-GB').format(size) }).first().waitFor({ timeout: 600_000 });
    await a.page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor({ timeout: 600_000 });
    await settled(a.page);
    const loadMs = Date.now() - loadStart;
    await new Promise((r) => setTimeout(r, SENDER_REST_MS));
    await a.page.goto(`${url}#/team`);
    await a.page.getByRole('button', { name: 'Invite' }).click();
    const link = await a.page.getByLabel('Invite link').inputValue();
    await a.page.evaluate(() => (globalThis.__longest = 0));

    await b.page.goto(link);
    await b.page.getByLabel('Your name').fill('Bench B');
    // Both moments are taken in B's page, by a MutationObserver in place before Join: when the
    // status line first says "Up to date" (B's state vector holds everything A has, compared
    // through presence), and when the customer list first says it holds all `size` customers.
    // Polling from here (Playwright's waitFor, an IndexedDB count every 250 ms) added up to half
    // a second to either.
    const start = await b.page.evaluate((allText) => {
      const seen = (globalThis.__seen = {});
      const observer = new MutationObserver(() => {
        const at = performance.timeOrigin + performance.now();
        if (!seen.doc && [...document.querySelectorAll('header a')].some((a) => a.textContent.includes('Up to date'))) seen.doc = at;
        if (!seen.rows && [...document.querySelectorAll('p')].some((p) => p.textContent.trim() === allText)) seen.rows = at;
        if (seen.doc && seen.rows) observer.disconnect();
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      return performance.timeOrigin + performance.now();
    }, `${new Intl.NumberFormat('en-GB').format(size)} customers`);
    await b.page.getByRole('button', { name: 'Join' }).click();
    await b.page.waitForURL(/#\/customers/);
    const seen = await b.page.waitForFunction(() => globalThis.__seen.doc && globalThis.__seen.rows && globalThis.__seen, null, { timeout: 900_000, polling: 1000 }).then((h) => h.jsonValue());
    const docMs = Math.round(seen.doc - start);
    const syncMs = Math.round(seen.rows - start);
    // The list shows rows before IndexedDB holds them; record pages and reminders read the
    // tables, which are complete later. Also a cross-check of the list's count.
    let count = 0;
    while (Date.now() - start < 900_000 && (count = await readCount(b.page)) < size) await new Promise((r) => setTimeout(r, 250));
    const tablesMs = Math.round(Date.now() - start);
    const longestB = await b.page.evaluate(() => globalThis.__longest);
    const longestA = await a.page.evaluate(() => globalThis.__longest);
    return { size, loadMs, docMs, syncMs, tablesMs, received: count, longestTaskSenderMs: Math.round(longestA), longestTaskReceiverMs: Math.round(longestB) };
  } finally {
    await a.browser.close();
    await b.browser.close();
  }
}

/** 60 edits: the p95 is then the fourth-slowest, not the second, so one stray pause does not decide it. */
async function editArrival(url, edits = 60) {
  const a = await peer('A');
  const b = await peer('B');
  try {
    await a.page.goto(url);
    await a.page.getByRole('button', { name: 'Load sample data' }).click();
    await a.page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    const first = a.page.getByRole('grid', { name: 'Customers' }).getByRole('row').getByRole('link').first();
    const customerUrl = await first.getAttribute('href');
    await a.page.goto(`${url}#/team`);
    await a.page.getByRole('button', { name: 'Invite' }).click();
    const link = await a.page.getByLabel('Invite link').inputValue();
    await b.page.goto(link);
    await b.page.getByLabel('Your name').fill('Bench B');
    await b.page.getByRole('button', { name: 'Join' }).click();
    await b.page.getByRole('link', { name: /Up to date/ }).waitFor({ timeout: 60_000 });
    // Steady state: the joining peer has projected the workspace (the join is measured below).
    await settled(b.page);
    await a.page.goto(`${url}${customerUrl}/edit`);
    await b.page.goto(`${url}${customerUrl}`);
    const latencies = [];
    for (let i = 0; i < edits; i++) {
      const name = `Bench edit ${i}`;
      await a.page.getByLabel('Name', { exact: true }).fill(name);
      // A MutationObserver in B notes the moment the new name is on screen (no polling delay);
      // it is in place before A saves.
      await b.page.evaluate((n) => {
        globalThis.__arrival = new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            if (document.querySelector('h1')?.textContent !== n) return;
            observer.disconnect();
            resolve(performance.timeOrigin + performance.now());
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        });
      }, name);
      const arrived = b.page.evaluate(() => Promise.race([globalThis.__arrival, new Promise((r) => setTimeout(() => r(NaN), 30_000))]));
      const sentAt = await a.page.evaluate(() => {
        const at = performance.timeOrigin + performance.now();
        document.querySelector('form button[type="submit"]')?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
        return at;
      });
      const at = await arrived;
      latencies.push(at - sentAt);
      await a.page.getByRole('heading', { level: 1, name }).waitFor();
      await a.page.goto(`${url}${customerUrl}/edit`);
    }
    const arrivedAll = latencies.filter(Number.isFinite);
    return { edits, lost: edits - arrivedAll.length, p50: Math.round(percentile(arrivedAll, 50)), p95: Math.round(percentile(arrivedAll, 95)), latencies: latencies.map((ms) => Math.round(ms)) };
  } finally {
    await a.browser.close();
    await b.browser.close();
  }
}

export async function runSyncBench(sizes) {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const address = server.address();
  const url = `http://localhost:${typeof address === 'object' && address ? address.port : 0}/`;
  try {
    const results = { editArrival: await editArrival(url), initialSync: [] };
    for (const size of sizes) results.initialSync.push(await initialSync(url, size));
    return results;
  } finally {
    await server.signalRelay?.close();
    server.close();
  }
}
