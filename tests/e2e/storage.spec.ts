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

test('Settings shows what uses space per store, and the saved list can be dropped and is rebuilt', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await expect(page.getByText('200 customers', { exact: true })).toBeVisible();
  await app.savedDurably();
  await app.goTo('Settings');
  await page.getByRole('button', { name: 'Measure what uses space' }).click();
  const usage = page.getByRole('table', { name: 'What uses space' });
  await expect(usage.getByRole('row', { name: /Change log/ })).toBeVisible();
  await expect(usage.getByRole('row', { name: /Lists and records/ }).getByRole('cell').first()).not.toHaveText('0');
  await page.getByRole('button', { name: 'Drop the saved list and search' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Space freed.' })).toBeVisible();
  await expect(usage.getByRole('row', { name: /Saved list and search/ })).toContainText('0 B');
  await page.reload();
  await app.goTo('Customers');
  await expect(page.getByText('200 customers', { exact: true })).toBeVisible();
  await app.savedDurably();
});
