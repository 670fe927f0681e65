import { test, expect, type Locator } from '@playwright/test';
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
  // How many of each kind Trash holds, however many it shows (issue 21).
  await expect(page.getByRole('list', { name: 'Trash' }).getByText('Customer: 2')).toBeVisible();
  await page.getByRole('button', { name: 'Restore Keep Me' }).click();
  await page.getByRole('button', { name: 'Delete Forget Me forever' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete forever' }).click();
  await expect(page.getByText('Trash is empty.')).toBeVisible();
  await app.goTo('Customers');
  await expect(app.customerLink('Keep Me')).toBeVisible();
  await expect(app.customerLink('Forget Me')).toHaveCount(0);
});

/** A customer with one paid order of CN¥100.00, a refund of CN¥10.00 and a return of CN¥20.00, through the forms. */
/** A new customer with one order of CN¥100.00 (paid, or in the form's default status), saved; returns its timeline. */
async function customerWithOrder(app: KehuApp, name: string, phone: string, paid: boolean) {
  const { page } = app;
  await app.createCustomer({ name, phone });
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await page.getByRole('button', { name: 'New order' }).click();
  const order = page.getByRole('form', { name: 'New order' });
  const line = order.getByRole('group', { name: 'Item 1' });
  await line.getByLabel('Item', { exact: true }).fill('Longjing tea');
  await line.getByLabel('Quantity').fill('1');
  await line.getByLabel('Unit price').fill('100');
  if (paid) await order.getByLabel('Status').selectOption({ label: 'Paid' });
  await order.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(order).toBeHidden();
  await expect(timeline.getByRole('article', { name: 'Order CN¥100.00' })).toBeVisible();
  await app.savedDurably();
  return timeline;
}

async function orderWithRefundAndReturn(app: KehuApp, name: string) {
  const { page } = app;
  const timeline = await customerWithOrder(app, name, '13800138066', true);
  for (const [type, amount] of [['Refund', '10'], ['Return', '20']] as const) {
    await page.getByRole('button', { name: 'New refund' }).click();
    const form = page.getByRole('form', { name: 'New refund' });
    await form.getByLabel('Type', { exact: true }).selectOption({ label: type });
    await form.getByLabel('Amount', { exact: true }).fill(amount);
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(form).toBeHidden();
    await app.savedDurably();
  }
  return timeline;
}

/** Deletes the order from the timeline; the confirmation says what goes with it. */
async function deleteOrder(app: KehuApp, timeline: Locator) {
  await timeline.getByRole('article', { name: 'Order CN¥100.00' }).getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Delete this order?' });
  await expect(dialog).toContainText('with its 2 refunds and returns');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(timeline.getByRole('article', { name: 'Order CN¥100.00' })).toHaveCount(0);
  await app.savedDurably();
}

test('an order goes to Trash with its refund and return, after a confirmation, and comes back with them', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  const timeline = await orderWithRefundAndReturn(app, 'Order Keeper');
  await deleteOrder(app, timeline);
  await expect(timeline.getByRole('article', { name: /^(Refund|Return) / })).toHaveCount(0);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Refunds' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Refunds and returns' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Refunds and returns' }).getByRole('listitem')).toHaveCount(0);

  await app.goTo('Trash');
  const entry = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: /^Restore Order / }) });
  await expect(entry).toContainText('Order');
  await expect(entry).toContainText('CN¥100.00');
  await expect(entry).toContainText('of Order Keeper');
  const went = entry.getByRole('list').getByRole('listitem');
  await expect(went).toHaveCount(2);
  await expect(went.filter({ hasText: 'Refund' })).toContainText('CN¥10.00');
  await expect(went.filter({ hasText: 'Return' })).toContainText('CN¥20.00');
  // What went with the order comes back with it: it has no Restore of its own.
  await expect(entry.getByRole('button', { name: /^Restore/ })).toHaveCount(1);

  await entry.getByRole('button', { name: /^Restore Order / }).click();
  await expect(page.getByText('Trash is empty.')).toBeVisible();
  await app.savedDurably();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Refunds' }).click();
  await expect(page.getByRole('list', { name: 'Refunds and returns' }).getByRole('listitem')).toHaveCount(2);
});

