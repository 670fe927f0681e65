// List and search benchmark ("Instant search and lists at 100k customers"): cold start from a
// compacted workspace, search keystroke latency, opening a customer, edit → durable save, memory
// and storage. Run through `npm run bench` (or `BENCH_PARTS=lists node bench/run.mjs`).
import { cpus, loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { createServer } from '../server/index.js';
import { settled } from './sync.mjs';

export const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  // Only localhost resolves: the bench never reaches another address, even outside a network namespace.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost',
];
const MARKS = ['kehu:first-rows', 'kehu:doc-loaded', 'kehu:list-loaded'];
const SETUP_TIMEOUT = 900_000;
const COLD_RUNS = 3;
const OPENS = 10;
const EDITS = 20;

/**
 * What is typed, one key at a time; every query matches customers of the sample workspace
 * (src/domain/sample-data.ts, sample-names.ts).
 */
export const QUERIES = [
  { kind: 'Chinese company fragment', query: '金桥' },
  { kind: 'pinyin of a city', query: 'beijing' },
  { kind: 'spaced pinyin', query: 'bei jing' },
  { kind: 'pinyin initials', query: 'bjjq' },
  { kind: 'pinyin of a person', query: 'wangjianguo' },
  { kind: 'English prefix', query: 'blue' },
  { kind: 'typo', query: 'bluebrid' },
  { kind: 'phone, country code and spaces', query: '+86 138' },
  { kind: 'phone fragment', query: '555 01' },
  { kind: 'email fragment', query: 'hello@bluebird' },
  { kind: '1 character, Latin', query: 'm' },
  { kind: '1 character, Chinese', query: '王' },
];

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
const median = (values) => percentile(values, 50);
const round1 = (n) => (Number.isFinite(n) ? Math.round(n * 10) / 10 : n);
const mb = (bytes) => (Number.isFinite(bytes) ? Math.round((bytes / 1048576) * 10) / 10 : bytes);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));


function watchErrors(page, tag, errors) {
  page.on('pageerror', (e) => {
    errors.push(`${tag}: ${e.message}`);
    console.error(`[lists] ${tag} page error:`, e.message);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${tag} console: ${m.text()}`);
  });
}

/** The count line under the heading ("100,000 customers", "23 matching"). */
const countLine = (page) => page.locator('.page-header p[aria-live="polite"]');

async function setup(page, url, size) {
  const t = {};
  const start = Date.now();
  await page.goto(url);
  await page.getByLabel('Sample size').selectOption(String(size));
  await page.getByRole('button', { name: 'Load sample data' }).click();
  const formatted = new Intl.NumberFormat('en-GB').format(size);
  // The count paragraph, not the "100,000 customers" option of the sample-size select.
  await countLine(page).filter({ hasText: new RegExp(`^\\s*${formatted} customers\\s*$`) }).waitFor({ timeout: SETUP_TIMEOUT });
  t.listedMs = Date.now() - start;
  await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor({ timeout: SETUP_TIMEOUT });
  t.savedMs = Date.now() - start;
  t.readRows = await settled(page);
  t.loadMs = Date.now() - start;

  const compactStart = Date.now();
  await page.goto(`${url}#/settings`);
  const button = page.getByRole('button', { name: 'Compact storage now' });
  await button.click({ timeout: SETUP_TIMEOUT });
  // Done: a toast says so (or that it failed) and the button is back from "Compacting…".
  const done = page.getByText(/Storage compacted|Storage could not be compacted/).first();
  await done.waitFor({ timeout: SETUP_TIMEOUT });
  t.compacted = /Storage compacted/.test((await done.textContent()) ?? '');
  await button.waitFor({ timeout: SETUP_TIMEOUT });
  t.compactMs = Date.now() - compactStart;
  // Let background work (projection, automatic compaction) finish before the cold starts.
  await settled(page);
  await sleep(2000);
  t.totalMs = Date.now() - start;
  return t;
}

/**
 * Init script of a cold-start page: every long task, to find the longest during the start; and
 * the projected changes the page sends to the list worker (observed, not changed), to see whether
 * the read tables were rebuilt ("reset") and when the rebuild finished.
 */
function recordStart() {
  globalThis.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) globalThis.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const list = (globalThis.__listChanges = { reset: null, last: null, count: 0 });
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === 'change') {
      const now = performance.now();
      if (message.change?.kind === 'reset') list.reset ??= now;
      list.last = now;
      list.count++;
    }
    return post.call(this, message, ...rest);
  };
}

/** Waits until no projected change reached the list worker for `quietMs`; ms of the last one (page time). */
async function projectionQuiet(page, quietMs = 3000) {
  return page.evaluate(async (quietMs) => {
    const started = performance.now();
    for (;;) {
      const last = globalThis.__listChanges.last ?? 0;
      if (performance.now() - Math.max(last, started - quietMs) >= quietMs) return last;
      if (performance.now() - started > 900_000) return NaN;
      await new Promise((r) => setTimeout(r, 250));
    }
  }, quietMs);
}

