import { test, expect, chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs } from '../../playwright.config';
import { KehuApp } from './support/kehu-app';

/**
 * Storage full, for real: Chromium enforces `Storage.overrideQuotaForOrigin` only for a profile
 * on disk (an incognito context ignores it), and only for databases opened after it is set.
 */
async function withSmallQuota(baseURL: string, quotaSize: number, locale: string): Promise<{ context: BrowserContext; page: Page; done: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'kehu-quota-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', args: chromiumArgs, serviceWorkers: 'block', baseURL, locale });
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL).origin, quotaSize });
  return {
    context,
    page,
    done: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const status = (page: Page) => page.getByRole('banner').getByRole('status');

/** Fills the origin's quota from another database, as another tab or app data would. */
async function fillTheRest(page: Page) {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('someone-else');
      open.onupgradeneeded = () => open.result.createObjectStore('blobs');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    for (let i = 0; i < 128; i++) {
      // Random bytes: IndexedDB compresses values, and zeros would take no room.
      const chunk = new Uint8Array(256 * 1024);
      for (let at = 0; at < chunk.length; at += 65536) crypto.getRandomValues(chunk.subarray(at, at + 65536));
      const outcome = await new Promise<string>((resolve) => {
        const tx = db.transaction('blobs', 'readwrite');
        tx.objectStore('blobs').put(chunk, i);
        tx.oncomplete = () => resolve('ok');
        tx.onabort = () => resolve(tx.error?.name ?? 'aborted');
      });
      if (outcome !== 'ok') return outcome;
    }
    return 'never full';
  });
}

test('with storage full the status line says so, and after a reload the workspace opens read-only with an export', async ({ baseURL }) => {
  test.setTimeout(120_000);
  const { page, done } = await withSmallQuota(baseURL!, 5 * 2 ** 20, 'en-US');
  try {
    const app = new KehuApp(page);
    await app.open();
    // A thousand customers with two years of history are several times the 5 MiB quota.
    await page.getByLabel('Sample size').selectOption({ label: '1,000 customers' });
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await expect(page.getByText('1,000 customers', { exact: true })).toBeVisible({ timeout: 60_000 });
    // Whichever store ran out first (the log or the read tables), never "All changes saved".
    await expect(status(page).filter({ hasText: /storage is full/i })).toBeVisible({ timeout: 30_000 });
    await expect(status(page).filter({ hasText: 'All changes saved' })).toHaveCount(0);

    await page.reload();
    await expect(page.getByRole('alert').filter({ hasText: 'Storage is full: Kehu is read-only' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('heading', { name: 'Kehu could not start' })).toHaveCount(0);
    // The list is built from the document, whatever the tables could keep: the sample as far as
    // the log took it (the status line said it was not all saved).
    await expect(page.getByText(/^[\d,]+ customers$/)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('0 customers', { exact: true })).toHaveCount(0);
    await expect(status(page).filter({ hasText: 'All changes saved' })).toHaveCount(0);

    const download = page.waitForEvent('download');
    await page.getByRole('alert').getByRole('button', { name: 'Export data' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.kehu$/);

    // A change is refused with a message, and nothing is written.
    await page.getByRole('button', { name: 'New customer' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Not Kept');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Storage is full: Kehu is read-only until space is freed. Nothing was changed.')).toBeVisible();

    // What uses space, per store.
    await page.getByRole('alert').getByRole('link', { name: 'See what uses space' }).click();
    const usage = page.getByRole('table', { name: 'What uses space' });
    await expect(usage.getByRole('row', { name: /Change log/ })).toBeVisible({ timeout: 30_000 });
    await expect(usage.getByRole('row', { name: /Saved list and search/ })).toBeVisible();
  } finally {
    await done();
  }
});

test('zh-CN: what was saved before the disk filled up is kept; a change after it says it is not saved, the workspace reopens read-only, and "Try again" ends it once space is freed', async ({ baseURL }) => {
  test.setTimeout(120_000);
  // Room for the 200 sample with its history and its read tables; the rest is filled below.
  const { page, done } = await withSmallQuota(baseURL!, 16 * 2 ** 20, 'zh-CN');
  try {
    await page.goto('/');
    await page.getByRole('button', { name: '载入示例数据' }).click();
    await expect(page.getByText('共 200 位客户', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(status(page).filter({ hasText: '所有更改已保存' })).toBeVisible();
    // The read tables are still being written after the log says saved: the disk fills only once they are done.
    await page.evaluate(() => (window as unknown as { __kehuTest: { settled(): Promise<void> } }).__kehuTest.settled());
    expect(await fillTheRest(page)).toBe('QuotaExceededError');

    await page.getByRole('button', { name: '新建客户', exact: true }).click();
    await page.getByLabel('姓名', { exact: true }).fill('磁盘已满时新建');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect(status(page).filter({ hasText: '未保存：存储空间已满' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: '存储空间已满：Kehu 现为只读' })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('alert').filter({ hasText: '存储空间已满：Kehu 现为只读' })).toBeVisible({ timeout: 30_000 });
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '客户', exact: true }).click();
    await expect(page.getByText('共 200 位客户', { exact: true })).toBeVisible();
    await expect(status(page).filter({ hasText: '所有更改已保存' })).toHaveCount(0);
    const download = page.waitForEvent('download');
    await page.getByRole('alert').getByRole('button', { name: '导出数据' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.kehu$/);

    // Space freed elsewhere: "Try again" writes what waited and the workspace is writable again.
    await page.evaluate(() => new Promise((resolve) => (indexedDB.deleteDatabase('someone-else').onsuccess = resolve)));
    await page.getByRole('alert').getByRole('button', { name: '重试' }).click();
    await expect(page.getByRole('alert').filter({ hasText: '存储空间已满' })).toHaveCount(0, { timeout: 30_000 });
    await expect(status(page).filter({ hasText: '所有更改已保存' })).toBeVisible();
    await page.getByRole('button', { name: '新建客户', exact: true }).click();
    await page.getByLabel('姓名', { exact: true }).fill('腾出空间后新建');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: '腾出空间后新建' })).toBeVisible();
    await expect(status(page).filter({ hasText: '所有更改已保存' })).toBeVisible();
  } finally {
    await done();
  }
});
