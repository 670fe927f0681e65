import { test, expect } from '@playwright/test';
import { KehuApp } from './support/kehu-app';

test('delete, then undo from the toast', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await app.createCustomer({ name: 'Grace Hughes', email: 'grace@example.com' });
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'moved to Trash' })).toBeVisible();
  await expect(app.customerLink('Grace Hughes')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(app.customerLink('Grace Hughes')).toBeVisible();
});

test('deleted customers wait in Trash to be restored or deleted forever', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  for (const name of ['Keep Me', 'Forget Me']) {
    await app.createCustomer({ name, phone: '13800138000' });
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await app.savedDurably();
  }
  await app.goTo('Trash');
  await page.getByRole('button', { name: 'Restore Keep Me' }).click();
  await page.getByRole('button', { name: 'Delete Forget Me forever' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete forever' }).click();
  await expect(page.getByText('Trash is empty.')).toBeVisible();
  await app.goTo('Customers');
  await expect(app.customerLink('Keep Me')).toBeVisible();
  await expect(app.customerLink('Forget Me')).toHaveCount(0);
});
