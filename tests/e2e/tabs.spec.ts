import { test, expect } from '@playwright/test';
import { KehuApp } from './support/kehu-app';

test('two tabs of one browser share their documents live (BroadcastChannel): a customer made in one can be edited in the other', async ({ context, page }) => {
  const first = new KehuApp(page);
  await first.open();
  const secondPage = await context.newPage();
  const second = new KehuApp(secondPage);
  await second.open();

  await first.createCustomer({ name: 'Tab One Customer', phone: '13800138000' });
  await second.goTo('Customers');
  await expect(second.customerLink('Tab One Customer')).toBeVisible();

  await second.customerLink('Tab One Customer').click();
  await secondPage.getByRole('link', { name: 'Edit' }).click();
  await secondPage.getByLabel('Notes', { exact: true }).fill('Written in the second tab');
  await secondPage.getByRole('button', { name: 'Save', exact: true }).click();
  // The notes and the history entry of the change both show it.
  await expect(page.getByText('Written in the second tab').first()).toBeVisible();
});
