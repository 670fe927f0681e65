import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  addMoney,
  amountDraftSchema,
  currencyDigits,
  formatMoney,
  isCurrencyCode,
  MAX_AMOUNT,
  parseMoney,
  toDecimalText,
} from '../../../src/domain/money';
import { parseWith } from '../../../src/domain/field-errors';
import { ErrorCode } from '../../../src/domain/error-codes';

describe('currencyDigits', () => {
  it.each([
    ['CNY', 2],
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['KWD', 3],
  ])('%s has %i decimal places', (currency, digits) => {
    expect(currencyDigits(currency)).toBe(digits);
  });
});

describe('isCurrencyCode', () => {
  it.each([
    ['CNY', true],
    ['JPY', true],
    ['cny', false],
    ['RMB', false],
    ['CN', false],
    ['', false],
  ])('%j -> %s', (code, expected) => {
    expect(isCurrencyCode(code)).toBe(expected);
  });
});

describe('parseMoney (typed text -> minor units)', () => {
  it.each<[string, string, number]>([
    ['12.50', 'CNY', 1250],
    ['12.5', 'CNY', 1250],
    ['12', 'CNY', 1200],
    ['12.', 'CNY', 1200],
    ['.5', 'CNY', 50],
    ['0.05', 'CNY', 5],
    ['0', 'CNY', 0],
    ['¥12.5', 'CNY', 1250],
    ['￥12.5', 'CNY', 1250],
    ['CN¥ 12.50', 'CNY', 1250],
    ['12.50元', 'CNY', 1250],
    ['RMB 1,000', 'CNY', 100000],
    ['cny 8', 'CNY', 800],
    ['1,234.56', 'CNY', 123456],
    ['1,234,567.89', 'CNY', 123456789],
    ['１２．５', 'CNY', 1250],
    ['  12.50  ', 'CNY', 1250],
    ['12.500', 'CNY', 1250],
    ['$9.99', 'USD', 999],
    ['US$ 9.99', 'USD', 999],
    ['€3', 'EUR', 300],
    ['1,500', 'JPY', 1500],
    ['¥1500', 'JPY', 1500],
    ['1500円', 'JPY', 1500],
    ['1.000', 'JPY', 1],
    ['1.234', 'KWD', 1234],
  ])('%j in %s -> %i', (text, currency, minor) => {
    expect(parseMoney(text, currency)).toEqual({ value: minor });
  });

  it.each<[string, string, string]>([
    ['', 'CNY', ErrorCode.required],
    ['   ', 'CNY', ErrorCode.required],
    ['abc', 'CNY', ErrorCode.amountInvalid],
    ['12abc', 'CNY', ErrorCode.amountInvalid],
    ['-5', 'CNY', ErrorCode.amountInvalid],
    ['12,5', 'CNY', ErrorCode.amountInvalid],
    ['1.234,56', 'CNY', ErrorCode.amountInvalid],
    ['1,23', 'CNY', ErrorCode.amountInvalid],
    ['1.2.3', 'CNY', ErrorCode.amountInvalid],
    ['¥', 'CNY', ErrorCode.amountInvalid],
    ['.', 'CNY', ErrorCode.amountInvalid],
    ['1e5', 'CNY', ErrorCode.amountInvalid],
    ['$12', 'CNY', ErrorCode.amountInvalid],
    ['12.345', 'CNY', ErrorCode.amountDecimals],
    ['12.5', 'JPY', ErrorCode.amountDecimals],
    ['100000000000.01', 'CNY', ErrorCode.amountTooLarge],
    ['99999999999999999999', 'CNY', ErrorCode.amountTooLarge],
  ])('%j in %s -> %s', (text, currency, code) => {
    expect(parseMoney(text, currency)).toEqual({ error: code });
  });

  it('accepts exactly the largest amount', () => {
    expect(parseMoney('100,000,000,000.00', 'CNY')).toEqual({ value: MAX_AMOUNT });
  });
});

describe('toDecimalText and formatMoney (minor units -> text)', () => {
  it.each<[number, string, string]>([
    [1250, 'CNY', '12.50'],
    [5, 'CNY', '0.05'],
    [0, 'CNY', '0.00'],
    [-1250, 'CNY', '-12.50'],
    [1500, 'JPY', '1500'],
    [1234, 'KWD', '1.234'],
    [123456789, 'CNY', '1234567.89'],
  ])('%i %s -> %j', (minor, currency, text) => {
    expect(toDecimalText(minor, currency)).toBe(text);
  });

  it.each([1, 5, 99, 1250, 123456789, 10_000_000_000_000])('%i fen round-trips through its text', (minor) => {
    expect(parseMoney(toDecimalText(minor, 'CNY'), 'CNY')).toEqual({ value: minor });
  });

  it.each<[number, string, string, string]>([
    [123456, 'CNY', 'zh-CN', '¥1,234.56'],
    [123456, 'CNY', 'en', 'CN¥1,234.56'],
    [1500, 'JPY', 'en', '¥1,500'],
    [999, 'USD', 'en', '$9.99'],
    [10, 'CNY', 'en', 'CN¥0.10'],
  ])('formats %i %s in %s as %j', (minor, currency, locale, text) => {
    expect(formatMoney(minor, currency, locale)).toBe(text);
  });
});

describe('amountDraftSchema', () => {
  it('gives minor units of the currency it was built for', () => {
    expect(parseWith(amountDraftSchema('JPY'), '1,500')).toEqual({ ok: true, value: 1500 });
  });

  it('reports the problem as a message key on the field', () => {
    expect(parseWith(z.object({ price: amountDraftSchema('CNY') }), { price: '12.345' })).toEqual({ ok: false, errors: { price: ErrorCode.amountDecimals } });
  });
});

describe('addMoney', () => {
  it('keeps currencies apart', () => {
    const sums = {};
    addMoney(sums, 'CNY', 100);
    addMoney(sums, 'USD', 5);
    addMoney(sums, 'CNY', 50);
    expect(sums).toEqual({ CNY: 150, USD: 5 });
  });
});
