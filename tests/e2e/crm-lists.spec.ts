import { readFile } from 'node:fs/promises';
import { test, expect, type Page } from '@playwright/test';
import { KehuApp } from './support/kehu-app';
import { PINNED_TIME_ZONE, pageDate, pinClock } from './support/pinned-clock';

// Today, overdue and birthdays: the same answers on any day the suite runs.
test.use({ timezoneId: PINNED_TIME_ZONE });
test.beforeEach(({ page }) => pinClock(page));

/** The navigation link to Today; its name also says how many reminders are due ("Today 1 reminder due"). */
const todayLink = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Today/ });

/** A section of the Today page: its heading carries the count, e.g. "Today 2". */
const group = (page: Page, name: 'Overdue' | 'Today' | 'Coming up') => page.getByRole('region', { name: new RegExp(`^${name}\\b`) });

/** This browser's local date as YYYY-MM-DD (the app works in the device's time zone). */
const localToday = (page: Page) => pageDate(page);

async function createWithBirthday(app: KehuApp, name: string) {
  const { page } = app;
  // 1992 was a leap year, so a test run on 29 February still has a valid birthday.
  const birthday = `1992-${(await localToday(page)).slice(5)}`;
  await app.goTo('Customers');
  await page.getByRole('button', { name: 'New customer' }).click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Birthday', { exact: true }).fill(birthday);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await app.savedDurably();
}

test('a customer whose birthday is today is on the Today page, with a badge in the navigation', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await createWithBirthday(app, 'Zhao Min');

  await expect(todayLink(page)).toHaveAccessibleName(/1 reminder due/);
  await todayLink(page).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  // Born 29 February 1992, and today is 29 February 2028 (the pinned clock).
  const birthday = group(page, 'Today').getByRole('link', { name: 'Zhao Min turns 36', exact: true });
  await expect(birthday).toBeVisible();
  await birthday.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Zhao Min' })).toBeVisible();
});

test('a task due today is listed under Today, and ticking it done removes it', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await todayLink(page).click();
  await expect(page.getByText('Nothing to do. Enjoy your day.')).toBeVisible();

  await page.getByRole('button', { name: 'New task' }).click();
  const form = page.getByRole('form', { name: 'New task' });
  await form.getByLabel('Task', { exact: true }).fill('Call Wang back');
  await expect(form.getByLabel('Due date')).toHaveValue(await localToday(page));
  await form.getByRole('button', { name: 'Save task' }).click();
  await expect(form).toBeHidden();
  await app.savedDurably();

  const today = group(page, 'Today');
  await expect(today.getByText('Follow up: Call Wang back')).toBeVisible();
  await expect(todayLink(page)).toHaveAccessibleName(/1 reminder due/);

  // click, not check(): the row leaves the list as soon as the task is done.
  await today.getByRole('checkbox', { name: 'Done: Call Wang back' }).click();
  await expect(page.getByText('Follow up: Call Wang back')).toBeHidden();
  await expect(page.getByText('Nothing to do. Enjoy your day.')).toBeVisible();
  await expect(todayLink(page)).toHaveAccessibleName('Today');
});

test('a task without a date is refused on the Today page, next to the field', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await todayLink(page).click();
  await page.getByRole('button', { name: 'New task' }).click();
  const form = page.getByRole('form', { name: 'New task' });
  await form.getByLabel('Due date').fill('');
  await form.getByRole('button', { name: 'Save task' }).click();
  await expect(form.getByText('This field is required.')).toHaveCount(2);
  await expect(form.getByLabel('Due date')).toHaveAttribute('aria-invalid', 'true');
});

test('export to calendar downloads an .ics file with the reminder', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await createWithBirthday(app, 'Qian Li');
  await todayLink(page).click();
  await expect(group(page, 'Today').getByRole('link', { name: /^Qian Li turns/ })).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export to calendar (.ics)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('kehu-reminders-2028-02-29.ics');
  const text = await readFile(await download.path(), 'utf8');
  expect(text).toContain('BEGIN:VCALENDAR');
  expect(text).toContain('BEGIN:VEVENT');
  expect(text).toContain('Qian Li');
});

