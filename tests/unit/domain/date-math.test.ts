import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, isClockTime, isLeapYear, localClockOf, localDateOf } from '../../../src/domain/date-math';
import { nextYearly, yearlyOccurrence } from '../../../src/domain/yearly-dates';

describe('addDays and daysBetween', () => {
  it.each<[string, number, string]>([
    ['2026-06-15', 1, '2026-06-16'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-03-28', 3, '2026-03-31'],
    ['2026-06-15', 0, '2026-06-15'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(days);
  });
});

describe('addMonths', () => {
  it.each<[string, number, string]>([
    ['2026-01-15', 6, '2026-07-15'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-10-10', 3, '2027-01-10'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-03-15', -3, '2025-12-15'],
    ['2024-02-29', 12, '2025-02-28'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('isLeapYear', () => {
  it.each([
    [2024, true],
    [2026, false],
    [2000, true],
    [1900, false],
  ])('%i -> %s', (year, expected) => {
    expect(isLeapYear(year)).toBe(expected);
  });
});

describe('clock times', () => {
  it.each([
    ['09:30', true],
    ['23:59', true],
    ['00:00', true],
    ['24:00', false],
    ['9:30', false],
    ['09:60', false],
    ['', false],
  ])('%j -> %s', (value, expected) => {
    expect(isClockTime(value)).toBe(expected);
  });

  it('reads the local wall clock and date', () => {
    const d = new Date(2026, 0, 5, 7, 3);
    expect(localClockOf(d)).toBe('07:03');
    expect(localDateOf(d.toISOString())).toBe('2026-01-05');
  });
});

describe('yearly dates (birthdays, anniversaries)', () => {
  it.each<[string, number, string]>([
    ['1980-05-17', 2026, '2026-05-17'],
    ['1992-02-29', 2024, '2024-02-29'],
    ['1992-02-29', 2026, '2026-02-28'],
    ['1992-02-29', 2100, '2100-02-28'],
    ['1992-02-28', 2026, '2026-02-28'],
  ])('%s falls on %s in %i', (date, year, expected) => {
    expect(yearlyOccurrence(date, year)).toBe(expected);
  });

  it.each<[string, string, string, number]>([
    ['1980-05-17', '2026-05-10', '2026-05-17', 46],
    ['1980-05-17', '2026-05-17', '2026-05-17', 46],
    ['1980-05-17', '2026-05-18', '2027-05-17', 47],
    ['1990-01-02', '2026-12-28', '2027-01-02', 37],
    ['1990-12-31', '2026-12-31', '2026-12-31', 36],
    ['1992-02-29', '2026-02-27', '2026-02-28', 34],
    ['1992-02-29', '2026-03-01', '2027-02-28', 35],
    ['1992-02-29', '2027-03-01', '2028-02-29', 36],
    ['2026-06-20', '2026-06-15', '2026-06-20', 0],
  ])('%s seen on %s: next %s, %i years', (date, today, next, years) => {
    expect(nextYearly(date, today)).toEqual({ date: next, years });
  });
});
