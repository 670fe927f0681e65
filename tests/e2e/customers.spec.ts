import { test, expect } from '@playwright/test';
import { KehuApp } from './support/kehu-app';

test('a company with a contact survives a reload', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await app.createCustomer({ name: 'Harbor Logistics Ltd', phone: '021 6123 4567', email: 'Hello@Harbor.example ', company: true });
  await app.addContact({ name: '李建国', jobTitle: '采购经理', phone: '138 0013 8000' });

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Harbor Logistics Ltd' })).toBeVisible();
  const contacts = page.getByRole('region', { name: /Contacts/ });
  await expect(contacts.getByText('李建国')).toBeVisible();
  await expect(contacts.getByText('采购经理')).toBeVisible();
  // Stored as E.164, shown in national format; the email was trimmed and lower-cased.
  await expect(contacts.getByRole('link', { name: '138 0013 8000' })).toHaveAttribute('href', 'tel:+8613800138000');
  await expect(page.getByRole('link', { name: 'hello@harbor.example' })).toBeVisible();

  await app.goTo('Customers');
  await expect(app.customerLink('Harbor Logistics Ltd')).toBeVisible();
  await expect(page.getByText('1 customer', { exact: true })).toBeVisible();
});

test('the list sorts by name, city, status and updated', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await app.createCustomer({ name: 'Zhang Wei', phone: '13800138001' });
  await app.createCustomer({ name: 'Anna Berg', email: 'anna@example.com' });
  await app.goTo('Customers');
  const names = page.getByRole('grid', { name: 'Customers' }).getByRole('link');
  await expect(names).toHaveText(['Anna Berg', 'Zhang Wei']);
  await page.getByRole('button', { name: /^Name/ }).click();
  await expect(names).toHaveText(['Zhang Wei', 'Anna Berg']);
  await expect(page).toHaveURL(/#\/customers\?dir=desc$/);
  await page.getByRole('button', { name: /^Updated/ }).click();
  await expect(names).toHaveText(['Anna Berg', 'Zhang Wei']);
});

test('sample data loads 200 customers, half of them Chinese', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await expect(page.getByText('200 customers', { exact: true })).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Customers' }).getByRole('link', { name: /[\u4e00-\u9fff]/ }).first()).toBeVisible();
});

test('while a large sample goes into the read tables, the status line says how much is left', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  // Every "Preparing records" text the page shows: it may last well under a second.
  await page.evaluate(() => {
    const seen: string[] = ((globalThis as { __backlog?: string[] }).__backlog = []);
    new MutationObserver(() => {
      for (const span of document.querySelectorAll('header span')) if (span.textContent?.startsWith('Preparing records')) seen.push(span.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByLabel('Sample size').selectOption('1000');
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await expect(page.getByText('1,000 customers', { exact: true })).toBeVisible();
  const seen = await page.evaluate(() => (globalThis as { __backlog?: string[] }).__backlog ?? []);
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.every((text) => /^Preparing records · [\d,]+ left$/.test(text))).toBe(true);
  await expect(page.getByText(/^Preparing records/)).toHaveCount(0);
});

for (const [locale, text] of [
  ['en-GB', { newCustomer: 'New customer', name: 'Name', save: 'Save', arriving: /has just arrived and is still being prepared/ }],
  ['zh-CN', { newCustomer: '新建客户', name: '姓名', save: '保存', arriving: /刚刚同步到本设备，资料仍在整理中/ }],
] as const) {
  test.describe(locale, () => {
    test.use({ locale });

    test(`a customer not yet in the read tables is shown as arriving, then appears (${locale})`, async ({ page }) => {
      const app = new KehuApp(page);
      await app.open();
      // After a reload the projection worker (which writes the read tables) starts with the
      // first change, and here it cannot until released.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(/projection\.worker[^/]*\.js$/, async (route) => {
        await held;
        await route.continue();
      });
      await page.reload();
      await page.getByRole('button', { name: text.newCustomer }).click();
      await page.getByLabel(text.name, { exact: true }).fill('Arriving Soon');
      await page.getByRole('button', { name: text.save, exact: true }).click();
      await expect(page.getByRole('status').filter({ hasText: text.arriving })).toBeVisible();
      release();
      await expect(page.getByRole('heading', { level: 1, name: 'Arriving Soon' })).toBeVisible();
      await expect(page.getByText(text.arriving)).toHaveCount(0);
    });
  });
}