async function coldStart(context, url, errors, run) {
  const page = await context.newPage();
  watchErrors(page, `cold start ${run}`, errors);
  await page.addInitScript(recordStart);
  await page.goto(`${url}#/customers`);
  await page.waitForFunction((names) => names.every((n) => performance.getEntriesByName(n).length > 0), MARKS, { timeout: 600_000, polling: 50 });
  // Long-task entries arrive after the task ends: give the last ones a moment.
  await sleep(1000);
  const longTasks = (from, to) =>
    page.evaluate(([from, to]) => {
      const during = globalThis.__longTasks.filter((t) => t.start >= from && t.start <= to);
      return { longest: Math.max(0, ...during.map((t) => t.duration)), count: during.length, total: during.reduce((s, t) => s + t.duration, 0) };
    }, [from, to]);
  const at = await page.evaluate((names) => Object.fromEntries(names.map((n) => [n, performance.getEntriesByName(n)[0].startTime])), MARKS);
  const end = Math.max(...Object.values(at));
  const start = await longTasks(0, end);
  const after = await longTasks(end + 0.001, Infinity);
  const result = {
    firstRowsMs: Math.round(at['kehu:first-rows']),
    docLoadedMs: Math.round(at['kehu:doc-loaded']),
    searchReadyMs: Math.round(at['kehu:list-loaded']),
    // 'saved': the list worker read back its saved state; 'tables': it read every table.
    listFrom: await page.evaluate(() => performance.getEntriesByName('kehu:list-loaded')[0].detail?.from ?? 'unknown'),
    listSteps: await page.evaluate(() => performance.getEntriesByName('kehu:list-loaded')[0].detail?.ms ?? null),
    longestTaskMs: Math.round(start.longest),
    longTasks: start.count,
    longTasksTotalMs: Math.round(start.total),
    longestTaskAfterStartMs: Math.round(after.longest),
  };
  // A rebuild of the read tables empties the list worker ("reset") and feeds it again: search is
  // complete only once that is over, whatever the marks say.
  const reset = await page.evaluate(() => globalThis.__listChanges.reset);
  result.rebuilt = reset !== null;
  if (result.rebuilt) {
    const last = await projectionQuiet(page);
    await sleep(1000);
    const during = await longTasks(0, last);
    Object.assign(result, {
      rebuildStartMs: Math.round(reset),
      rebuildDoneMs: Math.round(last),
      longestTaskUntilRebuiltMs: Math.round(during.longest),
    });
  }
  result.searchCompleteMs = Math.max(result.searchReadyMs, result.rebuildDoneMs ?? 0);
  if (result.listFrom === 'tables') {
    // The list saves its state right after reading every table; the next start should find it,
    // as it would after any session longer than this one.
    const saved = await page.waitForFunction(() => performance.getEntriesByName('kehu:list-saved')[0]?.detail ?? null, null, { timeout: 120_000, polling: 100 }).catch(() => null);
    result.listSavedMs = saved ? (await saved.jsonValue()).ms : null;
  }
  return { page, result };
}

/**
 * Sets the search box's value as one keystroke would; ms until the list rendered that result (null: not within 5 s).
 * An observer, not polling: a loop asking for the marks every millisecond would compete with the
 * page for its thread and fill its heap with entry lists.
 */
async function keystroke(page, value) {
  return page.getByLabel('Search customers').evaluate(
    (input, value) =>
      new Promise((resolve) => {
        const t0 = performance.now();
        const observer = new PerformanceObserver((list) => {
          const mark = list.getEntriesByName('kehu:list-rendered').find((m) => m.startTime > t0);
          if (!mark) return;
          clearTimeout(timeout);
          observer.disconnect();
          resolve(mark.startTime - t0);
        });
        const timeout = setTimeout(() => {
          observer.disconnect();
          resolve(null);
        }, 5000);
        observer.observe({ type: 'mark' });
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }),
    value,
  );
}

/** Waits until no list render happened for `quietMs` (late window fetches must not count for the next key). */
async function listQuiet(page, quietMs = 150) {
  await page.evaluate(async (quietMs) => {
    const last = () => performance.getEntriesByName('kehu:list-rendered').at(-1)?.startTime ?? 0;
    for (;;) {
      await new Promise((r) => setTimeout(r, 25));
      if (performance.now() - last() >= quietMs) return;
    }
  }, quietMs);
}

