// Sample history benchmark (issue 21): loads the sample with its history (orders, refunds,
// follow-ups, tasks…) through the app's "Load sample data", measures the time and memory that
// takes, then after a restart the time to open a customer's page, Today and Orders.
// Run through `npm run bench` (BENCH_PARTS=history) or `BENCH_PARTS=history node bench/run.mjs`.
// The loaded sample is a browser profile kept in a cache and reused (see loadedProfile): each
// run measures the restart and the page opens on a copy of it.
import { cpus, homedir, loadavg, tmpdir } from 'node:os';
import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { createServer } from '../server/index.js';
import { readCount } from './sync.mjs';
import { ARGS, heap, storage } from './lists.mjs';

const SETUP_TIMEOUT = 3_600_000;
const OPENS = 10;
const TABLES = ['customers', 'contacts', 'orders', 'refunds', 'interactions', 'feedback', 'complaints', 'tasks', 'products'];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round1 = (n) => (Number.isFinite(n) ? Math.round(n * 10) / 10 : n);
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function counts(page) {
  const out = {};
  for (const t of TABLES) out[t] = await readCount(page, t);
  return out;
}

/** Until no read table grew for `quietMs`: the projection has written the whole sample. */
async function projected(page, quietMs = 5000) {
  let last = '';
  for (;;) {
    const now = await counts(page);
    const key = JSON.stringify(now);
    if (key === last) return now;
    last = key;
    await sleep(quietMs);
  }
}

async function load(page, url, size, log) {
  const t = {};
  const start = Date.now();
  await page.goto(url);
  await page.getByLabel('Sample size').selectOption(String(size));
  // The sample writes on the page's main thread: sample the page's heap while it does.
  const peak = { pageMB: 0 };
  const cdp = await page.context().newCDPSession(page);
  // The heap and the customers written, every 30 s: how the load goes on, as it goes.
  const trace = [];
  t.trace = trace;
  let ticks = 0;
  const sampler = setInterval(() => {
    cdp.send('Runtime.getHeapUsage').then((h) => {
      peak.nowMB = Math.round(h.usedSize / 1048576);
      peak.pageMB = Math.max(peak.pageMB, peak.nowMB);
    }).catch(() => {});
    if (++ticks % 30 === 0) {
      page.locator('.sample-progress').first().textContent({ timeout: 1000 }).catch(() => '').then((text) => {
        const row = { s: Math.round((Date.now() - start) / 1000), heapMB: peak.nowMB, progress: (text ?? '').replace(/\s+/g, ' ').trim() };
        trace.push(row);
        log(JSON.stringify(row));
      });
    }
  }, 1000);
  try {
    await page.getByRole('button', { name: 'Load sample data' }).click();
    const formatted = new Intl.NumberFormat('en-GB').format(size);
    await page.locator('.page-header p[aria-live="polite"]').filter({ hasText: new RegExp(`^\\s*${formatted} customers\\s*$`) }).waitFor({ timeout: SETUP_TIMEOUT });
    t.listedMs = Date.now() - start;
    log(`listed after ${t.listedMs} ms`);
    await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor({ timeout: SETUP_TIMEOUT });
    t.savedMs = Date.now() - start;
    log(`saved after ${t.savedMs} ms`);
    t.rows = await projected(page);
    t.projectedMs = Date.now() - start;
    // "All changes saved", or which store failed (a full disk stops the read tables first).
    t.saveStatus = (await page.locator('span.save[role="status"]').first().textContent().catch(() => ''))?.trim() ?? '';
    log(`projected after ${t.projectedMs} ms: ${JSON.stringify(t.rows)}`);
  } finally {
    clearInterval(sampler);
    await cdp.detach().catch(() => {});
  }
  t.peakPageHeapMB = peak.pageMB;
  return t;
}

/** Ms from setting the hash until `ready` (a function's source, run in the page) is true, seen by a MutationObserver; null when not within 10 s. */
async function openTime(page, hash, ready) {
  return page.evaluate(
    ({ hash, ready }) =>
      new Promise((resolve) => {
        const check = new Function(`return (${ready})()`);
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (!check()) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve(performance.now() - t0);
        });
        const timer = setTimeout(() => (observer.disconnect(), resolve(null)), 10_000);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        if (location.hash === hash && check()) {
          observer.disconnect();
          clearTimeout(timer);
          resolve(0);
          return;
        }
        location.hash = hash;
      }),
    { hash, ready: ready.toString() },
  );
}

const onCustomers = () => document.querySelector('[role="grid"] [role="row"][data-index="0"]') !== null;
const todayReady = () => document.querySelector('h1')?.textContent.trim() === 'Today' && (document.querySelector('section.group li') !== null || /Nothing to do/.test(document.querySelector('main')?.textContent ?? ''));
const ordersReady = () => document.querySelector('h1')?.textContent.trim() === 'Orders' && document.querySelector('main ul.items > li') !== null;

