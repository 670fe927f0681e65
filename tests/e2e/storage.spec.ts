import { test, expect } from '@playwright/test';
import { KehuApp } from './support/kehu-app';

test('compacting storage (in a worker) keeps every customer across a reload', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await expect(page.getByText('200 customers', { exact: true })).toBeVisible();
  await app.createCustomer({ name: 'After The Sample', email: 'after@example.com' });
  await app.goTo('Settings');
  await page.getByRole('button', { name: 'Compact storage now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Storage compacted' })).toBeVisible();
  await page.reload();
  await app.goTo('Customers');
  await expect(page.getByText('201 customers', { exact: true })).toBeVisible();
  await page.goto('/#/customers');
  await page.getByRole('button', { name: /^Updated/ }).click();
  await expect(app.customerLink('After The Sample')).toBeVisible();
});
