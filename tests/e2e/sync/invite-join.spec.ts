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

test('a device in several workspaces switches between them, and opening an invite again adds no copy', async ({ peers }) => {
  const a = await peers.launch('A');
  await a.open();
  await a.goTo('Settings');
  await a.page.getByLabel('New workspace name').fill('Harbor Team');
  await a.page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(a.page.getByRole('banner')).toContainText('Harbor Team');
  await a.createCustomer({ name: 'Harbor Logistics Ltd', company: true });
  const link = await a.inviteLink();

  // B has a workspace of its own, with its own customer, before it joins A's.
  const b = await peers.launch('B');
  await b.open();
  await b.createCustomer({ name: 'Corner Tea Shop', company: true });
  await b.join(link, 'Li Na');
  await expect(b.customerLink('Harbor Logistics Ltd')).toBeVisible();
  await expect(b.customerLink('Corner Tea Shop')).toHaveCount(0);

  // The same invite again: nothing to join, only to open.
  await b.page.goto(link);
  await expect(b.page.getByText('This device already has “Harbor Team”.')).toBeVisible();
  await expect(b.page.getByRole('button', { name: 'Join' })).toHaveCount(0);
  await b.page.getByRole('button', { name: 'Open Harbor Team' }).click();
  await expect(b.customerLink('Harbor Logistics Ltd')).toBeVisible();

  await b.goTo('Settings');
  const workspaces = b.page.getByRole('region', { name: 'Workspaces on this device' });
  await expect(workspaces.getByRole('listitem')).toHaveCount(2);
  await expect(workspaces.getByRole('listitem').filter({ hasText: 'Harbor Team' })).toContainText('Open now');
  await workspaces.getByRole('button', { name: 'Open My workspace' }).click();
  await expect(b.customerLink('Corner Tea Shop')).toBeVisible();
  await expect(b.customerLink('Harbor Logistics Ltd')).toHaveCount(0);

  // Back in the team's workspace, it still syncs: A's next customer arrives.
  await b.goTo('Settings');
  await workspaces.getByRole('button', { name: 'Open Harbor Team' }).click();
  await a.createCustomer({ name: 'Zhang Wei', phone: '13800138001' });
  await expect(b.customerLink('Zhang Wei')).toBeVisible();
});

test('a device that joined while no teammate is online waits for the workspace, and is not offered sample data', async ({ peers }) => {
  const a = await peers.launch('A');
  await a.open();
  await a.createCustomer({ name: 'Harbor Logistics Ltd', company: true });
  const link = await a.inviteLink();
  await a.goOffline();

  const b = await peers.launch('B');
  await b.join(link, 'Li Na');
  const waiting = b.page.getByRole('status').filter({ hasText: 'Your teammates’ customers are on their way' });
  await expect(waiting).toBeVisible();
  await expect(b.page.getByRole('button', { name: 'Load sample data' })).toHaveCount(0);

  await a.goOnline();
  await expect(b.customerLink('Harbor Logistics Ltd')).toBeVisible();
  await expect(waiting).toHaveCount(0);
  await b.expectStatus('Up to date');
});

test('a workspace of a thousand customers reaches a new teammate whole, its large messages deflated in a worker', async ({ peers }) => {
  const a = await peers.launch('A');
  await a.open();
  await a.page.getByLabel('Sample size').selectOption('1000');
  await a.page.getByRole('button', { name: 'Load sample data' }).click();
  await expect(a.customerCount('1,000')).toBeVisible();
  const link = await a.inviteLink();

  const b = await peers.launch('B');
  await b.join(link, 'Li Na');
  // About a megabyte of pieces: several deflated messages, inflated in order on B.
  await expect(b.customerCount('1,000')).toBeVisible();
  await b.expectStatus('Up to date');
  const codecWorker = (p: typeof a.page) => p.workers().some((w) => w.url().includes('message-codec'));
  expect(codecWorker(a.page), 'A deflated in its codec worker').toBe(true);
  expect(codecWorker(b.page), 'B inflated in its codec worker').toBe(true);
  // Live edits still flow both ways after the large answer.
  await b.createCustomer({ name: 'Zhang Wei', phone: '13800138001' });
  await expect(a.customerLink('Zhang Wei')).toBeVisible();
});
