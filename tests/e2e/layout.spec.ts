import { test, expect } from '@playwright/test';

test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

test('a 375 px phone gets bottom navigation and no horizontal scroll', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await expect(page.getByText('200 customers', { exact: true })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toBeVisible();
  await expect(nav).toHaveCSS('position', 'fixed');
  for (const target of ['#/customers', '#/settings', '#/trash', '#/customers/new?kind=company']) {
    await page.goto(`/${target}`);
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal overflow on ${target}`).toBeLessThanOrEqual(0);
  }
});
