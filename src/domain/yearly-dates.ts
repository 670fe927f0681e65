import { isLeapYear } from './date-math';

/**
 * Where a yearly date (birthday, anniversary) falls in a given year. 29 February falls on
 * 28 February in other years: it stays in the person's own month, which is how most people
 * born on that day celebrate, and a reminder on 1 March would come a day late.
 */
export function yearlyOccurrence(date: string, year: number): string {
  const monthDay = date.slice(5) === '02-29' && !isLeapYear(year) ? '02-28' : date.slice(5);
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}

/** The first occurrence on or after `today`, and how many years it marks (0 on the date itself). */
export function nextYearly(date: string, today: string): { date: string; years: number } {
  const start = Number(date.slice(0, 4));
  let year = Number(today.slice(0, 4));
  if (yearlyOccurrence(date, year) < today) year += 1;
  return { date: yearlyOccurrence(date, year), years: year - start };
}
