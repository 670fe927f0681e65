import type { Customer } from '../domain/customer';
import type { Contact } from '../domain/contact';
import type { CustomFieldDef } from '../domain/custom-field';
import { isReachable } from '../domain/customer';
import { nameSortKey } from '../domain/sort-key';
import type { CollectionName } from '../workspace/layout';
import type { SavedView } from '../domain/saved-view';
import type { Alive, ContactRow, CustomFieldRow, CustomerRow, SavedViewRow } from './read-db';

const alive = (r: { deletedAt: string | null }): Alive => (r.deletedAt ? 0 : 1);

/** Adds the index keys each read table sorts and filters by. */
export const toRow: Record<CollectionName, (record: never) => object> = {
  customers: (c: Customer): CustomerRow => ({
    ...c,
    alive: alive(c),
    nameKey: nameSortKey(c.name),
    cityKey: c.address.city.toLocaleLowerCase(),
    reachable: isReachable(c) ? 1 : 0,
  }),
  contacts: (c: Contact): ContactRow => ({ ...c, alive: alive(c) }),
  members: (m: object) => m,
  customFields: (f: CustomFieldDef): CustomFieldRow => ({ ...f, alive: alive(f) }),
  views: (v: SavedView): SavedViewRow => ({ ...v, alive: alive(v) }),
};
