import { test, expect, type Page } from '@playwright/test';
import { KehuApp } from './support/kehu-app';
import { PINNED_TIME_ZONE, pageDate, pinClock } from './support/pinned-clock';

// Issue 21, "Figures and lists that say something untrue": what a figure, a list or Today says
// is what the records say. Due dates are relative to the pinned clock, so any day gives the same.
test.use({ timezoneId: PINNED_TIME_ZONE });
test.beforeEach(({ page }) => pinClock(page));

const figures = (page: Page) => page.getByRole('region', { name: 'Key figures' });
const timeline = (page: Page) => page.getByRole('region', { name: 'Timeline' });

async function createOrder(app: KehuApp, item: string, price: string, status: 'Pending' | 'Paid') {
  const { page } = app;
  await page.getByRole('button', { name: 'New order' }).click();
  const form = page.getByRole('form', { name: 'New order' });
  const line = form.getByRole('group', { name: 'Item 1' });
  await line.getByLabel('Item', { exact: true }).fill(item);
  await line.getByLabel('Unit price').fill(price);
  await form.getByLabel('Status').selectOption({ label: status });
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form).toBeHidden();
  await app.savedDurably();
  await expect(timeline(page).getByRole('article', { name: `Order CN¥${price}.00` })).toBeVisible();
}

test('total spent and the average order count only paid orders; the refund form starts on the paid one', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await app.createCustomer({ name: 'Gao Lan', phone: '13800138021' });
  await createOrder(app, 'Tea set', '100', 'Paid');
  // Newer, and not paid: it used to be in Total spent and the refund form's first choice.
  await createOrder(app, 'Teapot', '500', 'Pending');

  await expect(figures(page)).toContainText(/Total spent\s*CN¥100\.00/);
  await expect(figures(page)).toContainText(/Average order\s*CN¥100\.00/);
  await expect(figures(page)).toContainText(/Orders\s*2/);
  await expect(figures(page)).toContainText(/Not paid yet\s*1/);

  await page.getByRole('button', { name: 'New refund' }).click();
  const form = page.getByRole('form', { name: 'New refund' });
  await expect(form.getByText('Still refundable: CN¥100.00')).toBeVisible();
  // The unpaid order is not offered at all.
  await expect(form.getByLabel('Order').getByRole('option')).toHaveCount(1);
  await expect(form.getByLabel('Order').getByRole('option')).toHaveText(/CN¥100\.00/);
});

test('a customer whose only order is not paid yet cannot be refunded, and the form says why', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await app.createCustomer({ name: 'Hu Jing', phone: '13800138022' });
  await createOrder(app, 'Teapot', '500', 'Pending');
  await expect(figures(page)).toContainText(/Total spent\s*—/);

  await page.getByRole('button', { name: 'New refund' }).click();
  const form = page.getByRole('form', { name: 'New refund' });
  await expect(form.getByText('None of this customer’s orders is paid yet: only a paid order can be refunded.')).toBeVisible();
  await expect(form.getByLabel('Amount')).toHaveCount(0);
});

test('choosing All customers after a saved view shows every customer again', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await expect(page.getByText('200 customers', { exact: true })).toBeVisible();

  const filtersButton = page.locator('summary').filter({ hasText: 'Filters' });
  await filtersButton.click();
  const filters = page.getByRole('group', { name: 'Filters' });
  await filters.getByLabel('Lead').check();
  await filters.getByLabel('Active', { exact: true }).check();
  await filters.getByLabel('Kind').selectOption({ label: 'Company' });
  await filtersButton.click();
  await expect(page.getByText(/^\d+ matching customers?$/)).toBeVisible();
  await expect(filtersButton).toHaveText(/^Filters\s*2$/);
  await page.getByRole('button', { name: 'Save view' }).click();
  await page.getByLabel('View name').fill('Companies to win');
  await page.getByRole('button', { name: 'Save this view' }).click();

  await page.goto('/#/customers');
  await expect(page.getByText('200 customers', { exact: true })).toBeVisible();
  await page.getByLabel('View').selectOption({ label: 'Companies to win' });
  await expect(page.getByText(/^\d+ matching customers?$/)).toBeVisible();
  await expect(page).toHaveURL(/status=/);

  await page.getByLabel('View').selectOption({ label: 'All customers' });
  await expect(page.getByText('200 customers', { exact: true })).toBeVisible();
  await expect(filtersButton).toHaveText(/^Filters$/);
  await expect(page).not.toHaveURL(/status=|kind=/);
  await page.reload();
  await expect(page.getByText('200 customers', { exact: true })).toBeVisible();
});

test('Today lists refunds due yesterday as overdue, today under Today and in two days under Coming up', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await app.createCustomer({ name: 'Xu Fang', phone: '13800138023' });
  await createOrder(app, 'Tea set', '100', 'Paid');
  for (const [days, amount] of [
    [-1, '10'],
    [0, '20'],
    [2, '30'],
  ] as const) {
    await page.getByRole('button', { name: 'New refund' }).click();
    const form = page.getByRole('form', { name: 'New refund' });
    await form.getByLabel('Amount').fill(amount);
    await form.getByLabel('Due by').fill(await pageDate(page, days));
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(form).toBeHidden();
    await app.savedDurably();
  }

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Today/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  const group = (name: string) => page.getByRole('region', { name: new RegExp(`^${name}\\b`) });
  // Today and Coming up first: those two were missing (the overdue one was listed as 'Refund past due').
  for (const name of ['Today', 'Coming up', 'Overdue']) {
    await expect(group(name).getByRole('link', { name: 'Refund due: Xu Fang', exact: true })).toHaveCount(1);
  }
});
