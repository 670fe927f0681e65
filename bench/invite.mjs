// Invite bench (issue 22): from opening an invite link to "Up to date" with the 200 sample, two
// ways: direct (both browsers on this machine's loopback) and via TURN (two sites behind NAT and
// coturn, the topology of tests/e2e/nat/README.md). Run through `npm run bench` (BENCH_PARTS=invite).
import { loadavg, cpus } from 'node:os';
import { chromium } from '@playwright/test';
import { createServer } from '../server/index.js';
import { settled } from './sync.mjs';
import { startInternet, canBuildTopology } from '../tests/e2e/nat/support/topology.mjs';

const BASE_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const LOOPBACK_ARGS = ['--allow-loopback-in-peer-connection', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];
const SIZE = 200;

/**
 * @param {string} tag
 * @param {{ executablePath: string, args: string[], baseURL: string }} options
 */
async function device(tag, { executablePath, args, baseURL }) {
  const browser = await chromium.launch({ executablePath, args });
  const context = await browser.newContext({ baseURL, locale: 'en-GB', serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => void navigator.mediaDevices?.getUserMedia({ audio: true }).catch(() => {}));
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(tag, 'page error:', e.message));
  return { browser, page };
}

/**
 * The team's TURN server, added in Settings → Connections on the inviting device: it is saved in
 * the workspace and the invite link carries it, so the joining device needs no setup.
 * @param {import('@playwright/test').Page} page
 * @param {{ urls: string, username: string, credential: string }} turn
 */
async function addTurnServer(page, turn) {
  await page.goto('#/settings');
  const connections = page.getByRole('region', { name: 'Connections' });
  await connections.getByLabel('Server address').fill(turn.urls);
  await connections.getByLabel('Username', { exact: true }).fill(turn.username);
  await connections.getByLabel('Credential', { exact: true }).fill(turn.credential);
  await connections.getByRole('button', { name: 'Add server' }).click();
  await connections.getByText(turn.urls, { exact: true }).waitFor();
}

/**
 * A loads the sample and invites; B opens the link, types its name, joins. Measured in B's page
 * by a MutationObserver in place before the link opens (no polling delay): the first "Up to date"
 * in the status line, and the list first saying it holds all the customers.
 * @param {{ a: Awaited<ReturnType<typeof device>>, b: Awaited<ReturnType<typeof device>>, turn?: { urls: string, username: string, credential: string } }} peers
 */
async function inviteToUpToDate({ a, b, turn }) {
  const loadStart = Date.now();
  await a.page.goto('/');
  await a.page.getByLabel('Sample size').selectOption(String(SIZE));
  await a.page.getByRole('button', { name: 'Load sample data' }).click();
  await a.page.getByText(`${SIZE} customers`, { exact: true }).first().waitFor({ timeout: 120_000 });
  await a.page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor({ timeout: 120_000 });
  await settled(a.page);
  const loadMs = Date.now() - loadStart;
  if (turn) await addTurnServer(a.page, turn);
  await a.page.goto('#/team');
  await a.page.getByRole('button', { name: 'Invite' }).click();
  const link = await a.page.getByLabel('Invite link').inputValue();

  // The link is opened in a page that already runs the observer: a blank page of the app's origin
  // would be a load of its own, so the observer is installed by an init script instead.
  await b.page.context().addInitScript((allText) => {
    const seen = (globalThis.__seen = { opened: performance.timeOrigin });
    const observer = new MutationObserver(() => {
      const at = performance.timeOrigin + performance.now();
      if (!seen.doc && [...document.querySelectorAll('header a')].some((el) => el.textContent?.includes('Up to date'))) seen.doc = at;
      if (!seen.rows && [...document.querySelectorAll('p')].some((p) => p.textContent?.trim() === allText)) seen.rows = at;
      if (seen.doc && seen.rows) observer.disconnect();
    });
    const start = () => observer.observe(document.documentElement, { subtree: true, childList: true, characterData: true });
    if (document.documentElement) start();
    else document.addEventListener('readystatechange', start, { once: true });
  }, `${SIZE} customers`);
  await b.page.goto(link);
  await b.page.getByLabel('Your name').fill('Bench B');
  const joinAt = await b.page.evaluate(() => performance.timeOrigin + performance.now());
  await b.page.getByRole('button', { name: 'Join' }).click();
  const seen = await b.page
    .waitForFunction(() => globalThis.__seen?.doc && globalThis.__seen.rows && globalThis.__seen, null, { timeout: 300_000, polling: 500 })
    .then((h) => h.jsonValue());
  const route = await b.page
    .goto('#/team')
    .then(() => b.page.getByRole('region', { name: 'Teammates' }).getByRole('listitem').first().innerText({ timeout: 30_000 }))
    .catch(() => '');
  return {
    size: SIZE,
    loadMs,
    // From the navigation to the invite link (performance.timeOrigin of the page it opened).
    openToUpToDateMs: Math.round(seen.doc - seen.opened),
    openToAllRowsMs: Math.round(seen.rows - seen.opened),
    joinToUpToDateMs: Math.round(seen.doc - joinAt),
    route: /via TURN relay/.test(route) ? 'via TURN relay' : /direct/i.test(route) ? 'direct' : route.split('\n').join(' · ') || '?',
  };
}

