import { test, expect, type Page } from '@playwright/test';

/** Issue 21, "Words": the workspace's default name follows the language, names are labelled as Chinese labels them, and nothing is cut at 375 px. */

const words = {
  en: { settings: 'Settings', language: 'Language', defaultName: 'My workspace', newCustomer: 'New customer', person: 'Name', company: 'Name', companyKind: 'Company' },
  'zh-CN': { settings: '设置', language: '语言', defaultName: '我的工作区', newCustomer: '新建客户', person: '姓名', company: '名称', companyKind: '企业' },
} as const;
type Locale = keyof typeof words;
const other = (locale: Locale): Locale => (locale === 'en' ? 'zh-CN' : 'en');

const topBar = (page: Page) => page.getByRole('banner');

async function switchLanguage(page: Page, from: Locale, to: Locale) {
  await page.getByRole('navigation', { name: /Main|主菜单/ }).getByRole('link', { name: words[from].settings, exact: true }).click();
  await page.getByLabel(words[from].language).selectOption(to);
  await expect(page.getByRole('heading', { level: 1, name: words[to].settings })).toBeVisible();
}

for (const locale of ['en', 'zh-CN'] as const) {
  test.describe(`started in ${locale}`, () => {
    test.use({ locale });

    test(`the default workspace name follows the language until the workspace is named (${locale})`, async ({ page }) => {
      const w = words[locale];
      const then = other(locale);
      await page.goto('/');
      await expect(topBar(page)).toContainText(w.defaultName);

      await switchLanguage(page, locale, then);
      await expect(topBar(page)).toContainText(words[then].defaultName);
      await expect(topBar(page)).not.toContainText(w.defaultName);
      await expect(page.getByRole('region', { name: /Workspaces on this device|本设备上的工作区/ }).getByRole('listitem')).toHaveText(new RegExp(words[then].defaultName));
      // Still unnamed after a reload in the other language: nothing English (or Chinese) was stored as its name.
      await page.reload();
      await expect(topBar(page)).toContainText(words[then].defaultName);

      await page.getByLabel(/^(Workspace name|工作区名称)$/).fill('Harbor 上海');
      await page.getByRole('button', { name: /Save workspace settings|保存工作区设置/ }).click();
      await expect(topBar(page)).toContainText('Harbor 上海');
      await switchLanguage(page, then, locale);
      await expect(topBar(page)).toContainText('Harbor 上海');

      // Emptied again, the name is the default of whichever language is shown.
      await page.getByLabel(/^(Workspace name|工作区名称)$/).fill('');
      await page.getByRole('button', { name: /Save workspace settings|保存工作区设置/ }).click();
      await expect(topBar(page)).toContainText(w.defaultName);
    });

    test(`a person's name and a company's name are labelled as the language labels them (${locale})`, async ({ page }) => {
      const w = words[locale];
      await page.goto('/');
      await page.getByRole('button', { name: w.newCustomer, exact: true }).click();
      await expect(page.getByLabel(w.person, { exact: true })).toBeVisible();
      await page.getByRole('radio', { name: w.companyKind }).check();
      await expect(page.getByLabel(w.company, { exact: true })).toBeVisible();
      if (locale === 'zh-CN') await expect(page.getByLabel('姓名', { exact: true })).toHaveCount(0);
    });
  });
}

test.describe('on a 375×812 phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  for (const locale of ['en', 'zh-CN'] as const) {
    test.describe(locale, () => {
      test.use({ locale });

      test(`no label in the top bar or the tabs is cut, and the workspace name is one line (${locale})`, async ({ page }) => {
        await page.goto('/');
        await expect(topBar(page).getByRole('link', { name: /Looking for teammates|正在寻找同事|Not syncing|未同步|Offline|离线/ })).toBeVisible();
        await expect(topBar(page)).toContainText(words[locale].defaultName);
        const cut = await page.evaluate(() =>
          [...document.querySelectorAll('header *, nav *')]
            .filter((el): el is HTMLElement => el instanceof HTMLElement && el.offsetParent !== null && el.childElementCount === 0 && (el.textContent ?? '').trim() !== '')
            // Wider than its box, leaving out what is hidden for screen readers only (1 px wide).
            .filter((el) => el.clientWidth > 1 && el.scrollWidth > el.clientWidth)
            .map((el) => el.textContent),
        );
        expect(cut).toEqual([]);
        // One box per line the text is laid out on.
        const lines = await topBar(page).getByText(words[locale].defaultName, { exact: true }).evaluate((el) => {
          const range = document.createRange();
          range.selectNodeContents(el);
          return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
        });
        expect(lines).toBe(1);
        // Settings is under More on a phone, where the tabs are the daily record pages.
        await page.getByRole('navigation', { name: /Main|主菜单/ }).getByRole('button', { name: /^(More|更多)$/ }).click();
        await page.getByRole('navigation', { name: /Main|主菜单/ }).getByRole('link', { name: words[locale].settings, exact: true }).click();
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      });
    });
  }
});
