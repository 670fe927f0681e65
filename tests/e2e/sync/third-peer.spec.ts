import type { SyncPeer } from '../support/sync-peers';
import { test, expect } from './support/second-relay';

/**
 * Devices that share no relay meet through a third device connected to both: B carries A's and C's
 * sealed offer and answer over its data channels (signalling through the mesh, issue 22,
 * docs/sync-protocol.md), so A and C connect directly and keep syncing when B is gone.
 *
 * Topology, set up as people would in Settings → Connections:
 *   A ── relay 1 (the webServer's /signal, the default) ── B ── relay 2 (a second relay) ── C
 * No relay can introduce A and C: A never uses relay 2, and C never reaches relay 1. Before issue
 * 22 they never connected, and this spec checked that their edits converged through B
 * (yjs/y-webrtc #3: every device forwards every update it applies to all of its peers); between two
 * browsers on one machine they now always connect directly, so that forwarding is no longer what
 * carries their edits here.
 *
 * B and C join while their relay is unreachable (a RelayGate that starts blocked), set their relays,
 * then go online: C as a teammate on another network would, B so that it too goes online only once.
 * Changing relays while connected is relay-change.spec.ts.
 */

const CUSTOMER = 'Harbor Logistics Ltd';

/**
 * Team page: how many teammates this device exchanges changes with, how many of them directly, and
 * who is online. A connection made to a device just before it rebuilt its provider (a relay change)
 * can linger unanswered, under load, until it times out (20 s, patches/y-webrtc+10.3.0.patch):
 * `settle` gives it that time.
 */
async function expectTeam(peer: SyncPeer, reached: { teammates: number; direct: number }, online: string[], settle = 20_000) {
  await peer.openTeam();
  let text = reached.teammates === 1 ? 'Connected to 1 teammate' : `Connected to ${reached.teammates} teammates`;
  if (reached.direct < reached.teammates) text += ` (${reached.direct} directly, the others through ${reached.direct === 1 ? 'that device' : 'those devices'})`;
  await expect(peer.page.getByText(text, { exact: true }), `${peer.label}: ${text}`).toBeVisible({ timeout: settle });
  const mates = peer.page.getByRole('region', { name: 'Teammates' });
  for (const name of online) {
    await expect(mates.getByRole('listitem').filter({ hasText: name }), `${peer.label} sees ${name} online`).toContainText('Online now');
  }
}

test('devices on different relays meet through a third device and stay connected without it', async ({ peers, secondRelay, defaultRelay }) => {
  test.setTimeout(180_000);
  const relay1 = defaultRelay;
  const relay2 = secondRelay.url;

  // A creates the workspace; its only relay is the default one, relay 1.
  const a = await peers.launch('A');
  await a.open();
  await a.goTo('Settings');
  await a.page.getByLabel('Your display name').fill('Zhao Lei');
  await a.page.getByRole('button', { name: 'Save name' }).click();
  // Saved before the workspace is created, so that A's member in it gets this name.
  await expect(a.page.getByRole('status').filter({ hasText: 'Settings saved' })).toBeVisible();
  await a.page.getByLabel('New workspace name').fill('Harbor Team');
  await a.page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(a.page.getByRole('banner')).toContainText('Harbor Team');
  await a.openConnections();
  await expect(a.connections.getByText(relay1, { exact: true })).toBeVisible();
  await expect(a.connections.getByText(relay2, { exact: true })).toHaveCount(0);
  const link = await a.inviteLink();

  // B joins, then adds relay 2 to relay 1 (its default) before it goes online: B meets both A and C.
  const b = await peers.launch('B', { relay: 'blocked' });
  await b.join(link, 'Li Na');
  await b.addRelay(relay2);
  await expect(b.connections.getByText(relay1, { exact: true })).toBeVisible();
  await b.goOnline();
  await expect(b.page.getByRole('banner')).toContainText('Harbor Team');
  await b.expectStatus('Up to date');

  // C cannot reach relay 1: it joins alone and uses relay 2 instead.
  const c = await peers.launch('C', { relay: 'blocked' });
  await c.join(link, 'Wang Fang');
  await c.expectStatus('Looking for teammates');
  await c.addRelay(relay2);
  await c.removeRelay(relay1);
  await c.goOnline();
  // The workspace's name arrives from A, through B.
  await expect(c.page.getByRole('banner')).toContainText('Harbor Team');
  for (const peer of [a, b, c]) await peer.expectStatus('Up to date');

  // Everyone sees everyone online, and A and C, introduced by B's mesh signalling, are connected directly.
  const everyone = { teammates: 2, direct: 2 };
  await expectTeam(b, everyone, ['Zhao Lei', 'Wang Fang'], 60_000);
  await expectTeam(a, everyone, ['Li Na', 'Wang Fang'], 60_000);
  await expectTeam(c, everyone, ['Li Na', 'Zhao Lei'], 60_000);

  // A's new customer reaches C; C's edit reaches A.
  await a.createCustomer({ name: CUSTOMER, email: 'orders@harbor.example', company: true });
  await c.openCustomers();
  await expect(c.customerLink(CUSTOMER)).toBeVisible();
  await c.editCustomer(CUSTOMER, { notes: 'Prefers WeChat over phone calls' });
  await a.openCustomer(CUSTOMER);
  await expect(a.details.getByText('Prefers WeChat over phone calls')).toBeVisible();
  await expectTeam(a, everyone, ['Wang Fang']);

  // B goes away: A and C stay connected to each other, and each edits a different field.
  await b.goOffline();
  await a.editCustomer(CUSTOMER, { email: 'ningbo@harbor.example' });
  await c.editCustomer(CUSTOMER, { notes: 'Second warehouse in Ningbo' });
  // Each has the other's edit, over their direct connection.
  await c.openCustomer(CUSTOMER);
  await expect(c.details.getByRole('link', { name: 'ningbo@harbor.example' })).toBeVisible();
  await a.openCustomer(CUSTOMER);
  await expect(a.details.getByText('Second warehouse in Ningbo')).toBeVisible();

  // B comes back: all three end with both edits.
  await b.goOnline();
  for (const peer of [a, b, c]) await peer.expectStatus('Up to date');
  for (const peer of [a, b, c]) {
    await peer.openCustomer(CUSTOMER);
    await expect(peer.details.getByRole('link', { name: 'ningbo@harbor.example' }), `${peer.label} has A's email`).toBeVisible();
    await expect(peer.details.getByText('Second warehouse in Ningbo'), `${peer.label} has C's notes`).toBeVisible();
    await expect(peer.page.getByRole('region', { name: 'Edited on two devices while offline' })).toHaveCount(0);
  }
  await expectTeam(a, everyone, ['Li Na', 'Wang Fang']);
  await expectTeam(c, everyone, ['Li Na', 'Zhao Lei']);

  // Over the whole test, A only ever reached relay 1 and C only relay 2: no relay introduced them.
  expect([...a.relay.reached], 'relays A reached').toEqual([relay1]);
  expect([...c.relay.reached], 'relays C reached').toEqual([relay2]);
  expect([...b.relay.reached].sort(), 'relays B reached').toEqual([relay1, relay2].sort());
  // Conflict detection worked on the joining devices (it once threw on their first sync: conflicts-joining.test.ts).
  for (const peer of [b, c]) expect(peer.log.filter((line) => line.includes('watchConflicts')), `${peer.label}'s console`).toEqual([]);
});