async function measureOpens(page, label, hashes, ready, log) {
  const latencies = [];
  let misses = 0;
  for (const hash of hashes) {
    await openTime(page, '#/customers', onCustomers);
    await sleep(300);
    const ms = await openTime(page, hash, typeof ready === 'function' ? ready : ready(hash));
    if (ms === null) misses++;
    else latencies.push(ms);
  }
  const r = { opens: hashes.length, misses, first: round1(latencies[0]), p50: round1(percentile(latencies, 50)), p95: round1(percentile(latencies, 95)), max: round1(Math.max(...latencies)), latencies: latencies.map(round1) };
  log(`${label}: ${JSON.stringify(r)}`);
  return r;
}

/**
 * What decides the workspace a sample load leaves behind: the sample's generator and how the
 * app stores and projects it. A loaded profile is reused while these files are unchanged.
 */
const SAMPLE_SOURCES = [
  'src/domain/sample-data.ts', 'src/domain/sample-history.ts', 'src/domain/sample-names.ts', 'src/domain/sample-catalogue.ts', 'src/domain/sample-seasons.ts',
  'src/workspace/sample-commands.ts', 'src/workspace/record-map.ts', 'src/storage/log-db.ts', 'src/storage/read-db.ts', 'src/storage/projection-writer.ts', 'src/storage/projection-validation.ts',
];

async function sampleVersion() {
  const hash = createHash('sha256');
  for (const file of SAMPLE_SOURCES) hash.update(file).update(await readFile(new URL(`../${file}`, import.meta.url)).catch(() => ''));
  return hash.digest('hex').slice(0, 12);
}

const launch = (profile) =>
  chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ARGS,
    locale: 'en-GB',
    serviceWorkers: 'block',
    viewport: { width: 1280, height: 800 },
  });

/**
 * Loads the sample into a browser profile kept in the cache (BENCH_CACHE, default
 * ~/.cache/kehu-bench), or finds it there from an earlier run with the same sample version:
 * at 100k customers loading takes many minutes, more than a bench run should repeat. The load's
 * own measurements are kept with it (load.json). BENCH_HISTORY_FRESH=1 loads it again.
 */
async function loadedProfile(url, size, log, errors) {
  const cache = join(process.env.BENCH_CACHE ?? join(homedir(), '.cache', 'kehu-bench'), `history-${size}-${await sampleVersion()}-port${new URL(url).port}`);
  if (process.env.BENCH_HISTORY_FRESH !== '1') {
    const kept = await readFile(join(cache, 'load.json'), 'utf8').then(JSON.parse, () => null);
    if (kept) {
      log(`reusing the loaded profile ${cache} (loaded ${kept.loadedAt})`);
      return { cache, kept: { ...kept, reused: true } };
    }
  }
  await rm(cache, { recursive: true, force: true });
  await mkdir(cache, { recursive: true });
  const profile = join(cache, 'profile');
  const context = await launch(profile);
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`load: ${e.message}`));
    page.on('crash', () => errors.push('load: the page crashed'));
    log('loading the sample with its history…');
    const loadResult = await load(page, url, size, log);
    const heapAfterLoad = await heap(context, page);
    log(`heap after load: ${JSON.stringify(heapAfterLoad)}`);
    const storageUse = await storage(page);
    const kept = { loadedAt: new Date().toISOString(), machine: { cpus: cpus().length, loadAverage: round1(loadavg()[0]) }, load: loadResult, heapAfterLoad, storage: storageUse, reused: false };
    await context.close();
    // Written last: a load that failed halfway leaves no load.json, and the next run loads again.
    await writeFile(join(cache, 'load.json.tmp'), JSON.stringify(kept, null, 2));
    await rename(join(cache, 'load.json.tmp'), join(cache, 'load.json'));
    return { cache, kept };
  } catch (error) {
    await context.close().catch(() => {});
    throw error;
  }
}

/**
 * Issue 21: a customer with its history moved to Trash and restored from the Trash page, each
 * timed from the click to the toast that says it is saved (the command, its transaction and the
 * log write): the confirmation (what goes with it), the delete, the restore. The first run
 * includes whatever the app still has to read of the links between records.
 */
async function measureTrash(page, hash, log) {
  const runs = [];
  const clickUntil = async (button, until) => {
    const t0 = Date.now();
    await button.click();
    await until.waitFor({ timeout: 60_000 });
    return Date.now() - t0;
  };
  for (let i = 0; i < 3; i++) {
    await openTime(page, hash, () => document.querySelector('dl.figures dd') !== null);
    const name = (await page.locator('h1').first().textContent())?.trim() ?? '';
    const dialog = page.getByRole('dialog');
    const confirmMs = await clickUntil(page.locator('.page-header').getByRole('button', { name: 'Delete', exact: true }), dialog);
    const goesWith = (await dialog.textContent())?.replace(/\s+/g, ' ').trim() ?? '';
    const deleteMs = await clickUntil(dialog.getByRole('button', { name: 'Delete', exact: true }), page.getByRole('status').filter({ hasText: `“${name}” moved to Trash` }).first());
    await openTime(page, '#/trash', () => document.querySelector('li.trashed') !== null);
    const restoreMs = await clickUntil(page.getByRole('button', { name: `Restore ${name}`, exact: true }).first(), page.getByRole('status').filter({ hasText: `“${name}” restored` }).first());
    runs.push({ confirmMs, deleteMs, restoreMs });
    log(`trash ${i + 1}: ${JSON.stringify(runs.at(-1))} (${goesWith})`);
    await sleep(500);
  }
  return { runs };
}