test.describe('in Chinese', () => {
  test('Trash names each kind in Chinese and restores the order with its refund and return', async ({ page }) => {
    const app = new KehuApp(page);
    await app.open();
    const timeline = await orderWithRefundAndReturn(app, '王订单');
    await deleteOrder(app, timeline);
    await app.goTo('Settings');
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect(page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible();

    await app.nav('回收站').click();
    const entry = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: /^恢复 订单/ }) });
    await expect(entry).toContainText('订单');
    await expect(entry).toContainText('王订单');
    await expect(entry).toContainText('随它一起移到回收站');
    const went = entry.getByRole('list').getByRole('listitem');
    await expect(went.filter({ hasText: '退款' })).toHaveCount(1);
    await expect(went.filter({ hasText: '退货' })).toHaveCount(1);
    await entry.getByRole('button', { name: /^恢复 订单/ }).click();
    await expect(page.getByText('回收站是空的。')).toBeVisible();
  });
});

test.describe('several at once', () => {
  /** Two customers moved to Trash from their pages. */
  async function trashCustomers(app: KehuApp, names: readonly string[]) {
    for (const name of names) {
      await app.createCustomer({ name, phone: '13800138000' });
      await app.page.getByRole('button', { name: 'Delete', exact: true }).click();
      await app.savedDurably();
    }
  }

  test('select all shown and restore them together: two customers and an order', async ({ page }) => {
    const app = new KehuApp(page);
    await app.open();
    const timeline = await customerWithOrder(app, 'Order Owner', '13800138067', false);
    await timeline.getByRole('article', { name: 'Order CN¥100.00' }).getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('dialog', { name: 'Delete this order?' }).getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(timeline.getByRole('article', { name: 'Order CN¥100.00' })).toHaveCount(0);
    await app.savedDurably();
    await trashCustomers(app, ['Bulk One', 'Bulk Two']);

    await app.goTo('Trash');
    await expect(page.getByRole('listitem').filter({ has: page.getByRole('button', { name: /^Restore/ }) })).toHaveCount(3);
    const pick = page.getByRole('checkbox', { name: 'Select Bulk One' });
    const box = await pick.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(24);
    expect(box?.height).toBeGreaterThanOrEqual(24);
    await page.getByRole('checkbox', { name: 'Select all shown' }).check();
    await expect(page.getByRole('checkbox', { name: /^Select Order / })).toBeChecked();
    await page.getByRole('button', { name: 'Restore selected (3)' }).click();
    await expect(page.getByRole('status').filter({ hasText: '3 records restored' })).toBeVisible();
    await expect(page.getByText('Trash is empty.')).toBeVisible();
    await app.savedDurably();

    await app.goTo('Customers');
    await expect(app.customerLink('Bulk One')).toBeVisible();
    await expect(app.customerLink('Bulk Two')).toBeVisible();
    await app.customerLink('Order Owner').click();
    await expect(timeline.getByRole('article', { name: 'Order CN¥100.00' })).toBeVisible();
  });

  test('delete the selected customers forever after a confirmation that says how many', async ({ page }) => {
    const app = new KehuApp(page);
    await app.open();
    await trashCustomers(app, ['Gone One', 'Gone Two', 'Stays Here']);
    await app.goTo('Trash');
    await page.getByRole('checkbox', { name: 'Select Gone One' }).check();
    await page.getByRole('checkbox', { name: 'Select Gone Two' }).check();
    await page.getByRole('button', { name: 'Delete selected forever (2)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 2 customers forever?' });
    await expect(dialog).toContainText('These 2 customers');
    await expect(dialog).toContainText('This cannot be undone.');
    await dialog.getByRole('button', { name: 'Delete forever' }).click();
    await expect(page.getByRole('status').filter({ hasText: '2 customers deleted forever' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Restore Stays Here' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Restore Gone / })).toHaveCount(0);
    await expect(page.getByRole('list', { name: 'Trash' }).getByText('Customer: 1')).toBeVisible();
    await app.savedDurably();
    await app.goTo('Customers');
    await expect(app.customerLink('Stays Here')).toHaveCount(0);
    await expect(app.customerLink('Gone One')).toHaveCount(0);
    await expect(app.customerLink('Gone Two')).toHaveCount(0);
  });
});
