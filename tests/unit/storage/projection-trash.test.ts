import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TrashQueries } from '../../../src/storage/trash-queries';
import { createCustomer } from '../../../src/workspace/customer-commands';
import { insertRecord } from '../../../src/workspace/record-commands';
import { restoreTrashed, trashRecord } from '../../../src/workspace/record-trash';
import { Workspace } from '../../../src/workspace/workspace';
import { order, refund } from '../domain/crm-fixtures';
import { customerFields } from '../support/fixtures';
import { StorageScope } from '../support/storage';

const scope = new StorageScope();
afterEach(() => scope.cleanup());

const fields = <T extends object>(record: T) => {
  const { id: _id, createdAt: _c, createdBy: _cb, updatedAt: _u, updatedBy: _ub, deletedAt: _d, ...rest } = record as Record<string, unknown>;
  return rest;
};

function firstValue<T>(source: { subscribe(o: { next: (v: T) => void }): { unsubscribe(): void } }): Promise<T> {
  return new Promise((resolve) => {
    const sub = source.subscribe({
      next: (v) => {
        resolve(v);
        queueMicrotask(() => sub.unsubscribe());
      },
    });
  });
}

describe('Projection: Trash across devices', () => {
  it("a refund a teammate added offline to an order deleted here is in Trash with the order, and back with it", async () => {
    const { wsId, doc, db, projection, ws } = scope.openProjection();
    const customerId = createCustomer(ws, customerFields());
    const orderId = insertRecord(ws, 'orders', fields(order({ customerId, status: 'paid' })));
    const peerDoc = new Y.Doc();
    Y.applyUpdate(peerDoc, Y.encodeStateAsUpdate(doc));
    const peer = new Workspace(wsId, peerDoc, 'member-b');

    trashRecord(ws, 'orders', orderId);
    const late = insertRecord(peer, 'refunds', fields(refund({ customerId, orderId, amount: 500 })));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peerDoc, Y.encodeStateVector(doc)));
    await projection.idle();

    const row = await db.refunds.get(late);
    expect(row).toMatchObject({ alive: 0, deletedAt: expect.any(String), trashedWith: orderId });
    const groups = await firstValue(new TrashQueries(db).all());
    expect(groups.map((g) => [g.row.id, g.went.map((w) => w.id)])).toEqual([[orderId, [late]]]);

    restoreTrashed(ws, 'orders', orderId);
    await projection.idle();
    expect(await db.refunds.get(late)).toMatchObject({ alive: 1, deletedAt: null });
  });
});
