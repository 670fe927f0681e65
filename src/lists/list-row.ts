import type { CustomerRow } from '../storage/read-db';
import type { ListRow } from './customer-list';

/** Customer figures from other collections (orders, complaints) the list filters by. */
export interface CustomerExtras {
  lastPurchaseAt: string | null;
  openComplaints: number;
}

export const noExtras: CustomerExtras = { lastPurchaseAt: null, openComplaints: 0 };

export function toListRow(c: CustomerRow, extras: CustomerExtras = noExtras): ListRow {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    nameKey: c.nameKey,
    city: c.address.city,
    cityKey: c.cityKey,
    status: c.status,
    ownerId: c.ownerId,
    tags: c.tags,
    phone: c.phones[0]?.number ?? null,
    email: c.emails[0]?.address ?? null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    alive: c.alive === 1,
    reachable: c.reachable === 1,
    ...extras,
  };
}
