import { test, expect, type Page, type Locator } from '@playwright/test';

/**
 * Issue 21, "Phone (375 px)": on a 375×812 phone the list starts in the top half of the screen,
 * a selection is a compact bar, row checkboxes are touch targets, the customer page opens short
 * with its main action within reach, and the daily record pages are tabs.
 */

const HEIGHT = 812;
const words = {
  en: {
    loadSample: 'Load sample data',
    count: '200 customers',
    logInteraction: 'Log interaction',
    newOrder: 'New order',
    moreActions: 'More actions',
    newComplaint: 'New complaint',
    selected: '1 selected',
    actions: 'Actions',
    nav: 'Main',
    tabs: ['Customers', 'Today', 'Orders', 'Refunds', 'Complaints'],
    more: 'More',
    settings: 'Settings',
    keyFigures: 'Key figures',
    details: 'Details',
  },
  'zh-CN': {
    loadSample: '载入示例数据',
    count: '共 200 位客户',
    logInteraction: '记录跟进',
    newOrder: '新建订单',
    moreActions: '更多操作',
    newComplaint: '新建投诉',
    selected: '已选 1 位',
    actions: '操作',
    nav: '主菜单',
    tabs: ['客户', '今日', '订单', '退款', '投诉'],
    more: '更多',
    settings: '设置',
    keyFigures: '关键指标',
    details: '详细信息',
  },
} as const;

const box = async (locator: Locator) => {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not laid out');
  return b;
};

/** Inside the screen as it is, without scrolling. */
async function onScreen(page: Page, locator: Locator) {
  const b = await box(locator);
  const scrollY = await page.evaluate(() => window.scrollY);
  expect(scrollY, 'the page was scrolled').toBe(0);
  expect(b.y).toBeGreaterThanOrEqual(0);
  expect(b.y + b.height).toBeLessThanOrEqual(HEIGHT);
}

test.use({ viewport: { width: 375, height: HEIGHT }, isMobile: true, hasTouch: true });

for (const locale of ['en', 'zh-CN'] as const) {
  test.describe(locale, () => {
    test.use({ locale });
    const w = words[locale];

    test(`the list starts in the top half, a selection is one bar at the bottom, checkboxes are 24 px targets (${locale})`, async ({ page }, info) => {
      await page.goto('/');
      await page.getByRole('button', { name: w.loadSample }).click();
      await expect(page.getByText(w.count, { exact: true })).toBeVisible();
      const grid = page.getByRole('grid');
      const first = grid.getByRole('row').nth(1);
      const checkbox = first.getByRole('checkbox');
      await expect(checkbox).toBeVisible();

      await page.screenshot({ path: info.outputPath(`list-${locale}.png`) });
      const rowTop = (await box(first)).y;
      test.info().annotations.push({ type: 'first row top', description: String(rowTop) });
      expect(rowTop, 'first row top').toBeLessThan(HEIGHT / 2);
      const check = await box(checkbox);
      expect(check.width).toBeGreaterThanOrEqual(24);
      expect(check.height).toBeGreaterThanOrEqual(24);

      await checkbox.check();
      const bar = page.getByRole('region', { name: /Selected customers|已选客户/ });
      await expect(bar.getByRole('status')).toHaveText(w.selected);
      // Nothing in the bar is cut short.
      expect(await bar.evaluate((el) => [...el.querySelectorAll('strong, button, summary')].filter((e) => e instanceof HTMLElement && e.scrollWidth > e.clientWidth).map((e) => e.textContent))).toEqual([]);
      const barBox = await box(bar);
      expect(barBox.height, 'bulk bar height').toBeLessThanOrEqual(64);
      // The bar sits at the bottom, above the tabs, and the list has not moved.
      const nav = await box(page.getByRole('navigation', { name: w.nav }));
      expect(barBox.y + barBox.height).toBeLessThanOrEqual(nav.y);
      expect(barBox.y).toBeGreaterThan(HEIGHT / 2);
      expect((await box(first)).y).toBeLessThanOrEqual(rowTop);
      await page.screenshot({ path: info.outputPath(`list-selected-${locale}.png`) });

      await bar.getByText(w.actions, { exact: true }).click();
      await expect(bar.getByRole('group', { name: w.actions })).toBeVisible();
      await onScreen(page, bar.getByRole('group', { name: w.actions }));
      await page.screenshot({ path: info.outputPath(`list-actions-${locale}.png`) });
    });

    test(`the customer page opens short with its actions within reach (${locale})`, async ({ page }, info) => {
      await page.goto('/');
      await page.getByRole('button', { name: w.loadSample }).click();
      await expect(page.getByText(w.count, { exact: true })).toBeVisible();
      await page.getByRole('grid').getByRole('row').nth(1).getByRole('link').click();
      await expect(page.getByRole('region', { name: w.keyFigures })).toBeVisible();

      const log = page.getByRole('button', { name: w.logInteraction, exact: true });
      await expect(log).toBeVisible();
      await onScreen(page, log);
      await onScreen(page, page.getByRole('button', { name: w.newOrder, exact: true }));
      await page.screenshot({ path: info.outputPath(`customer-${locale}.png`), fullPage: true });
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      test.info().annotations.push({ type: 'customer page height', description: String(height) });
      // 5,990 px before, with every section open and 30 timeline entries.
      expect(height, 'customer page height').toBeLessThan(3000);

      // Details fold away on a phone and open on demand.
      const details = page.getByRole('region', { name: w.details });
      await details.getByRole('heading', { name: w.details }).click();
      await expect(details.getByRole('definition').first()).toBeVisible();

      // The other actions are one tap away, and a form opens where it can be seen.
      await page.getByRole('button', { name: w.moreActions }).click();
      await page.getByRole('button', { name: w.newComplaint, exact: true }).click();
      const form = page.getByRole('form', { name: w.newComplaint });
      await expect(form).toBeVisible();
      await expect(form.getByRole('textbox').first()).toBeFocused();
      await expect(form.getByRole('textbox').first()).toBeInViewport();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: info.outputPath(`customer-form-${locale}.png`) });
    });

    test(`refunds and complaints are tabs and Settings is under More (${locale})`, async ({ page }, info) => {
      await page.goto('/');
      const nav = page.getByRole('navigation', { name: w.nav });
      for (const tab of w.tabs) await expect(nav.getByRole('link', { name: tab, exact: true })).toBeVisible();
      await expect(nav.getByRole('link', { name: w.settings, exact: true })).toBeHidden();
      // No tab label is cut.
      const cut = await nav.evaluate((el) =>
        [...el.querySelectorAll('a span, button span')]
          .filter((s): s is HTMLElement => s instanceof HTMLElement && s.offsetParent !== null && s.clientWidth > 1 && s.scrollWidth > s.clientWidth)
          .map((s) => s.textContent),
      );
      expect(cut).toEqual([]);
      await nav.getByRole('button', { name: w.more, exact: true }).click();
      await nav.getByRole('link', { name: w.settings, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: w.settings })).toBeVisible();
      await page.screenshot({ path: info.outputPath(`nav-${locale}.png`) });
    });
  });
}
