import { expect, type Page } from '@playwright/test';

/** Page model: the journeys a person takes, by roles and visible labels (English UI). */
export class KehuApp {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { name: /Customers|客户/ }).first()).toBeVisible();
  }

  nav(name: string) {
    return this.page.getByRole('navigation', { name: /Main|主菜单/ }).getByRole('link', { name, exact: true });
  }

  async goTo(name: 'Customers' | 'Trash' | 'Settings') {
    await this.nav(name).click();
  }

  async createCustomer(fields: { name: string; phone?: string; email?: string; notes?: string; company?: boolean }) {
    await this.goTo('Customers');
    await this.page.getByRole('button', { name: 'New customer' }).click();
    if (fields.company) await this.page.getByRole('radio', { name: 'Company' }).check();
    await this.page.getByLabel('Name', { exact: true }).fill(fields.name);
    if (fields.phone) await this.page.getByLabel('Phone', { exact: true }).fill(fields.phone);
    if (fields.email) await this.page.getByLabel('Email', { exact: true }).fill(fields.email);
    if (fields.notes) await this.page.getByLabel('Notes', { exact: true }).fill(fields.notes);
    await this.page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: fields.name })).toBeVisible();
    await this.savedDurably();
  }

  async addContact(fields: { name: string; jobTitle?: string; phone?: string }) {
    await this.page.getByRole('button', { name: 'Add contact' }).click();
    const form = this.page.getByRole('form', { name: 'Contact' });
    await form.getByLabel('Name', { exact: true }).fill(fields.name);
    if (fields.jobTitle) await form.getByLabel('Job title').fill(fields.jobTitle);
    if (fields.phone) await form.getByLabel('Phone', { exact: true }).fill(fields.phone);
    await form.getByRole('button', { name: 'Save contact' }).click();
    await expect(form).toBeHidden();
    await this.savedDurably();
  }

  /** The status line says "saved" only after the update is committed to IndexedDB. */
  async savedDurably() {
    await expect(this.page.getByRole('status').filter({ hasText: /All changes saved|所有更改已保存/ })).toBeVisible();
  }

  customerLink(name: string) {
    return this.page.getByRole('link', { name, exact: true });
  }
}
