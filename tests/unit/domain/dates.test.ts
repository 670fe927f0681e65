import { describe, expect, it } from 'vitest';
import { isCalendarDate, isIsoTimestamp, todayCalendarDate } from '../../../src/domain/dates';

describe('isCalendarDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-28', true],
    ['1800-01-01', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-04-31', false],
    ['1799-12-31', false],
    ['2024-1-01', false],
    ['2024-01-01T00:00:00Z', false],
    ['', false],
  ])('%j -> %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });
});

describe('isIsoTimestamp', () => {
  it.each([
    ['2026-11-24T09:30:00.000Z', true],
    ['2026-11-24T09:30:00+08:00', true],
    ['2026-11-24', false],
    ['yesterday', false],
    ['2026-13-24T09:30:00.000Z', false],
  ])('%j -> %s', (value, expected) => {
    expect(isIsoTimestamp(value)).toBe(expected);
  });
});

describe('todayCalendarDate', () => {
  it('uses the local calendar date', () => {
    expect(todayCalendarDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
