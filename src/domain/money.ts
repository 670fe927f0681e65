import { z } from 'zod';
import { ErrorCode } from './error-codes';

/**
 * Amounts are integers in the currency's minor unit (fen, cents; yen have none), so sums and
 * refunds are exact: 0.1 + 0.2 never happens. An amount never carries its currency; the record
 * that holds it does.
 */
export const DEFAULT_CURRENCY = 'CNY';

/** 10^13 minor units: far above any real order, and thousands of them still sum below 2^53. */
export const MAX_AMOUNT = 10_000_000_000_000;

export const amountSchema = z.number().int().min(0).max(MAX_AMOUNT, ErrorCode.amountTooLarge);

/** Stored records accept any well-formed code: a peer's browser may know currencies this one does not. */
export const currencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, ErrorCode.currencyInvalid);

const known = new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : []);

/** What a person may choose in a form: a code this browser knows (checked only if the browser can tell). */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && (known.size === 0 || known.has(code));
}

const digitsCache = new Map<string, number>();

/** Decimal places of the minor unit: CNY 2, JPY 0, KWD 3 (from Intl, so no table to keep up to date). */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** Words and signs people type around an amount; Intl's own symbols plus the everyday Chinese ones. */
const extraAffixes: Record<string, string[]> = { CNY: ['¥', '元', 'RMB'], JPY: ['¥', '円'] };

const symbolsCache = new Map<string, string[]>();

function currencySymbols(currency: string): string[] {
  const cached = symbolsCache.get(currency);
  if (cached) return cached;
  const symbols = new Set([currency, ...(extraAffixes[currency] ?? [])]);
  for (const locale of ['en', 'zh-CN']) {
    for (const currencyDisplay of ['symbol', 'narrowSymbol'] as const) {
      try {
        const part = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay }).formatToParts(1).find((p) => p.type === 'currency');
        if (part) symbols.add(part.value.normalize('NFKC'));
      } catch {
        // An unknown code has no symbols; the code itself is still accepted.
      }
    }
  }
  const sorted = [...symbols].sort((a, b) => b.length - a.length);
  symbolsCache.set(currency, sorted);
  return sorted;
}

function stripAffix(text: string, symbols: string[]): string {
  let s = text;
  for (const symbol of symbols) {
    if (s.toUpperCase().startsWith(symbol.toUpperCase())) {
      s = s.slice(symbol.length);
      break;
    }
  }
  for (const symbol of symbols) {
    if (s.toUpperCase().endsWith(symbol.toUpperCase())) {
      s = s.slice(0, s.length - symbol.length);
      break;
    }
  }
  return s;
}

export type MoneyParse = { value: number } | { error: ErrorCode };

/**
 * "12.50", "¥12.5", "1,234.56", "１２．５" (full width) -> minor units of `currency`. A comma only
 * groups thousands: "12,5" is refused rather than guessed, and so is a fraction finer than the
 * currency's minor unit ("12.345" yuan, "12.5" yen), because rounding money silently is wrong.
 */
export function parseMoney(text: string, currency: string): MoneyParse {
  const compact = text.normalize('NFKC').replace(/\s+/g, '');
  if (!compact) return { error: ErrorCode.required };
  const s = stripAffix(compact, currencySymbols(currency));
  if (!/\d/.test(s) || !/^(\d{1,3}(,\d{3})+|\d*)(\.\d*)?$/.test(s)) return { error: ErrorCode.amountInvalid };
  const [whole = '', fraction = ''] = s.replace(/,/g, '').split('.');
  const digits = currencyDigits(currency);
  if (fraction.replace(/0+$/, '').length > digits) return { error: ErrorCode.amountDecimals };
  const minor = `${whole}${fraction.slice(0, digits).padEnd(digits, '0')}`.replace(/^0+(?=\d)/, '');
  if (minor.length > String(MAX_AMOUNT).length || Number(minor) > MAX_AMOUNT) return { error: ErrorCode.amountTooLarge };
  return { value: Number(minor) };
}

/** Minor units -> "1234.56": exact, without grouping or symbol, for putting back into a form. */
export function toDecimalText(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** Making an Intl.NumberFormat costs ~0.1 ms, and a page of orders formats an amount in every row. */
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Minor units -> "¥1,234.56" in the reader's language. */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  const key = `${locale} ${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    moneyFormats.set(key, format);
  }
  return format.format(minor / 10 ** digits);
}

/** A form field holding an amount as typed, in a currency known when the schema is built. */
export function amountDraftSchema(currency: string) {
  return z.string().transform((text, ctx): number => {
    const parsed = parseMoney(text, currency);
    if ('error' in parsed) {
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    }
    return parsed.value;
  });
}

/** Sums kept apart per currency: yuan and dollars are never added together. */
export type MoneyByCurrency = Record<string, number>;

export function addMoney(sums: MoneyByCurrency, currency: string, amount: number): MoneyByCurrency {
  sums[currency] = (sums[currency] ?? 0) + amount;
  return sums;
}
