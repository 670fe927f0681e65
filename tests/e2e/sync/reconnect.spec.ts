import { test, expect } from '../support/sync-peers';
import { teamOfTwo } from './support/team';

test('after losing the relay, a device catches up and keeps receiving edits', async ({ peers }) => {
  const { a, b } = await teamOfTwo(peers);
  await b.expectStatus('Up to date');

  await b.goOffline();
  await a.expectStatus('Looking for teammates');
  await a.createCustomer({ name: 'Added While Apart', email: 'apart@example.com' });
  await b.openCustomers();
  await expect(b.customerCount(1)).toBeVisible();

  // The relay comes back: B finds A again by itself (no reload) and catches up...
  await b.goOnline();
  await expect(b.customerLink('Added While Apart')).toBeVisible();
  await b.expectStatus('Up to date');
  // ...and live edits flow again.
  await a.editCustomer('Harbor Logistics Ltd', { notes: 'Second warehouse in Ningbo' });
  await b.openCustomer('Harbor Logistics Ltd');
  await expect(b.details.getByText('Second warehouse in Ningbo')).toBeVisible();
});

test('after the network drops and returns, the device catches up and keeps receiving edits', async ({ peers }) => {
  const { a, b } = await teamOfTwo(peers);
  await b.expectStatus('Up to date');

  await b.loseNetwork();
  await a.expectStatus('Looking for teammates');
  await a.createCustomer({ name: 'Added While Offline', phone: '13800138002' });
  await b.openCustomers();
  await expect(b.customerCount(1)).toBeVisible();

  // The browser's "online" event: the app reconnects on its own.
  await b.regainNetwork();
  await expect(b.customerLink('Added While Offline')).toBeVisible();
  await b.expectStatus('Up to date');
  await a.expectStatus('Up to date');
  await a.editCustomer('Harbor Logistics Ltd', { notes: 'Pays on delivery' });
  await b.openCustomer('Harbor Logistics Ltd');
  await expect(b.details.getByText('Pays on delivery')).toBeVisible();
});
