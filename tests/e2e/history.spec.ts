import { test, expect } from '@playwright/test';
import type { KehuTestHooks } from '../../src/app/test-hooks';

type WithHooks = Window & { __kehuTest: KehuTestHooks };

test.use({ locale: 'zh-CN' });

test('the workspace history reads in Chinese: who changed what, a review of the change, and its restore', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '载入示例数据' }).click();
  await expect(page.getByText('共 200 位客户', { exact: true })).toBeVisible();
  // Three customers get a status no schema accepts (a test build writes it into the document directly).
  expect(await page.evaluate(() => (window as unknown as WithHooks).__kehuTest.setField('customers', 'status', 'garbage', 3))).toBe(3);

  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '历史', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '工作区历史' })).toBeVisible();
  await expect(page.getByText(/最近 30 天/)).toBeVisible();
  const entries = page.getByRole('list', { name: '工作区历史' });
  await expect(entries.getByRole('listitem').filter({ hasText: '新增 200 条' })).toContainText('您');
  const broken = entries.getByRole('listitem').filter({ hasText: '客户：3 条变为无法读取' });
  await broken.getByRole('button', { name: /^查看 .* 的更改$/ }).click();

  const review = page.getByRole('region', { name: /更改之前$/ });
  await expect(review.getByText('现在无法读取', { exact: true })).toHaveCount(3);
  await review.getByRole('button', { name: /^将 3 条记录恢复到 .* 时的样子$/ }).click();
  await expect(page.getByRole('status').filter({ hasText: '已恢复 3 条记录' })).toBeVisible();

  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '设置', exact: true }).click();
  await expect(page.getByLabel('保留历史（天）')).toHaveValue('30');
});
