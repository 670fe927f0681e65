import { test, expect } from '../support/sync-peers';

test('two devices that never connect exchange changes through a file', async ({ peers }) => {
  // Neither device ever reaches the relay: the file is the only way anything gets across.
  const a = await peers.launch('A', { relay: 'blocked' });
  await a.open();
  await a.goTo('Settings');
  await a.page.getByLabel('New workspace name').fill('Harbor Team');
  await a.page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(a.page.getByRole('banner')).toContainText('Harbor Team');
  await a.createCustomer({ name: 'Harbor Logistics Ltd', phone: '021 6123 4567', company: true });
  await a.createCustomer({ name: 'Zhang Wei', email: 'zhang.wei@example.com' });
  const link = await a.inviteLink();
  const fromA = await a.exportChanges();
  expect(fromA.name).toMatch(/^Harbor Team-.*\.kehu$/);

  const b = await peers.launch('B', { relay: 'blocked' });
  await b.open();
  // A file of B's own first workspace, to import into the wrong one later.
  const fromOtherWorkspace = await b.exportChanges();
  await b.join(link, 'Li Na');
  await expect(b.customerCount(0)).toBeVisible();
  await b.expectStatus('Looking for teammates');
  // B holds no settings yet (no teammate reached): its export is named as it lists the workspace
  // (the invite's name), not "-2026-12-07-20-19.kehu".
  expect((await b.exportChanges()).name).toMatch(/^Harbor Team-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}\.kehu$/);

  // A file of another workspace, and a damaged one: a clear error, and nothing changes.
  await b.importChanges(fromOtherWorkspace);
  await expect(b.page.getByRole('alert')).toContainText('This file belongs to another workspace (My workspace)');
  const damaged = Buffer.from(fromA.buffer);
  damaged[damaged.length - 20]! ^= 0xff;
  await b.importChanges({ name: fromA.name, buffer: damaged });
  await expect(b.page.getByRole('alert')).toContainText('This changes file is damaged or was not made for this workspace. Nothing was changed.');
  await b.importChanges({ name: 'notes.kehu', buffer: Buffer.from('Buy milk\n') });
  await expect(b.page.getByRole('alert')).toContainText('This is not a Kehu changes file.');
  await b.openCustomers();
  await expect(b.customerCount(0)).toBeVisible();

  // A's file brings A's customers (and the workspace's name).
  await b.importChanges(fromA);
  await expect(b.page.getByRole('status').filter({ hasText: /Changes from Member \w+ were merged\./ })).toBeVisible();
  await expect(b.page.getByRole('alert')).toHaveCount(0);
  await b.openCustomers();
  await expect(b.customerCount(2)).toBeVisible();
  await expect(b.customerLink('Harbor Logistics Ltd')).toBeVisible();
  await expect(b.customerLink('Zhang Wei')).toBeVisible();
  await expect(b.page.getByRole('banner')).toContainText('Harbor Team');

  // And back: B's edit reaches A in B's file.
  await b.editCustomer('Zhang Wei', { notes: 'Met at the Canton Fair' });
  const fromB = await b.exportChanges();
  await a.importChanges(fromB);
  await expect(a.page.getByRole('status').filter({ hasText: 'Changes from Li Na were merged.' })).toBeVisible();
  await a.openCustomer('Zhang Wei');
  await expect(a.details.getByText('Met at the Canton Fair')).toBeVisible();
  await a.expectStatus('Looking for teammates');
});