async function searchLatency(page) {
  await page.getByLabel('Search customers').waitFor();
  const kinds = [];
  for (const { kind, query } of QUERIES) {
    const latencies = [];
    let misses = 0;
    const keys = [...query];
    for (let i = 1; i <= keys.length; i++) {
      const ms = await keystroke(page, keys.slice(0, i).join(''));
      if (ms === null) misses++;
      else latencies.push(ms);
      await listQuiet(page);
    }
    const matches = (await countLine(page).textContent())?.trim() ?? '';
    await keystroke(page, '');
    await listQuiet(page);
    kinds.push({ kind, query, keystrokes: keys.length, misses, p50: round1(percentile(latencies, 50)), p95: round1(percentile(latencies, 95)), max: round1(Math.max(...latencies)), matches, latencies: latencies.map(round1) });
  }
  return kinds;
}

const grid = (page) => page.getByRole('grid', { name: 'Customers' });

async function openLatency(page) {
  const latencies = [];
  let misses = 0;
  for (let n = 0; n < OPENS; n++) {
    const link = grid(page).locator(`[role="row"][data-index="${n}"] a`);
    await link.waitFor();
    const ms = await link.evaluate(async (a) => {
      const name = a.textContent.trim();
      const shown = new Promise((resolve) => {
        const check = () => document.querySelector('h1')?.textContent.trim() === name;
        const observer = new MutationObserver(() => {
          if (!check()) return;
          observer.disconnect();
          resolve(performance.now());
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        setTimeout(() => (observer.disconnect(), resolve(null)), 5000);
      });
      const t0 = performance.now();
      a.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
      const at = await shown;
      return at === null ? null : at - t0;
    });
    if (ms === null) misses++;
    else latencies.push(ms);
    await page.evaluate(() => history.back());
    await page.waitForURL(/#\/customers(\?.*)?$/);
    await grid(page).waitFor();
  }
  return { opens: OPENS, misses, p50: round1(percentile(latencies, 50)), p95: round1(percentile(latencies, 95)), max: round1(Math.max(...latencies)), latencies: latencies.map(round1) };
}

async function editLatency(page, url) {
  const href = await grid(page).locator('[role="row"][data-index="0"] a').getAttribute('href');
  const editUrl = `${url}${href}/edit`;
  const latencies = [];
  let misses = 0;
  await page.goto(editUrl);
  for (let i = 0; i < EDITS; i++) {
    const notes = page.getByLabel('Notes', { exact: true });
    await notes.fill(`Bench note ${i} ${Date.now()}`);
    const ms = await page.evaluate(async () => {
      const status = document.querySelector('span.save[role="status"]');
      const form = document.querySelector('main form');
      const submit = form?.querySelector('button[type="submit"]');
      if (!status || !submit) return { error: `missing ${status ? 'submit button' : 'save status'}` };
      let sawSaving = false;
      const saved = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          const text = status.textContent.trim();
          if (text.startsWith('Saving')) sawSaving = true;
          else if (sawSaving && text === 'All changes saved') {
            observer.disconnect();
            resolve(performance.now());
          } else if (sawSaving && text.startsWith('Not saved')) {
            observer.disconnect();
            resolve(null);
          }
        });
        observer.observe(status, { subtree: true, childList: true, characterData: true });
        setTimeout(() => (observer.disconnect(), resolve(null)), 5000);
      });
      const t0 = performance.now();
      submit.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
      const at = await saved;
      return at === null ? null : at - t0;
    });
    if (ms && typeof ms === 'object') throw new Error(`edit bench: ${ms.error}`);
    if (ms === null) misses++;
    else latencies.push(ms);
    // Saving opens the customer page; then back to the form for the next edit.
    await page.waitForURL((u) => !u.hash.endsWith('/edit'), { timeout: 10_000 }).catch(() => {});
    await page.goto(editUrl);
  }
  return { edits: EDITS, misses, p50: round1(percentile(latencies, 50)), p95: round1(percentile(latencies, 95)), max: round1(Math.max(...latencies)), latencies: latencies.map(round1) };
}

