import { test, expect, chromium, type Browser } from '@playwright/test';
import { chromiumArgs } from '../../../playwright.config';
import { SyncPeer, RelayGate } from '../support/sync-peers';
import { startInternet, canBuildTopology, SITES } from './support/topology.mjs';

/**
 * Two teammates in two sites, each behind its own NAT router, and an "internet" with the app
 * (https), the relay (wss) and coturn (tests/e2e/nat/README.md). One topology for the whole file:
 * the tests run in order and share it.
 */
test.describe.configure({ mode: 'serial' });

const problem = canBuildTopology();
test.skip(problem !== null, `the NAT topology ${problem}`);

let net: Awaited<ReturnType<typeof startInternet>>;
const browsers: Browser[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  net = await startInternet({ prefix: 'nts', distDir: process.env.KEHU_DIST ?? 'dist-e2e' });
});

// Playwright reads a hook's fixtures from an object pattern, even an empty one.
// eslint-disable-next-line no-empty-pattern
test.afterAll(async ({}, testInfo) => {
  for (const b of browsers) await b.close().catch(() => {});
  if (net) {
    if (testInfo.errors.length) console.log(net.logs());
    await net.close();
  }
});

// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, testInfo) => {
  if (net && testInfo.status !== testInfo.expectedStatus) {
    const logs = net.logs();
    await testInfo.attach('app server log', { body: logs.appServer || '(empty)', contentType: 'text/plain' });
    await testInfo.attach('turnserver log', { body: logs.turnserver || '(empty)', contentType: 'text/plain' });
  }
});

/**
 * Counts the page's peer connections: the app gives up on a connection that does not open within
 * its connect timeout and makes a new one, so a second connection is the explicit signal that the
 * first attempt between the sites was made and failed (no waiting for something not to happen).
 */
function watchPeerConnections() {
  const Native = window.RTCPeerConnection;
  const seen = { made: 0, connected: 0 };
  class Watched extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      seen.made++;
      this.addEventListener('iceconnectionstatechange', () => {
        if (this.iceConnectionState === 'connected') seen.connected++;
      });
    }
  }
  window.RTCPeerConnection = Watched;
  Object.defineProperty(window, '__kehuPeerConnections', { value: seen });
}

const peerConnections = (peer: SyncPeer) => peer.page.evaluate(() => (window as unknown as { __kehuPeerConnections: { made: number; connected: number } }).__kehuPeerConnections);

async function device(site: 1 | 2, label: string): Promise<SyncPeer> {
  const browser = await chromium.launch({ executablePath: net.chromiumIn(site), args: [...chromiumArgs, ...net.trustArgs] });
  browsers.push(browser);
  const context = await browser.newContext({ baseURL: net.appUrl, locale: 'en-US', timezoneId: 'UTC', serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
  await context.addInitScript(watchPeerConnections);
  return new SyncPeer(label, context, await context.newPage(), new RelayGate(false));
}

test('the topology: both sites reach the internet through their NAT, not each other', async () => {
  for (const site of SITES) {
    const lan = site.n === 1 ? net.ns.lan1 : net.ns.lan2;
    const page = net.curl(lan, net.appUrl);
    expect(page.out, `site ${site.n} fetches the app over https`).toContain('<!doctype html>');
    // The server sees the router's public address, not the LAN one: the router masquerades.
    expect(net.curl(lan, `${net.appUrl}__remote-address`).out).toBe(site.wan);
  }
  // A web server in site 2's LAN answers its own LAN, and site 1 cannot reach it: the internet
  // has no route to a private LAN, and site 2's router lets in only replies.
  const server = net.listen(net.ns.lan2, SITES[1]!.lan, 8080);
  try {
    await server.ready;
    expect(net.curl(net.ns.lan2, `http://${SITES[1]!.lan}:8080/`).out).toBe('site 2');
    const across = net.curl(net.ns.lan1, `http://${SITES[1]!.lan}:8080/`);
    expect(across.ok).toBe(false);
    expect(across.out).toContain('Failed to connect');
    // Nor through site 2's public address: nothing is forwarded in.
    expect(net.curl(net.ns.lan1, `http://${SITES[1]!.wan}:8080/`).ok).toBe(false);
  } finally {
    await server.stop();
  }
});

test('with no TURN server the sites cannot connect; with TURN they sync through the relay', async () => {
  test.setTimeout(240_000);
  const a = await device(1, 'A');
  await a.open();
  await a.createCustomer({ name: 'Harbor Logistics Ltd', company: true });
  const link = await a.inviteLink();

  const b = await device(2, 'B');
  await b.join(link, 'Li Na');
  // B found A through the relay and tried to connect; the attempt timed out and a new one began.
  await expect.poll(async () => (await peerConnections(b)).made, { timeout: 90_000 }).toBeGreaterThanOrEqual(2);
  expect((await peerConnections(b)).connected).toBe(0);
  await expect(b.customerLink('Harbor Logistics Ltd')).toHaveCount(0);
  await expect(b.customerCount(0)).toBeVisible();

  // The TURN server on each device (the way the app allows today: a device preference).
  for (const peer of [a, b]) await setDeviceIceServers(peer, [net.turn]);
  await expect(b.customerLink('Harbor Logistics Ltd')).toBeVisible({ timeout: 90_000 });
  await a.createCustomer({ name: 'Zhang Wei' });
  await expect(b.customerLink('Zhang Wei')).toBeVisible({ timeout: 60_000 });
  await b.expectStatus('Up to date');
  expect((await peerConnections(b)).connected).toBeGreaterThan(0);
  // The relay carried it: coturn allocated and relayed data for them.
  expect(net.logs().turnserver).toMatch(/ALLOCATE processed, success/);
});

/** Interim, until the TURN server is a workspace setting with credentials in Settings → Connections. */
async function setDeviceIceServers(peer: SyncPeer, servers: RTCIceServer[]) {
  await peer.page.evaluate(async (servers) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('kehu-device');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const ids = await new Promise<string[]>((resolve) => {
      const r = db.transaction('workspaces').objectStore('workspaces').getAllKeys();
      r.onsuccess = () => resolve(r.result as string[]);
    });
    const tx = db.transaction('prefs', 'readwrite');
    for (const id of ids) tx.objectStore('prefs').put({ key: `iceServers:${id}`, value: servers });
    await new Promise((r) => (tx.oncomplete = r));
    db.close();
  }, servers);
  await peer.page.reload();
  await expect(peer.page.getByRole('heading', { level: 1 })).toBeVisible();
}