test('the Activity view lists a customer’s creation and a name change, filterable by record type', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await app.createCustomer({ name: 'Li Na', phone: '13800138002' });
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await page.getByLabel('Name', { exact: true }).fill('Li Na Chen');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Li Na Chen' })).toBeVisible();
  await app.savedDurably();

  await app.nav('Activity').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();
  const history = page.getByRole('list', { name: 'Activity' });
  const rename = history.getByRole('listitem').filter({ hasText: 'Name: Li Na → Li Na Chen' });
  await expect(rename).toBeVisible();
  await expect(rename).toContainText('(you)');
  await expect(rename.getByRole('link', { name: 'Li Na Chen' })).toBeVisible();
  const created = history.getByRole('listitem').filter({ hasText: 'Created' }).filter({ has: page.getByRole('link', { name: 'Li Na Chen' }) });
  await expect(created).toHaveCount(1);
  // The newest first: the rename above the creation.
  await expect(history.getByRole('listitem').first()).toContainText('Name: Li Na → Li Na Chen');

  await page.getByLabel('Record type').selectOption({ label: 'Contact' });
  await expect(page).toHaveURL(/#\/activity\?collection=contacts$/);
  await expect(page.getByText('No changes match these filters.')).toBeVisible();
  await page.getByLabel('Record type').selectOption({ label: 'Customer' });
  await expect(rename).toBeVisible();
  await expect(created).toHaveCount(1);

  await page.reload();
  await expect(page.getByLabel('Record type')).toHaveValue('customers');
  await expect(page.getByText('Name: Li Na → Li Na Chen')).toBeVisible();
});

test('refunds list pending first; approving and completing moves one down', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await app.createCustomer({ name: 'Sun Hao', phone: '13800138003' });

  await page.getByRole('button', { name: 'New order' }).click();
  const order = page.getByRole('form', { name: 'New order' });
  await order.getByLabel('Item', { exact: true }).fill('Teapot');
  await order.getByLabel('Quantity').fill('1');
  await order.getByLabel('Unit price').fill('100');
  // Only a paid order can be refunded.
  await order.getByLabel('Status').selectOption({ label: 'Paid' });
  await order.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(order).toBeHidden();
  // On the timeline, so in the read tables: a refund form opened before then offers no order.
  await expect(page.getByRole('region', { name: 'Timeline' }).getByRole('article', { name: 'Order CN¥100.00' })).toBeVisible();

  for (const amount of ['10', '20']) {
    await page.getByRole('button', { name: 'New refund' }).click();
    const refund = page.getByRole('form', { name: 'New refund' });
    await refund.getByLabel('Amount', { exact: true }).fill(amount);
    await refund.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(refund).toBeHidden();
    await app.savedDurably();
  }

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Refunds' }).click();
  const list = page.getByRole('list', { name: 'Refunds and returns' });
  const rows = list.getByRole('listitem');
  // Both pending: newest first.
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('20.00');
  await expect(rows.nth(1)).toContainText('10.00');

  const newest = rows.filter({ hasText: '20.00' });
  await newest.getByRole('button', { name: 'Approve' }).click();
  await expect(newest).toContainText('Approved');
  await newest.getByRole('button', { name: 'Mark completed' }).click();
  await expect(newest).toContainText('Completed');
  // The pending one is now first, although it is older.
  await expect(rows.nth(0)).toContainText('10.00');
  await expect(rows.nth(0)).toContainText('Requested');
  await expect(rows.nth(1)).toContainText('20.00');

  await page.getByLabel('Status').selectOption({ label: 'Completed' });
  await expect(page).toHaveURL(/#\/refunds\?status=completed$/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('20.00');
});

test('complaints list open ones first by deadline, overdue highlighted, and step through their statuses', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await app.createCustomer({ name: 'Zhou Jie', phone: '13800138004' });
  const yesterday = await pageDate(page, -1);
  for (const [subject, due] of [['Rude staff', ''], ['Late delivery', yesterday]] as const) {
    await page.getByRole('button', { name: 'New complaint' }).click();
    const form = page.getByRole('form', { name: 'New complaint' });
    await form.getByLabel('Subject', { exact: true }).fill(subject);
    if (due) await form.getByLabel('Due by', { exact: true }).fill(due);
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(form).toBeHidden();
    await app.savedDurably();
  }

  await app.nav('Complaints').click();
  const rows = page.getByRole('list', { name: 'Complaints' }).getByRole('listitem');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Late delivery');
  await expect(rows.nth(0)).toContainText('Overdue');
  await expect(rows.nth(1)).toContainText('Rude staff');
  await expect(rows.nth(1)).not.toContainText('Overdue');

  const late = rows.filter({ hasText: 'Late delivery' });
  await late.getByRole('button', { name: 'Start work' }).click();
  await expect(late).toContainText('In progress');
  await late.getByRole('button', { name: 'Resolve' }).click();
  await late.getByLabel('Resolution').fill('Sent a new one by courier');
  await late.getByRole('button', { name: 'Resolve' }).click();
  await expect(late).toContainText('Resolved');
  await expect(late).toContainText('Resolution: Sent a new one by courier');
  await expect(late).not.toContainText('Overdue');
  // Open ones first: the resolved complaint moved down.
  await expect(rows.nth(0)).toContainText('Rude staff');
});

