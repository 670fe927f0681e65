import type { OrderRow } from '../../storage/read-db';
import { i18n, t } from '../../i18n/i18n.svelte';
import { money } from '../records/format';

/** Options of an optional "which order" picker: none, then the customer's orders, newest first. */
export function orderOptions(orders: readonly OrderRow[]): { value: string; label: string }[] {
  return [
    { value: '', label: t('c360.noOrder') },
    ...orders.map((o) => ({ value: o.id, label: t('c360.orderOption', { date: i18n.date(o.orderedOn), total: money(o.total, o.currency) }) })),
  ];
}
