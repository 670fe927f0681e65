import { test, expect } from '@playwright/test';
import { KehuApp } from './support/kehu-app';

// The service worker is what makes the app open offline; other specs block it.
test.use({ serviceWorkers: 'allow' });

test('after the first visit the app and its data open with no network', async ({ page, context }) => {
  const app = new KehuApp(page);
  await app.open();
  await app.createCustomer({ name: 'Offline Olivia', phone: '13800138000' });
  // The service worker precaches the app shell on the first visit.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Offline Olivia' })).toBeVisible();
  await app.goTo('Customers');
  await expect(app.customerLink('Offline Olivia')).toBeVisible();
  await app.createCustomer({ name: 'Added Offline', email: 'offline@example.com' });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Added Offline' })).toBeVisible();
  await context.setOffline(false);
});
