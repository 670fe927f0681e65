import { readFile } from 'node:fs/promises';
import { test, expect } from '@playwright/test';

/** Issue 21, "CSV export": in Chinese the file says what the list says, in Chinese, and a phone number is not behind an apostrophe. */
test.use({ locale: 'zh-CN' });

test('a CSV exported in zh-CN has Chinese headers, values in words and phone numbers without an apostrophe', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '新建客户', exact: true }).click();
  await page.getByRole('radio', { name: '企业' }).check();
  await page.getByLabel('名称', { exact: true }).fill('北京金桥餐饮管理有限公司');
  await page.getByLabel('电话', { exact: true }).fill('+8613800138000');
  await page.getByLabel('来源', { exact: true }).selectOption({ label: '到店' });
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '北京金桥餐饮管理有限公司' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '所有更改已保存' })).toBeVisible();

  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '客户', exact: true }).click();
  await page.getByRole('checkbox', { name: '选择 北京金桥餐饮管理有限公司' }).check();
  const bar = page.getByRole('region', { name: '已选客户' });
  const exportButton = bar.getByRole('button', { name: '导出 CSV' });
  // The bar may keep its actions in a menu (the phone layout): open it when the button is not out.
  if (!(await exportButton.isVisible())) await bar.locator('summary').click();

  const downloading = page.waitForEvent('download');
  await exportButton.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^kehu-customers-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, row] = bytes.subarray(3).toString('utf8').split('\r\n');
  const headers = header!.split(',');
  const cells = row!.split(',');
  const cell = (name: string) => cells[headers.indexOf(name)];
  expect(headers.slice(0, 4)).toEqual(['姓名/名称', '类型', '状态', '电话']);
  expect(cell('类型')).toBe('企业');
  expect(cell('状态')).toBe('潜在客户');
  expect(cell('来源')).toBe('到店');
  expect(cell('国家或地区')).toBe('');
  expect(cell('电话')).toBe('"\t+8613800138000"');

  // With the checkbox: codes, for a program to read back.
  if (!(await exportButton.isVisible())) await bar.locator('summary').click();
  await bar.getByRole('checkbox', { name: '导出代码而非文字（用于再次导入）' }).check();
  const again = page.waitForEvent('download');
  await exportButton.click();
  const raw = (await readFile(await (await again).path(), 'utf8')).split('\r\n')[1]!.split(',');
  expect(raw[headers.indexOf('类型')]).toBe('company');
  expect(raw[headers.indexOf('来源')]).toBe('walk_in');
  expect(raw[headers.indexOf('电话')]).toBe('+8613800138000');
});