/** Runs per path (fresh browsers each time); the table gives the median and every run. */
const RUNS = Math.max(1, Number(process.env.BENCH_INVITE_RUNS ?? 3));

/** @param {Record<string, number | string>[]} runs */
function summary(runs) {
  const median = (/** @type {string} */ key) => {
    const sorted = runs.map((r) => Number(r[key])).sort((x, y) => x - y);
    return sorted[Math.floor((sorted.length - 1) / 2)];
  };
  return {
    size: SIZE,
    median: { openToUpToDateMs: median('openToUpToDateMs'), openToAllRowsMs: median('openToAllRowsMs'), joinToUpToDateMs: median('joinToUpToDateMs') },
    routes: [...new Set(runs.map((r) => r.route))].join(', '),
    runs,
  };
}

async function direct() {
  // KEHU_DIST: another build (as for `npm start`); `npm run bench` builds dist/.
  const server = createServer(process.env.KEHU_DIST ? { distDir: process.env.KEHU_DIST } : {});
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const address = server.address();
  const baseURL = `http://localhost:${typeof address === 'object' && address ? address.port : 0}/`;
  const options = { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...BASE_ARGS, ...LOOPBACK_ARGS], baseURL };
  try {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const a = await device('A', options);
      const b = await device('B', options);
      try {
        runs.push(await inviteToUpToDate({ a, b }));
      } finally {
        await a.browser.close();
        await b.browser.close();
      }
    }
    return { path: 'direct (loopback)', ...summary(runs) };
  } finally {
    await server.signalRelay?.close();
    server.close();
  }
}

async function viaTurn() {
  const problem = canBuildTopology();
  if (problem) return { path: 'via TURN (two sites behind NAT)', skipped: `the NAT topology ${problem}` };
  const net = await startInternet({ prefix: 'ntb', distDir: process.env.KEHU_DIST ?? 'dist' });
  try {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const a = await device('A', { executablePath: net.chromiumIn(1), args: [...BASE_ARGS, ...net.trustArgs], baseURL: net.appUrl });
      const b = await device('B', { executablePath: net.chromiumIn(2), args: [...BASE_ARGS, ...net.trustArgs], baseURL: net.appUrl });
      try {
        runs.push(await inviteToUpToDate({ a, b, turn: net.turn }));
      } finally {
        await a.browser.close();
        await b.browser.close();
      }
    }
    const turnLog = net.logs().turnserver;
    return { path: 'via TURN (two sites behind NAT)', ...summary(runs), turnAllocations: (turnLog.match(/ALLOCATE processed, success/g) ?? []).length };
  } finally {
    await net.close();
  }
}

export async function runInviteBench() {
  // 2 cores shared with other work: the load average says how far apart two runs may be.
  const load = () => Math.round(loadavg()[0] * 10) / 10;
  const results = [];
  for (const path of [direct, viaTurn]) {
    const loadAtStart = load();
    const result = await path();
    results.push({ ...result, machine: { cpus: cpus().length, loadAverageAtStart: loadAtStart, loadAverageAtEnd: load() } });
  }
  return results;
}
