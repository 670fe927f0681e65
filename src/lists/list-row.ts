import type { CustomerRow } from '../storage/read-db';
import type { RecordCodec } from './packed-records';
import type { CustomerKind, CustomerStatus } from '../domain/customer';

/** What the list shows and filters by, per customer: small, so 100k of them fit a phone's memory. */
export interface ListRow {
  id: string;
  kind: CustomerKind;
  name: string;
  nameKey: string;
  city: string;
  cityKey: string;
  status: CustomerStatus;
  ownerId: string | null;
  tags: string[];
  phone: string | null;
  email: string | null;
  createdAt: string;
  updatedAt: string;
  alive: boolean;
  reachable: boolean;
  lastPurchaseAt: string | null;
  openComplaints: number;
}

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

/** How a row is kept when the list saves its state (packed-records.ts). */
export const listRowCodec: RecordCodec<ListRow> = {
  write(r, to) {
    for (const text of [r.id, r.kind, r.name, r.nameKey, r.city, r.cityKey, r.status, r.ownerId, r.phone, r.email, r.createdAt, r.updatedAt, r.lastPurchaseAt]) to.text(text);
    to.texts(r.tags);
    to.flag(r.alive);
    to.flag(r.reachable);
    to.number(r.openComplaints);
  },
  read: (from) => ({
    id: from.text(),
    kind: from.text() as CustomerKind,
    name: from.text(),
    nameKey: from.text(),
    city: from.text(),
    cityKey: from.text(),
    status: from.text() as CustomerStatus,
    ownerId: from.textOrNull(),
    phone: from.textOrNull(),
    email: from.textOrNull(),
    createdAt: from.text(),
    updatedAt: from.text(),
    lastPurchaseAt: from.textOrNull(),
    tags: from.texts(),
    alive: from.flag(),
    reachable: from.flag(),
    openComplaints: from.number(),
  }),
};
