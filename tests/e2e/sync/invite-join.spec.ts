import { test, expect } from '../support/sync-peers';

test('an invited teammate gets the workspace, and edits flow both ways', async ({ peers }) => {
  const a = await peers.launch('A', { clipboard: true });
  await a.open();
  await a.createCustomer({ name: 'Harbor Logistics Ltd', phone: '021 6123 4567', company: true });

  const link = await a.inviteLink();
  await a.page.getByRole('button', { name: 'Copy' }).click();
  await expect(a.page.getByRole('status').filter({ hasText: 'Invite link copied.' })).toBeVisible();
  expect(await a.page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  const b = await peers.launch('B');
  await b.join(link, 'Li Na');
  // What A had before B joined arrives...
  await expect(b.customerLink('Harbor Logistics Ltd')).toBeVisible();
  // ...and so does what A adds afterwards.
  await a.createCustomer({ name: 'Zhang Wei', phone: '13800138001' });
  await expect(b.customerLink('Zhang Wei')).toBeVisible();
  await expect(b.customerCount(2)).toBeVisible();

  // An edit on B reaches A.
  await b.editCustomer('Harbor Logistics Ltd', { notes: 'Prefers WeChat over phone calls' });
  await a.openCustomer('Harbor Logistics Ltd');
  await expect(a.details.getByText('Prefers WeChat over phone calls')).toBeVisible();

  await a.expectStatus('Up to date');
  await b.expectStatus('Up to date');

  await a.openTeam();
  const li = a.page.getByRole('region', { name: 'Teammates' }).getByRole('listitem').filter({ hasText: 'Li Na' });
  await expect(li).toContainText('Online now');
  await expect(li).toContainText('Has all your changes');
  await expect(a.page.getByText('Connected to 1 teammate', { exact: true })).toBeVisible();
});
