import { formatMoney, isCurrencyCode, toDecimalText, type MoneyByCurrency } from '../../domain/money';
import type { Member } from '../../domain/member';
import { i18n, t } from '../../i18n/i18n.svelte';

/** An amount in the reader's language; a code this browser does not know is shown as typed. */
export function money(minor: number, currency: string): string {
  if (!isCurrencyCode(currency)) return `${toDecimalText(minor, currency)} ${currency}`;
  return formatMoney(minor, currency, i18n.locale);
}

/** "¥1,234.00 · US$20.00": sums in different currencies are listed, never added. */
export function moneyList(sums: MoneyByCurrency | { currency: string; amount: number }[]): string {
  const rows = Array.isArray(sums) ? sums : Object.entries(sums).map(([currency, amount]) => ({ currency, amount }));
  return rows.length ? rows.map((r) => money(r.amount, r.currency)).join(' · ') : t('common.none');
}

/** A member's display name; someone whose device has not synced their name yet is "a teammate". */
export function memberName(members: readonly Member[], id: string | null | undefined): string {
  if (!id) return t('common.none');
  return members.find((m) => m.id === id)?.name ?? t('sync.someone');
}

/** `key` when a message exists for it, otherwise undefined. */
export function maybeT(key: string, options?: Record<string, unknown>): string | undefined {
  const text = t(key, options);
  // A key naming a group of messages is not a message either.
  return text === key || text.includes('returned an object') ? undefined : text;
}
