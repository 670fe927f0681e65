import type { TrashRow } from '../../storage/trash-queries';
import { orderTotal, type Order } from '../../domain/order';
import { t } from '../../i18n/i18n.svelte';
import { money } from '../records/format';

/** The kind of a record in Trash in words: "Order", "Refund", "Return", … */
export function trashKind(row: TrashRow): string {
  if (row.type === 'refunds') {
    const type = row.record.type;
    return t(`trash.kinds.${type === 'return' || type === 'exchange' ? type : 'refund'}`);
  }
  return t(`trash.kinds.${row.type}`);
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** What names the record in a line: its name, title, summary, date or amount. */
export function trashTitle(row: TrashRow): string {
  const r = row.record;
  switch (row.type) {
    case 'customers':
    case 'contacts':
    case 'products':
      return str(r.name);
    case 'complaints':
    case 'tasks':
      return str(r.title);
    case 'interactions':
      return str(r.summary) || str(r.occurredAt).slice(0, 10);
    case 'orders':
      return `${str(r.orderedOn)} · ${money(orderTotal(r as unknown as Order), str(r.currency))}`;
    case 'refunds':
      return money(typeof r.amount === 'number' ? r.amount : 0, str(r.currency));
    case 'feedback':
      return str(r.comment) || str(r.receivedOn);
  }
}

/**
 * Acts on each selected record in turn, customers first (what went with one may need it back first);
 * one failure does not stop the rest, so the caller can say how many went through and which did not.
 */
export async function eachRecord(rows: readonly TrashRow[], act: (row: TrashRow) => Promise<void>): Promise<{ done: number; failed: TrashRow[] }> {
  const ordered = [...rows].sort((a, b) => Number(b.type === 'customers') - Number(a.type === 'customers'));
  const failed: TrashRow[] = [];
  let done = 0;
  for (const row of ordered) {
    try {
      await act(row);
      done++;
    } catch {
      failed.push(row);
    }
  }
  return { done, failed };
}
