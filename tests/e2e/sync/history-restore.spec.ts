import { test, expect } from '../support/sync-peers';
import type { KehuTestHooks } from '../../../src/app/test-hooks';

type WithHooks = Window & { __kehuTest: KehuTestHooks };

test('a mass delete from a teammate is flagged on the status line and restored from the workspace history in a few clicks', async ({ peers }) => {
  const a = await peers.launch('A');
  await a.open();
  await a.page.getByRole('button', { name: 'Load sample data' }).click();
  await expect(a.customerCount(200)).toBeVisible();
  const link = await a.inviteLink();

  const b = await peers.launch('B');
  await b.join(link, 'Li Na');
  await expect(b.customerCount(200)).toBeVisible();
  await a.expectStatus('Up to date');
  await b.expectStatus('Up to date');

  // B's device empties the customers collection itself (not a soft delete: nothing goes to the Trash).
  expect(await b.page.evaluate(() => (window as unknown as WithHooks).__kehuTest.removeAll('customers'))).toBe(200);
  await a.openCustomers();
  await expect(a.customerCount(0)).toBeVisible();

  const flag = a.page.getByRole('banner').getByRole('alert');
  await expect(flag).toContainText('removed 200 records at once');
  await expect(flag).toContainText('Li Na');
  await flag.getByRole('link', { name: 'Review' }).click();

  await expect(a.page.getByRole('heading', { level: 1, name: 'Workspace history' })).toBeVisible();
  const review = a.page.getByRole('region', { name: /^Before the change of/ });
  await expect(review.getByText('Missing now').first()).toBeVisible();
  await review.getByRole('button', { name: /^Restore 200 records as they were at / }).click();
  await expect(a.page.getByRole('status').filter({ hasText: '200 records restored' })).toBeVisible();
  await expect(flag).toHaveCount(0);

  await a.openCustomers();
  await expect(a.customerCount(200)).toBeVisible();
  // The restore is one change like any other: it reaches B.
  await b.openCustomers();
  await expect(b.customerCount(200)).toBeVisible();
  await a.expectStatus('Up to date');
});
