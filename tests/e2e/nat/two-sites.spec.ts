import { test, expect, chromium, type Browser } from '@playwright/test';
import { chromiumArgs } from '../../../playwright.config';
import { SyncPeer, RelayGate } from '../support/sync-peers';
import { startInternet, canBuildTopology, SITES, INTERNET_IP } from './support/topology.mjs';

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

test.afterAll(async () => {
  for (const b of browsers) await b.close().catch(() => {});
  await net?.close();
});

// Playwright reads a hook's fixtures from an object pattern, even an empty one.
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
  // A server on the internet that answers with the address each request came from.
  const echo = net.listen(net.ns.inet, INTERNET_IP, 8081);
  // A web server in site 2's LAN.
  const site2 = net.listen(net.ns.lan2, SITES[1]!.lan, 8080, 'site 2');
  try {
    await echo.ready;
    await site2.ready;
    for (const site of SITES) {
      const lan = site.n === 1 ? net.ns.lan1 : net.ns.lan2;
      expect(net.curl(lan, net.appUrl).out, `site ${site.n} fetches the app over https`).toContain('<!doctype html>');
      // The internet sees the router's public address, not the LAN one: the router masquerades.
      expect(net.curl(lan, `http://${INTERNET_IP}:8081/`).out).toBe(site.wan);
    }
    // Site 2's server answers its own LAN, and site 1 cannot reach it: the internet has no route
    // to a private LAN (the refusal comes back at once, as an ICMP "unreachable").
    expect(net.curl(net.ns.lan2, `http://${SITES[1]!.lan}:8080/`).out).toBe('site 2');
    const across = net.curl(net.ns.lan1, `http://${SITES[1]!.lan}:8080/`);
    expect(across.ok).toBe(false);
    expect(across.out).toContain('Failed to connect');
    // Nor through site 2's public address: its router forwards nothing in.
    expect(net.curl(net.ns.lan1, `http://${SITES[1]!.wan}:8080/`).ok).toBe(false);
  } finally {
    await echo.stop();
    await site2.stop();
  }
});

/** Settings → Connections → the team's STUN/TURN servers: adds the test's coturn with its credentials. */
async function addTurnServer(peer: SyncPeer) {
  await peer.openConnections();
  await peer.connections.getByLabel('Server address').fill(net.turn.urls);
  await peer.connections.getByLabel('Username', { exact: true }).fill(net.turn.username);
  await peer.connections.getByLabel('Credential', { exact: true }).fill(net.turn.credential);
  await peer.connections.getByRole('button', { name: 'Add server' }).click();
  await expect(peer.connections.getByText(net.turn.urls, { exact: true })).toBeVisible();
}

async function checkConnection(peer: SyncPeer) {
  await peer.openConnections();
  await peer.connections.getByRole('button', { name: 'Check connection' }).click();
  const check = peer.connections.getByRole('region', { name: 'Connection check' });
  // Generous: gathering candidates is bounded at 8 s, and the machine is shared.
  await expect(check).toBeVisible({ timeout: 60_000 });
  await expect(check).toContainText('Secure connection (https): yes.');
  return check;
}

/**
 * A founds a workspace holding `customer` at site 1 and B (Li Na) joins it from site 2. The link is made
 * before any TURN server exists, so it brings B none, and with none they cannot connect: B found A
 * through the relay and they tried, the attempt timed out and a new one began, and B has nothing.
 */
async function apartAcrossSites(customer: string) {
  const a = await device(1, 'A');
  await a.open();
  await a.createCustomer({ name: customer, company: true });
  const link = await a.inviteLink();

  const b = await device(2, 'B');
  await b.join(link, 'Li Na');
  await expect.poll(async () => (await peerConnections(a)).made, { timeout: 90_000 }).toBeGreaterThanOrEqual(2);
  expect((await peerConnections(a)).connected).toBe(0);
  await expect(b.customerCount(0)).toBeVisible();
  return { a, b };
}

/** A's Team page says it reaches Li Na through the TURN relay. */
async function expectTeammateViaTurn(a: SyncPeer) {
  await a.openTeam();
  const mate = a.page.getByRole('region', { name: 'Teammates' }).getByRole('listitem').filter({ hasText: 'Li Na' });
  await expect(mate).toContainText(/via TURN relay since \d/, { timeout: 60_000 });
}

test('with no TURN the check says the teammate is unreachable; with the TURN server they sync through it', async () => {
  test.setTimeout(300_000);
  const { a, b } = await apartAcrossSites('Harbor Logistics Ltd');

  const before = await checkConnection(a);
  await expect(before).toContainText(/Network paths found: \d+ on this device \(host\), 0 seen from outside \(server reflexive\), 0 through a TURN relay/);
  await expect(before).toContainText('1 device seen on the relay could not be reached.');
  await expect(before).toContainText('Add a TURN server in Connections.');

  // The TURN server on both devices. (On one device only it cannot reach the other: see the fixme below.)
  await addTurnServer(a);
  await addTurnServer(b);
  await b.openCustomers();
  await expect(b.customerLink('Harbor Logistics Ltd')).toBeVisible({ timeout: 120_000 });
  await a.createCustomer({ name: 'Zhang Wei' });
  await expect(b.customerLink('Zhang Wei')).toBeVisible({ timeout: 60_000 });
  await b.expectStatus('Up to date');
  expect((await peerConnections(b)).connected).toBeGreaterThan(0);

  await expectTeammateViaTurn(a);
  const after = await checkConnection(a);
  await expect(after).toContainText(/Network paths found: \d+ on this device \(host\), [1-9]\d* seen from outside \(server reflexive\), [1-9]\d* through a TURN relay/);
  await expect(after).toContainText('Li Na: reached only through the TURN relay.', { timeout: 60_000 });
  // coturn allocated relayed addresses and passed their traffic.
  expect(net.logs().turnserver).toMatch(/ALLOCATE processed, success/);
});

/*
 * The acceptance flow of issue 22. The workspace reaches B only over a WebRTC connection, and with
 * a standard coturn that connection needs B to know the TURN server too (RFC 8656: A's allocation
 * drops B's packets, from an address it gave no permission for). A device with team settings sends
 * them inside its signalling (announce, offer, answer), encrypted with the room key; B, with none
 * of its own, uses what it heard until the workspace brings them (docs/sync-protocol.md).
 */
test('TURN added on one device only: the other gets it through the workspace and both sync via the TURN relay', async () => {
  test.setTimeout(300_000);
  // The previous test's devices are done; their peer connections would only load the machine.
  for (const browser of browsers.splice(0)) await browser.close().catch(() => {});
  const { a, b } = await apartAcrossSites('Pacific Trading Co');

  // On A only.
  await addTurnServer(a);
  await b.openCustomers();
  await expect(b.customerLink('Pacific Trading Co')).toBeVisible({ timeout: 120_000 });
  await a.createCustomer({ name: 'Chen Jie' });
  await expect(b.customerLink('Chen Jie')).toBeVisible({ timeout: 60_000 });
  await b.expectStatus('Up to date');

  // B has the TURN server as the team's setting, from the workspace now.
  await b.openConnections();
  await expect(b.connections.getByText(net.turn.urls, { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(b.connections.getByRole('note').filter({ hasText: 'Until the workspace arrives' })).toHaveCount(0, { timeout: 60_000 });

  await expectTeammateViaTurn(a);
  expect(net.logs().turnserver).toMatch(/ALLOCATE processed, success/);
});
