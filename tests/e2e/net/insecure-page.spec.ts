import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { inviteLink } from '../../../src/sync/invite';
import { KehuApp } from '../support/kehu-app';
import { APP_BASE } from './support/app-base';
import { test, expect } from './support/site';

/**
 * A teammate's phone opens the app as http://<LAN address>/: not a secure context (no crypto.subtle,
 * service worker or clipboard). The app says what is wrong and what to do, in both languages, and
 * everything that needs none of those keeps working, without a console error.
 */

async function openDevice(browser: Browser, url: string, locale: string): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ baseURL: url, locale, timezoneId: 'UTC', viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(url);
  return { context, page, problems };
}

test('over plain http from a network address: the page explains https, and customers still work', async ({ site }) => {
  const url = await site.serveApp({ https: false, base: APP_BASE });
  const browser = await site.browser();
  const { page, problems } = await openDevice(browser, url, 'en-US');
  const app = new KehuApp(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  expect(await page.evaluate(() => window.isSecureContext)).toBe(false);

  // Every page says it in one line, with the way to the whole explanation.
  const banner = page.getByRole('status').filter({ hasText: 'secure connection (https)' });
  await expect(banner).toContainText('Not syncing: this page needs a secure connection (https).');

  // Working without sync: a customer is created, saved and found by search.
  await app.createCustomer({ name: 'Harbour Tea House', phone: '+86 139 1234 5678' });
  await app.goTo('Customers');
  await page.getByLabel('Search customers').fill('Harbour');
  await expect(app.customerLink('Harbour Tea House')).toBeVisible();

  // Edited, and exported as CSV (a download needs no secure context).
  await app.customerLink('Harbour Tea House').click();
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await page.getByLabel('Email', { exact: true }).fill('orders@harbourtea.example');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Harbour Tea House' })).toBeVisible();
  await app.savedDurably();
  await app.goTo('Customers');
  await page.getByRole('checkbox', { name: 'Select Harbour Tea House' }).check();
  const bar = page.getByRole('region', { name: 'Selected customers' });
  const exportButton = bar.getByRole('button', { name: 'Export CSV' });
  if (!(await exportButton.isVisible())) await bar.locator('summary').click();
  const downloading = page.waitForEvent('download');
  await exportButton.click();
  const csv = await readFile((await (await downloading).path())!, 'utf8');
  expect(csv).toContain('Harbour Tea House');
  expect(csv).toContain('orders@harbourtea.example');
  await bar.getByRole('button', { name: 'Clear selection' }).click();

  // Notifications are refused on such a page whatever the person allows: Today says why, not 'blocked for this site'.
  await app.nav('Today').click();
  await expect(page.getByText('Notifications need a secure connection (https): this page was opened over http.')).toBeVisible();

  // The Team page: why there is no Invite, and what to do, naming this page's address.
  await banner.getByRole('link', { name: 'What to do' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
  const notice = page.getByRole('region', { name: 'Sync and offline use are off on this page' });
  await expect(notice).toContainText('Sync and offline use need a secure connection (https).');
  await expect(notice).toContainText(`This page was opened over http from ${site.address}:8080`);
  await expect(notice).toContainText(`Open it as https://${site.address}:8080${APP_BASE}, or ask whoever runs Kehu to set up https (docs/deploy.md).`);
  await expect(page.getByRole('button', { name: 'Invite' })).toHaveCount(0);
  await expect(page.getByRole('main').getByText('Not syncing', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('banner').getByRole('link', { name: /^Team: / })).toHaveText('Not syncing: needs https');
  await expect(banner).toHaveCount(0);

  // Compaction checksums its snapshot (SHA-256) with no crypto.subtle here; the reload then loads from that
  // verified snapshot, and the customer is still there (saved on this device, not only in memory).
  await app.goTo('Settings');
  await page.getByRole('button', { name: 'Compact storage now' }).click();
  await expect(page.getByText('Storage compacted: the change log was folded into a verified snapshot.')).toBeVisible();
  await page.reload();
  await app.goTo('Customers');
  await expect(app.customerLink('Harbour Tea House')).toBeVisible();
  expect(problems).toEqual([]);
});

test('the same explanation in Chinese, and an invite link or pairing over http offers no join that could never fill', async ({ site }) => {
  const url = await site.serveApp({ https: false, base: APP_BASE });
  const browser = await site.browser();
  const { page, problems } = await openDevice(browser, url, 'zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '客户' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '未同步：此页面需要安全连接（https）。' })).toBeVisible();

  await page.getByRole('button', { name: '新建客户' }).click();
  await page.getByLabel('姓名', { exact: true }).fill('王建国');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '王建国' })).toBeVisible();
  await page.getByRole('link', { name: '客户', exact: true }).click();
  await page.getByLabel('搜索客户').fill('wangjianguo');
  await expect(page.getByRole('link', { name: '王建国', exact: true })).toBeVisible();

  await page.getByRole('link', { name: '团队', exact: true }).click();
  const notice = page.getByRole('region', { name: '此页面无法同步，也无法离线使用' });
  await expect(notice).toContainText('同步和离线使用需要安全连接（https）。');
  await expect(notice).toContainText(`请改用 https://${site.address}:8080${APP_BASE} 打开`);

  // A teammate's invite opened over http: the same explanation instead of a join form.
  const secret = randomBytes(32).toString('base64url');
  await page.goto(inviteLink(url, { workspaceId: randomUUID(), secret, name: '华东销售' }));
  await expect(page.getByRole('heading', { level: 1, name: /华东销售/ })).toBeVisible();
  await expect(page.getByRole('region', { name: '此页面无法同步，也无法离线使用' })).toContainText('安全连接（https）');
  await expect(page.getByRole('button', { name: '加入' })).toHaveCount(0);
  // Pairing by code (no relay) is encryption too: the same explanation instead of a code to paste.
  await page.goto(`${url}#/pair`);
  await expect(page.getByRole('region', { name: '此页面无法同步，也无法离线使用' })).toContainText('安全连接（https）');
  await expect(page.getByRole('button', { name: '继续' })).toHaveCount(0);
  expect(problems).toEqual([]);
});
