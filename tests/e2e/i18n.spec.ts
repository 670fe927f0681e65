import { test, expect } from '@playwright/test';

test.use({ locale: 'zh-CN' });

test('a Chinese browser gets the Chinese UI, and can switch to English', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: '客户' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByRole('button', { name: '新建客户' }).click();
  await page.getByLabel('姓名', { exact: true }).fill('王建国');
  await page.getByLabel('电话', { exact: true }).fill('139 1234 5678');
  await page.getByLabel('邮箱', { exact: true }).fill('不是邮箱');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByLabel('邮箱', { exact: true })).toHaveAccessibleDescription('这不是有效的邮箱地址。');
  await page.getByLabel('邮箱', { exact: true }).fill('');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '王建国' })).toBeVisible();
  await expect(page.getByRole('link', { name: '139 1234 5678' })).toBeVisible();

  await page.getByRole('link', { name: '设置', exact: true }).click();
  await page.getByLabel('语言').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Trash', exact: true })).toBeVisible();
});
