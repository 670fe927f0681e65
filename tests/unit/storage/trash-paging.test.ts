import { afterEach, describe, expect, it } from 'vitest';
import { TrashQueries } from '../../../src/storage/trash-queries';
import { StorageScope, firstValue } from '../support/storage';

const scope = new StorageScope();
afterEach(() => scope.cleanup());

describe('Trash beyond its first page', () => {
  // Issue 21: Trash showed the newest 500 of each type and nothing said there were more.
  it('reads the newest `limit` of each type, counts all of them, and a larger limit reaches every one', async () => {
    const db = scope.readDb(scope.workspaceId());
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
    await db.customers.bulkPut(Array.from({ length: 7 }, (_, i) => ({ id: `c${i}`, name: `C${i}`, deletedAt: at(i), updatedBy: 'm1', alive: 0 }) as never));
    await db.customers.put({ id: 'live', name: 'Live', deletedAt: null, updatedBy: 'm1', alive: 1 } as never);
    await db.orders.bulkPut(Array.from({ length: 3 }, (_, i) => ({ id: `o${i}`, customerId: 'live', deletedAt: at(i), updatedBy: 'm1' }) as never));
    const trash = new TrashQueries(db);

    const first = await firstValue(trash.all(5));
    expect(first.filter((g) => g.row.type === 'customers').map((g) => g.row.id)).toEqual(['c6', 'c5', 'c4', 'c3', 'c2']);
    expect(first.filter((g) => g.row.type === 'orders')).toHaveLength(3);
    expect(await firstValue(trash.counts())).toMatchObject({ customers: 7, orders: 3, refunds: 0 });
    const more = await firstValue(trash.all(10));
    expect(more.filter((g) => g.row.type === 'customers').map((g) => g.row.id)).toEqual(['c6', 'c5', 'c4', 'c3', 'c2', 'c1', 'c0']);
  });
});
