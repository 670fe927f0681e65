import type { Page } from '@playwright/test';

/**
 * Specs about Today, due dates, overdue and birthdays run at one fixed moment, so they give the
 * same result on whatever day the suite runs. The moment is an awkward one: a leap day, half an
 * hour after midnight in Shanghai, when the UTC date is still the day before (a "today" taken
 * from toISOString() would be wrong). The page's clock starts there and then runs normally.
 */
export const PINNED_TIME_ZONE = 'Asia/Shanghai';
export const PINNED_AT = new Date('2028-02-29T00:30:00+08:00');

/** Call before the page opens (a beforeEach), with `test.use({ timezoneId: PINNED_TIME_ZONE })`. */
export async function pinClock(page: Page, at: Date = PINNED_AT): Promise<void> {
  await page.clock.install({ time: at });
}

/** The page's local date `offsetDays` from its today, as YYYY-MM-DD (as a date field takes it). */
export function pageDate(page: Page, offsetDays = 0): Promise<string> {
  return page.evaluate((offset) => {
    const d = new Date();
    d.setDate(d.getDate() + offset);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }, offsetDays);
}