async function benchSize(url, size) {
  const errors = [];
  const machine = { cpus: cpus().length, loadAverageAtStart: round1(loadavg()[0]) };
  const log = (msg) => console.error(`[history ${size}] ${msg}`);
  // A profile on disk, as a person's browser has: an in-memory one (a plain new context) gives
  // IndexedDB a small quota, and at 100k customers the read tables stopped at a third of the orders.
  const { cache, kept } = await loadedProfile(url, size, log, errors);
  const loadResult = { ...kept.load, reused: kept.reused, loadedAt: kept.loadedAt };
  const heapAfterLoad = kept.heapAfterLoad;
  const storageUse = kept.storage;
  // Each run starts from a copy, so what the restart writes (a compaction, device settings) never changes the cached one.
  const profile = await mkdtemp(join(tmpdir(), 'kehu-bench-history-'));
  await cp(join(cache, 'profile'), profile, { recursive: true });
  const context = await launch(profile);
  try {
    // A restart: the next day's first visit, with the document loaded from storage.
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`restart: ${e.message}`));
    const restartStart = Date.now();
    await page.goto(`${url}#/customers`);
    await page.waitForFunction(() => performance.getEntriesByName('kehu:doc-loaded').length > 0, null, { timeout: SETUP_TIMEOUT, polling: 100 });
    const docLoadedMs = await page.evaluate(() => Math.round(performance.getEntriesByName('kehu:doc-loaded')[0].startTime));
    const restartMs = Date.now() - restartStart;
    await sleep(3000);
    const heapAfterRestart = await heap(context, page);
    log(`restart: document loaded at ${docLoadedMs} ms; heap ${JSON.stringify(heapAfterRestart)}`);

    // Customers whose pages have the most to show: those of the latest orders.
    await openTime(page, '#/orders', ordersReady);
    const ids = await page.evaluate(() => [...new Set([...document.querySelectorAll('main ul.items > li a[href^="#/customers/"]')].map((a) => a.getAttribute('href')))]);
    const customerHashes = ids.slice(0, OPENS);
    const customerReady = (hash) => `() => location.hash === ${JSON.stringify(hash)} && !!document.querySelector('h1')?.textContent.trim() && document.querySelector('section.timeline ol.entries > li') !== null && document.querySelector('dl.figures dd') !== null`;
    const open = {
      customer: await measureOpens(page, 'customer page', customerHashes, customerReady, log),
      today: await measureOpens(page, 'Today', Array(OPENS).fill('#/today'), todayReady, log),
      orders: await measureOpens(page, 'Orders', Array(OPENS).fill('#/orders'), ordersReady, log),
    };
    const trash = await measureTrash(page, customerHashes[0], log).catch((error) => ({ failed: String(error?.message ?? error).split('\n')[0] }));
    machine.loadAverageAtEnd = round1(loadavg()[0]);
    return { size, machine, load: loadResult, heap: { afterLoad: heapAfterLoad, afterRestart: heapAfterRestart }, storage: storageUse, restart: { docLoadedMs, restartMs }, open, trash, errors };
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

/**
 * The app's origin must be the same at every run: IndexedDB belongs to an origin, and a cached
 * profile's workspace is found only on the port it was loaded from (BENCH_HISTORY_PORT, 4391 by
 * default; the bench runs in a network namespace of its own where it is free).
 */
const HISTORY_PORT = Number(process.env.BENCH_HISTORY_PORT ?? 4391);

export async function runHistoryBench(sizes) {
  // KEHU_DIST: bench another build than dist/ (as the e2e tests do).
  const server = createServer(process.env.KEHU_DIST ? { distDir: process.env.KEHU_DIST } : {});
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(HISTORY_PORT, '127.0.0.1', () => resolve(undefined));
  });
  const url = `http://localhost:${HISTORY_PORT}/`;
  try {
    const results = [];
    for (const size of sizes) {
      // Too much for the browser is a result too (the page crashes or runs out of time): report it.
      const started = Date.now();
      results.push(await benchSize(url, size).catch((error) => ({ size, failed: String(error?.message ?? error).split('\n')[0], afterMs: Date.now() - started })));
    }
    return results;
  } finally {
    await server.signalRelay?.close();
    server.close();
  }
}
