import { test, expect } from './support/second-relay';

/**
 * Settings → Connections changed while a device is connected: its sync connection restarts with
 * the new relays, and nothing typed on either side meanwhile is lost.
 */

const CUSTOMER = 'Harbor Logistics Ltd';

test('relays added and removed while connected: sync resumes through whichever relay both use', async ({ peers, secondRelay, defaultRelay }) => {
  test.setTimeout(150_000);
  const relay1 = defaultRelay;
  const relay2 = secondRelay.url;

  const a = await peers.launch('A');
  await a.open();
  await a.createCustomer({ name: CUSTOMER, email: 'orders@harbor.example', company: true });
  const b = await peers.launch('B');
  await b.join(await a.inviteLink(), 'Li Na');
  await expect(b.customerLink(CUSTOMER)).toBeVisible();
  await b.expectStatus('Up to date');

  // B adds a second relay: its connection to A restarts through relay 1, which both still use.
  await b.addRelay(relay2);
  await b.expectStatus('Up to date');
  await a.createCustomer({ name: 'Zhang Wei', phone: '13800138001' });
  await b.openCustomers();
  await expect(b.customerLink('Zhang Wei')).toBeVisible();
  await b.editCustomer(CUSTOMER, { notes: 'Prefers WeChat over phone calls' });
  await a.openCustomer(CUSTOMER);
  await expect(a.details.getByText('Prefers WeChat over phone calls')).toBeVisible();

  // B drops relay 1, the only one A uses: they can no longer find each other, and both go on working.
  await b.removeRelay(relay1);
  await b.expectStatus('Looking for teammates');
  await a.expectStatus('Looking for teammates');
  await a.editCustomer(CUSTOMER, { email: 'ningbo@harbor.example' });
  await b.editCustomer(CUSTOMER, { notes: 'Second warehouse in Ningbo' });
  await expect(b.details.getByRole('link', { name: 'orders@harbor.example' })).toBeVisible();

  // A adds relay 2 (say, B's laptop on the same network): they meet there and exchange both edits.
  await a.addRelay(relay2);
  for (const peer of [a, b]) await peer.expectStatus('Up to date');
  for (const peer of [a, b]) {
    await peer.openCustomer(CUSTOMER);
    await expect(peer.details.getByRole('link', { name: 'ningbo@harbor.example' }), `${peer.label} has A's email`).toBeVisible();
    await expect(peer.details.getByText('Second warehouse in Ningbo'), `${peer.label} has B's notes`).toBeVisible();
  }
  await b.openConnections();
  await expect(b.connections.getByText(relay1, { exact: true })).toHaveCount(0);
});