/** Used JS heap of the page and of its workers (through CDP auto-attach), after a garbage collection. */
export async function heap(context, page) {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const pageHeap = await cdp.send('Runtime.getHeapUsage');
    const attached = [];
    const pending = new Map();
    let nextId = 1;
    cdp.on('Target.attachedToTarget', (e) => attached.push(e));
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const m = JSON.parse(e.message);
      pending.get(m.id)?.(m);
      pending.delete(m.id);
    });
    const workers = [];
    let note = '';
    try {
      await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
      await sleep(300);
      for (const a of attached.filter((a) => a.targetInfo.type === 'worker')) {
        const send = (method, params = {}) =>
          Promise.race([
            new Promise((resolve) => {
              const id = nextId++;
              pending.set(id, resolve);
              cdp.send('Target.sendMessageToTarget', { sessionId: a.sessionId, message: JSON.stringify({ id, method, params }) }).catch((e) => resolve({ error: { message: e.message } }));
            }),
            sleep(10_000).then(() => ({ error: { message: 'timeout' } })),
          ]);
        await send('HeapProfiler.collectGarbage');
        const usage = await send('Runtime.getHeapUsage');
        const name = a.targetInfo.url.split('/').pop().replace(/-[\w-]{8}\.js$/, '.js');
        if (usage.result) workers.push({ name, usedMB: mb(usage.result.usedSize), arrayBuffersMB: mb(usage.result.backingStorageSize) });
        else note += `${name}: ${usage.error?.message}; `;
      }
      await cdp.send('Target.setAutoAttach', { autoAttach: false, waitForDebuggerOnStart: false, flatten: false }).catch(() => {});
    } catch (error) {
      note = `worker heap not measured: ${error.message}`;
    }
    if (!workers.length && !note) note = 'no worker found';
    // usedSize: the V8 heap; backingStorageSize: ArrayBuffer memory outside it (typed-array indexes).
    const pageMB = mb(pageHeap.usedSize);
    const pageArrayBuffersMB = mb(pageHeap.backingStorageSize);
    const workersMB = round1(workers.reduce((s, w) => s + w.usedMB, 0));
    const workersArrayBuffersMB = round1(workers.reduce((s, w) => s + (w.arrayBuffersMB ?? 0), 0));
    return {
      pageMB, pageArrayBuffersMB, workers, workersMB, workersArrayBuffersMB,
      totalMB: round1(pageMB + workersMB), totalWithArrayBuffersMB: round1(pageMB + pageArrayBuffersMB + workersMB + workersArrayBuffersMB),
      ...(note ? { note } : {}),
    };
  } finally {
    await cdp.detach().catch(() => {});
  }
}

export async function storage(page) {
  const e = await page.evaluate(() => navigator.storage.estimate());
  return {
    usageMB: mb(e.usage),
    ...(e.usageDetails ? { usageDetailsMB: Object.fromEntries(Object.entries(e.usageDetails).map(([k, v]) => [k, mb(v)])) } : {}),
  };
}

async function benchSize(url, size) {
  const errors = [];
  // Other work on the machine slows every figure; the load average shows whether there was some.
  const machine = { cpus: cpus().length, loadAverageAtStart: round1(loadavg()[0]) };
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  try {
    const context = await browser.newContext({ locale: 'en-GB', serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
    let page = await context.newPage();
    watchErrors(page, 'setup', errors);
    const log = (msg) => console.error(`[lists ${size}] ${msg}`);
    log('setup: loading the sample…');
    const setupTimes = await setup(page, url, size);
    log(`setup done in ${setupTimes.totalMs} ms (load ${setupTimes.loadMs} ms, compaction ${setupTimes.compactMs} ms)`);

    const runs = [];
    for (let run = 1; run <= COLD_RUNS; run++) {
      await page.close();
      const cold = await coldStart(context, url, errors, run);
      page = cold.page;
      runs.push(cold.result);
      log(`cold start ${run}: ${JSON.stringify(cold.result)}`);
    }
    const coldStartResult = {
      runs,
      median: Object.fromEntries(
        ['firstRowsMs', 'docLoadedMs', 'searchReadyMs', 'searchCompleteMs', 'longestTaskMs', 'longTasks', 'longTasksTotalMs'].map((k) => [k, median(runs.map((r) => r[k]))]),
      ),
      rebuilds: runs.filter((r) => r.rebuilt).length,
    };
    const heapAfterLoad = await heap(context, page);
    log(`heap after load: ${JSON.stringify(heapAfterLoad)}`);
    const storageUse = await storage(page);

    // Measure on a complete list: no rebuild still feeding the worker, every customer counted.
    await projectionQuiet(page);
    await countLine(page).filter({ hasText: new RegExp(`^\\s*${new Intl.NumberFormat('en-GB').format(size)} customers\\s*$`) }).waitFor({ timeout: SETUP_TIMEOUT });
    const search = await searchLatency(page);
    log('search done');
    const open = await openLatency(page);
    log('open done');
    const edit = await editLatency(page, url);
    log('edit done');
    const heapAtEnd = await heap(context, page);
    machine.loadAverageAtEnd = round1(loadavg()[0]);
    return { size, machine, setup: setupTimes, coldStart: coldStartResult, search, open, edit, heap: { afterLoad: heapAfterLoad, atEnd: heapAtEnd }, storage: storageUse, errors };
  } finally {
    await browser.close();
  }
}

export async function runListBench(sizes) {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const address = server.address();
  const url = `http://localhost:${typeof address === 'object' && address ? address.port : 0}/`;
  try {
    const results = [];
    for (const size of sizes) results.push(await benchSize(url, size));
    return results;
  } finally {
    await server.signalRelay?.close();
    server.close();
  }
}
