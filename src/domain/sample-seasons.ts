import { daysBetween } from './date-math';

/** 春节 (first day of the lunar year): it moves by weeks between years, and trade follows it. */
const springFestival: Readonly<Record<number, string>> = {
  2020: '2020-01-25', 2021: '2021-02-12', 2022: '2022-02-01', 2023: '2023-01-22', 2024: '2024-02-10',
  2025: '2025-01-29', 2026: '2026-02-17', 2027: '2027-02-06', 2028: '2028-01-26', 2029: '2029-02-13',
  2030: '2030-02-03', 2031: '2031-01-23', 2032: '2032-02-11', 2033: '2033-01-31', 2034: '2034-02-19',
  2035: '2035-02-08',
};

/** Outside the table, early February is close enough for sample data. */
export function springFestivalOf(year: number): string {
  return springFestival[year] ?? `${String(year).padStart(4, '0')}-02-05`;
}

export const PEAK_WEIGHT = 6;

/**
 * How busy a day is for the sample business, relative to an ordinary day (1): New Year goods
 * in the weeks before Spring Festival and quiet during it, 618 in June, Double 11 in November,
 * and corporate gifts at the end of the year.
 */
export function tradeWeight(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = date.slice(5, 7);
  const day = Number(date.slice(8, 10));
  const toFestival = daysBetween(date, springFestivalOf(year));
  const fromFestival = daysBetween(springFestivalOf(year), date);
  if (toFestival >= 3 && toFestival <= 28) return 3.5;
  if (fromFestival >= 0 && fromFestival <= 6) return 0.3;
  if (month === '11' && day === 11) return PEAK_WEIGHT;
  if (month === '11' && day <= 10) return 3;
  if (month === '12' && day >= 10) return 2;
  if (month === '06' && day <= 18) return 1.8;
  return 1;
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;

/**
 * Days by number (days since 1970-01-01): a 100k sample draws a few million days, and date
 * arithmetic on strings for each was most of its generation time.
 */
const days = new Map<number, { date: string; weight: number }>();
function day(n: number): { date: string; weight: number } {
  let d = days.get(n);
  if (!d) {
    const date = new Date(n * DAY_MS).toISOString().slice(0, 10);
    days.set(n, (d = { date, weight: tradeWeight(date) }));
  }
  return d;
}

/** A day between `from` and `to` (inclusive), drawn with the trade's rhythm; `next` returns [0, 1). */
export function seasonalDay(from: string, to: string, next: () => number): string {
  const first = dayNumber(from);
  const span = dayNumber(to) - first;
  if (span <= 0) return from;
  for (let attempt = 0; attempt < 64; attempt++) {
    const d = day(first + Math.floor(next() * (span + 1)));
    if (next() * PEAK_WEIGHT < d.weight) return d.date;
  }
  return day(first + Math.floor(next() * (span + 1))).date;
}
