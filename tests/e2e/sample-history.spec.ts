import { test, expect } from '@playwright/test';
import { KehuApp } from './support/kehu-app';
import { PINNED_TIME_ZONE, pinClock } from './support/pinned-clock';

test.use({ timezoneId: PINNED_TIME_ZONE });
test.beforeEach(({ page }) => pinClock(page));

// Issue 21: after loading the sample, every page has something real to show.
test('the 200 sample comes with a history: Today has things to do, Orders, Refunds and Complaints have rows', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await expect(page.getByText('200 customers', { exact: true })).toBeVisible();
  await app.savedDurably();

  await page.goto('/#/today');
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  for (const group of ['Overdue', 'Today', 'Coming up']) await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^${group}\\s+\\d+$`) })).toBeVisible();
  await expect(page.getByText(/Nothing to do/)).toHaveCount(0);

  for (const [hash, list] of [['#/orders', 'Orders'], ['#/refunds', 'Refunds and returns'], ['#/complaints', 'Complaints']] as const) {
    await page.goto(`/${hash}`);
    await expect(page.getByRole('list', { name: list, exact: true }).getByRole('listitem').first()).toBeVisible();
  }
});
