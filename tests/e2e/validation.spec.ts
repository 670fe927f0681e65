import { test, expect } from '@playwright/test';
import { KehuApp } from './support/kehu-app';

test('an invalid email shows an error next to it and keeps everything typed', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await page.getByRole('button', { name: 'New customer' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Wang Fang');
  await page.getByLabel('Phone', { exact: true }).fill('12345');
  await page.getByLabel('Email', { exact: true }).fill('wang@@example');
  await page.getByLabel('Notes', { exact: true }).fill('Met at the fair');
  await page.getByRole('button', { name: 'Save', exact: true }).click();

  const email = page.getByLabel('Email', { exact: true });
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription('This is not a valid email address.');
  await expect(page.getByLabel('Phone', { exact: true })).toHaveAccessibleDescription(/not a valid phone number/);
  await expect(email).toHaveValue('wang@@example');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Wang Fang');
  await expect(page.getByLabel('Notes', { exact: true })).toHaveValue('Met at the fair');

  // Nothing was saved while invalid.
  await app.goTo('Customers');
  await expect(page.getByText('No customers yet')).toBeVisible();
});

test('a name that looks like HTML is shown as text and runs nothing', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const app = new KehuApp(page);
  await app.open();
  const name = '<img src=x onerror=alert(1)>';
  await app.createCustomer({ name, phone: '13800138000' });
  await app.goTo('Customers');
  await expect(app.customerLink(name)).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('a customer with no phone or email is saved but flagged', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await app.createCustomer({ name: 'Walk-in without details' });
  await expect(page.getByRole('note')).toHaveText(/no way to reach this customer/);
});
