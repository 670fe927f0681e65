import { test, expect, type Page } from '@playwright/test';
import { KehuApp } from './support/kehu-app';

/** The limits of src/domain/text-limits.ts that these fields have. */
const NOTES_LIMIT = 20_000;
const NAME_LIMIT = 200;
const CITY_LIMIT = 100;
const TEXT_LIMIT = 5000;

/** How far the widest element on the page reaches past the viewport (0 when nothing does). */
async function horizontalOverflow(page: Page): Promise<{ main: number; widest: number; culprit: string }> {
  return page.evaluate(() => {
    const main = document.querySelector('main')!;
    let widest = 0;
    let culprit = '';
    for (const el of document.querySelectorAll('main *')) {
      const over = el.getBoundingClientRect().right - document.documentElement.clientWidth;
      if (over > widest) [widest, culprit] = [over, `${el.tagName}.${el.className}`];
    }
    return { main: main.scrollWidth - main.clientWidth, widest: Math.ceil(widest), culprit };
  });
}

test('a megabyte pasted into Notes stops at the field limit', async ({ page }) => {
  const app = new KehuApp(page);
  await app.open();
  await page.getByRole('button', { name: 'New customer' }).click();
  const notes = page.getByLabel('Notes', { exact: true });
  await notes.fill('x'.repeat(1024 * 1024));
  const length = await notes.evaluate((el: HTMLTextAreaElement) => el.value.length);
  expect(length).toBeGreaterThan(0);
  expect(length).toBeLessThanOrEqual(NOTES_LIMIT);
  await expect(notes).toHaveAttribute('maxlength', String(NOTES_LIMIT));
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test('a customer whose name, city and notes are one word each as long as allowed stays within the screen', async ({ page }) => {
    const app = new KehuApp(page);
    await app.open();
    await page.getByRole('button', { name: 'New customer' }).click();
    const name = 'N'.repeat(NAME_LIMIT);
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('City', { exact: true }).fill('C'.repeat(CITY_LIMIT));
    await page.getByLabel('Notes', { exact: true }).fill('W'.repeat(NOTES_LIMIT));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await app.savedDurably();

    const onCustomerPage = await horizontalOverflow(page);
    expect(onCustomerPage.main, 'the customer page scrolls sideways').toBeLessThanOrEqual(0);
    expect(onCustomerPage.widest, `past the screen: ${onCustomerPage.culprit}`).toBeLessThanOrEqual(0);

    await app.nav('Customers').click();
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
    const onList = await horizontalOverflow(page);
    expect(onList.main, 'the customer list scrolls sideways').toBeLessThanOrEqual(0);
  });

  test('an interaction whose summary and next step are one long word each stays within the screen on the timeline', async ({ page }) => {
    const app = new KehuApp(page);
    await app.open();
    await app.createCustomer({ name: 'Long Word Co', company: true });
    await page.getByRole('button', { name: 'Log interaction' }).click();
    const form = page.getByRole('form', { name: 'Log interaction' });
    await form.getByLabel('Summary').fill('S'.repeat(TEXT_LIMIT));
    await form.getByLabel('Next step', { exact: true }).fill('N'.repeat(NAME_LIMIT));
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(form).toBeHidden();
    await app.savedDurably();
    await expect(page.getByRole('article').filter({ hasText: 'S'.repeat(100) })).toBeVisible();

    const onTimeline = await horizontalOverflow(page);
    expect(onTimeline.main, 'the customer page scrolls sideways').toBeLessThanOrEqual(0);
    expect(onTimeline.widest, `past the screen: ${onTimeline.culprit}`).toBeLessThanOrEqual(0);
  });
});
