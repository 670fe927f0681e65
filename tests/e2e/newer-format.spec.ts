import { test, expect, type Page } from '@playwright/test';
import type { KehuTestHooks } from '../../src/app/test-hooks';
import { KehuApp } from './support/kehu-app';

type WithHooks = Window & { __kehuTest: KehuTestHooks };

const hooks = (page: Page) => ({
  setMeta: (key: string, value: unknown) => page.evaluate(([k, v]) => (window as unknown as WithHooks).__kehuTest.setMeta(k as string, v), [key, value] as const),
  putEntries: (name: 'orders', records: Record<string, unknown>[]) => page.evaluate(([n, r]) => (window as unknown as WithHooks).__kehuTest.putEntries(n, r), [name, records] as const),
});

test('a workspace saved by a newer version of Kehu opens read-only and says to update the app', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await app.createCustomer({ name: 'Ada Lovelace' });
  const banner = page.getByRole('alert').filter({ hasText: 'This workspace was saved by a newer version of Kehu — update the app' });
  await expect(banner).toBeHidden();

  // What a newer app writes when its layout changes (a test build writes it into the document directly).
  await hooks(page).setMeta('schemaVersion', 99);
  await expect(banner).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Export data' })).toBeVisible();

  // From the stored log on: after a reload, before anything else arrives.
  await page.reload();
  await expect(banner).toBeVisible();
  await app.goTo('Customers');
  await expect(app.customerLink('Ada Lovelace')).toBeVisible();

  // Nothing is written: a new customer is refused and the list stays as it was.
  await page.getByRole('button', { name: 'New customer' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Grace Hopper');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('A newer version of Kehu saved this workspace: it is read-only until you update the app. Nothing was changed.')).toBeVisible();
  await app.goTo('Customers');
  await expect(app.customerLink('Ada Lovelace')).toBeVisible();
  await expect(app.customerLink('Grace Hopper')).toHaveCount(0);
});

test('records of a newer version are read-only by kind, and listed as data problems', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await app.createCustomer({ name: 'Ada Lovelace' });
  await hooks(page).putEntries('orders', [{ v: 5, customerId: 'x', newShape: { lines: 2 } }]);
  const banner = page.getByRole('alert').filter({ hasText: 'Some records were saved by a newer version of Kehu — update the app' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Until Kehu is updated, these can be viewed but not changed: Order.');
  // Customers are another kind: they are still saved.
  await app.createCustomer({ name: 'Grace Hopper' });

  // The order itself is kept as it is, not shown, and listed with its reason.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Data problems/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Data problems' })).toBeVisible();
  await expect(page.getByText('This record was saved by a newer version of Kehu: update the app to see it.', { exact: false })).toHaveCount(1);
});
