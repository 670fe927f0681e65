import type { ListFilter } from '../domain/list-filter';
import { tagKey } from '../domain/tags';
import type { ListRow } from './list-row';

/**
 * The filter's conditions on a list row, besides the search text; null when only being alive
 * counts (the list's live flags answer that without reading rows).
 */
export function rowPredicate(f: ListFilter): ((row: ListRow) => boolean) | null {
  if (!f.status.length && !f.kind && !f.tags.length && !f.city && !f.owner && !f.createdFrom && !f.createdTo && !f.purchaseFrom && !f.purchaseTo && !f.openComplaint) {
    return null;
  }
  const statuses = f.status.length ? new Set(f.status) : null;
  const tagKeys = f.tags.map(tagKey);
  const city = f.city.toLocaleLowerCase();
  // Dates are compared as text: ISO timestamps and YYYY-MM-DD order the same way.
  const createdTo = f.createdTo && `${f.createdTo}\uffff`;
  const purchaseTo = f.purchaseTo && `${f.purchaseTo}\uffff`;
  return (row) =>
    (!statuses || statuses.has(row.status)) &&
    (!f.kind || row.kind === f.kind) &&
    tagKeys.every((key) => row.tags.some((t) => tagKey(t) === key)) &&
    (!city || row.city.toLocaleLowerCase() === city) &&
    (!f.owner || (f.owner === 'none' ? !row.ownerId : row.ownerId === f.owner)) &&
    (!f.createdFrom || row.createdAt >= f.createdFrom) &&
    (!createdTo || row.createdAt <= createdTo) &&
    (!f.purchaseFrom || (row.lastPurchaseAt !== null && row.lastPurchaseAt >= f.purchaseFrom)) &&
    (!purchaseTo || (row.lastPurchaseAt !== null && row.lastPurchaseAt <= purchaseTo)) &&
    (!f.openComplaint || row.openComplaints > 0);
}

