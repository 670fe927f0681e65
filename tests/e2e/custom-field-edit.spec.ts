import { test, expect } from '@playwright/test';
import { KehuApp } from './support/kehu-app';

test('a custom field is renamed and gains a choice; its type is shown as fixed', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await app.goTo('Settings');
  const section = page.getByRole('region', { name: 'Custom fields' });
  await section.getByLabel('Field label').fill('Tier');
  await section.getByLabel('Field type').selectOption({ label: 'Choice' });
  await section.getByLabel('Choices').fill('Gold, Silver');
  await section.getByRole('button', { name: 'Add field' }).click();
  await expect(section.getByRole('listitem').filter({ hasText: 'Tier' })).toContainText('Gold, Silver');

  await section.getByRole('button', { name: 'Edit field Tier' }).click();
  const edit = section.getByRole('form', { name: 'Edit field' });
  await expect(edit).toContainText('The type cannot change once the field exists.');
  await edit.getByLabel('Field label').fill('');
  await edit.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(edit.getByLabel('Field label')).toHaveAttribute('aria-invalid', 'true');
  await edit.getByLabel('Field label').fill('Member tier');
  await edit.getByLabel('Choices').fill('Gold, Silver, Platinum');
  await edit.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(edit).toBeHidden();
  await app.savedDurably();

  const item = section.getByRole('listitem').filter({ hasText: 'Member tier' });
  await expect(item).toContainText('Choice');
  await expect(item).toContainText('Gold, Silver, Platinum');
  await expect(section.getByRole('button', { name: 'Edit field Tier' })).toHaveCount(0);
});