test('reminders that become due notify once, after "Notify me"', async ({ page }) => {
  // A stand-in for the browser's Notification API: permission kept across reloads, notifications recorded.
  await page.addInitScript(() => {
    const shown: string[] = [];
    class FakeNotification {
      static get permission() {
        return localStorage.getItem('fake-permission') ?? 'default';
      }
      static async requestPermission() {
        localStorage.setItem('fake-permission', 'granted');
        return 'granted';
      }
      onclick: (() => void) | null = null;
      constructor(title: string) {
        shown.push(title);
      }
    }
    Object.assign(window, { Notification: FakeNotification, shownNotifications: shown });
  });
  const shown = () => page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications);
  const app = new KehuApp(page);
  await app.open();
  await createWithBirthday(app, 'Wu Fang');
  await todayLink(page).click();
  await expect(group(page, 'Today').getByRole('link', { name: /^Wu Fang turns/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Notify me' })).toBeVisible();
  expect(await shown()).toEqual([]);

  await page.getByRole('button', { name: 'Notify me' }).click();
  await expect(page.getByText('Notifications are on for this device.')).toBeVisible();
  // What was due when notifications were turned on is on the screen already.
  expect(await shown()).toEqual([]);

  await page.getByRole('button', { name: 'New task' }).click();
  const form = page.getByRole('form', { name: 'New task' });
  await form.getByLabel('Task', { exact: true }).fill('Send the quote');
  await form.getByRole('button', { name: 'Save task' }).click();
  await expect(group(page, 'Today').getByText('Follow up: Send the quote')).toBeVisible();
  // Shown only once this device has kept that it was: a reload right away does not show it again.
  await expect.poll(shown).toEqual(['Follow up: Send the quote']);

  await page.reload();
  await expect(group(page, 'Today').getByText('Follow up: Send the quote')).toBeVisible();
  await expect(page.getByText('Notifications are on for this device.')).toBeVisible();
  // Not "nothing for a second": a task added now notifies, and it alone; had the reload forgotten
  // what was shown, the first task would have come again before it or with it.
  await page.getByRole('button', { name: 'New task' }).click();
  await form.getByLabel('Task', { exact: true }).fill('Book the tasting');
  await form.getByRole('button', { name: 'Save task' }).click();
  await expect(group(page, 'Today').getByText('Follow up: Book the tasting')).toBeVisible();
  await expect.poll(shown).toEqual(['Follow up: Book the tasting']);
});

test('products are added and edited, with errors next to the fields', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await app.nav('Products').click();
  await page.getByRole('button', { name: 'Add product' }).click();
  const form = page.getByRole('form', { name: 'Add product' });
  await form.getByLabel('Name').fill('Green tea 250 g');
  await form.getByLabel('Unit price').fill('12.345');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.getByText('Too many decimal places for this currency.')).toBeVisible();
  await form.getByLabel('Unit price').fill('12.50');
  await form.getByLabel('SKU').fill('GT-250');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form).toBeHidden();
  const products = page.getByRole('list', { name: 'Products' });
  await expect(products.getByText('Green tea 250 g')).toBeVisible();
  await expect(products).toContainText('12.50');

  await products.getByRole('button', { name: 'Edit Green tea 250 g' }).click();
  const edit = page.getByRole('form', { name: 'Edit Green tea 250 g' });
  await edit.getByLabel('Active').uncheck();
  await edit.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(products.getByText('No longer sold')).toBeVisible();
});

test('CRM settings are saved, and a bad value is shown next to its field', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await app.goTo('Settings');
  const form = page.getByRole('form', { name: 'Sales and service' });
  await form.getByLabel('Remind this many days ahead').fill('99');
  await form.getByRole('button', { name: 'Save sales and service settings' }).click();
  await expect(form.getByText('Enter a whole number in the allowed range.')).toBeVisible();
  await expect(form.getByLabel('Remind this many days ahead')).toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('Remind this many days ahead').fill('14');
  await form.getByLabel('Critical').fill('2');
  await form.getByRole('button', { name: 'Save sales and service settings' }).click();
  await expect(page.getByText('Settings saved')).toBeVisible();

  await todayLink(page).click();
  await expect(page.getByText(/the next 14 days/)).toBeVisible();
});

test('the command palette goes to Tasks and Orders', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Type a command or a customer' }).fill('tasks');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Type a command or a customer' }).fill('go to orders');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
});

test.describe('on a 375 px phone', () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test('the daily record pages in the bottom bar, the rest behind More, and no horizontal scroll', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Customers' }).first()).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('listitem').filter({ visible: true })).toHaveCount(6);
    await nav.getByRole('link', { name: 'Refunds' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Refunds and returns' })).toBeVisible();
    await nav.getByRole('button', { name: 'More' }).click();
    await nav.getByRole('link', { name: 'Activity' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Activity' })).toBeHidden();

    for (const target of ['#/today', '#/orders', '#/refunds', '#/complaints', '#/products', '#/activity', '#/settings']) {
      await page.goto(`/${target}`);
      await page.waitForLoadState('networkidle');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `horizontal overflow on ${target}`).toBeLessThanOrEqual(0);
    }
  });
});
