import { test, expect, type Page } from '@playwright/test';

/** The labels this journey uses, per language. */
const ui = {
  en: { customers: 'Customers', newCustomer: 'New customer', name: 'Name', street: 'Street', city: 'City', save: 'Save', edit: 'Edit', saved: 'All changes saved', title: 'Changed while you were editing' },
  'zh-CN': { customers: '客户', newCustomer: '新建客户', name: '姓名', street: '街道', city: '城市', save: '保存', edit: '编辑', saved: '所有更改已保存', title: '您编辑期间发生的修改' },
} as const;

for (const [locale, l] of Object.entries(ui)) {
  test.describe(locale, () => {
    test.use({ locale });

    test('two tabs edit one customer: the city saved in one and the street saved in the other are both kept, with a note naming the city', async ({ context, page }) => {
      const savedDurably = (p: Page) => expect(p.getByRole('status').filter({ hasText: l.saved })).toBeVisible();
      const name = 'Two Tab Customer';
      await page.goto('/');
      await page.getByRole('button', { name: l.newCustomer }).click();
      await page.getByLabel(l.name, { exact: true }).fill(name);
      await page.getByLabel(l.street, { exact: true }).fill('Old Street 1');
      await page.getByRole('button', { name: l.save, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
      await savedDurably(page);
      const customerUrl = page.url();

      // Both tabs open the edit form before either saves.
      const tabB = await context.newPage();
      await tabB.goto(customerUrl);
      await tabB.getByRole('link', { name: l.edit }).click();
      await expect(tabB.getByLabel(l.street, { exact: true })).toHaveValue('Old Street 1');
      await page.getByRole('link', { name: l.edit }).click();

      await page.getByLabel(l.city, { exact: true }).fill('Hangzhou');
      await page.getByRole('button', { name: l.save, exact: true }).click();
      await expect(page.getByText('Old Street 1, Hangzhou', { exact: true })).toBeVisible();
      await savedDurably(page);

      // The change crosses to the other tabs over BroadcastChannel as it is made, long before a
      // new tab has started and shows it.
      const watcher = await context.newPage();
      await watcher.goto(customerUrl);
      await expect(watcher.getByText('Old Street 1, Hangzhou', { exact: true })).toBeVisible();
      await watcher.close();

      // The second tab's form still shows the old city; it changes only the street.
      await expect(tabB.getByLabel(l.city, { exact: true })).toHaveValue('');
      await tabB.getByLabel(l.street, { exact: true }).fill('New Street 2');
      await tabB.getByRole('button', { name: l.save, exact: true }).click();
      await expect(tabB.getByRole('heading', { level: 1, name })).toBeVisible();
      await expect(tabB.getByText('New Street 2, Hangzhou', { exact: true })).toBeVisible();
      const note = tabB.getByRole('region', { name: l.title });
      await expect(note).toBeVisible();
      await expect(note.getByRole('listitem')).toHaveCount(1);
      await expect(note.getByRole('listitem')).toContainText(`${l.city}`);
      await expect(note.getByRole('listitem')).toContainText('Hangzhou');
      await savedDurably(tabB);

      // The first tab gets the street and keeps its city.
      await expect(page.getByText('New Street 2, Hangzhou', { exact: true })).toBeVisible();
    });
  });
}
