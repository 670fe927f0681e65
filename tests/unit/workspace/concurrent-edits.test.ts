import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createCustomer, updateCustomer, deleteCustomer } from '../../../src/workspace/customer-commands';
import { readRecordById } from '../../../src/workspace/record-commands';
import { Workspace } from '../../../src/workspace/workspace';
import { customerSchema } from '../../../src/domain/customer';
import { customerFields, steppingClock } from '../support/fixtures';
import { readCollection } from '../support/ydoc';

/** Two devices that exchange full state both ways, as two peers meeting again after working offline. */
function exchange(a: Y.Doc, b: Y.Doc) {
  const fromA = Y.encodeStateAsUpdate(a);
  const fromB = Y.encodeStateAsUpdate(b);
  Y.applyUpdate(b, fromA);
  Y.applyUpdate(a, fromB);
}

function twoDevices() {
  const docA = new Y.Doc();
  const docB = new Y.Doc();
  const alice = new Workspace('ws-1', docA, 'member-alice', steppingClock());
  const bob = new Workspace('ws-1', docB, 'member-bob', steppingClock(Date.parse('2026-03-01T08:00:00.500Z')));
  const id = createCustomer(alice, customerFields({ name: 'Ann Lee', status: 'lead', tags: ['old', 'shared'], custom: { f1: 'a' } }));
  exchange(docA, docB);
  return { docA, docB, alice, bob, id };
}

describe('two devices editing one customer concurrently', () => {
  it('keep both edits of different fields and tags', () => {
    const { docA, docB, alice, bob, id } = twoDevices();
    updateCustomer(alice, id, { name: 'Ann Lee-Smith', tags: ['old', 'shared', 'vip'], custom: { f1: 'b' } });
    updateCustomer(bob, id, { status: 'active', phones: [{ label: 'work', number: '+12015550123' }], tags: ['shared', 'wholesale'], custom: { f2: 7 } });
    exchange(docA, docB);

    const a = readRecordById(alice, 'customers', id)!;
    const b = readRecordById(bob, 'customers', id)!;
    expect(a).toEqual(b);
    expect(a).toMatchObject({
      name: 'Ann Lee-Smith',
      status: 'active',
      phones: [{ label: 'work', number: '+12015550123' }],
      tags: ['shared', 'vip', 'wholesale'],
      custom: { f1: 'b', f2: 7 },
      createdBy: 'member-alice',
    });
    expect(customerSchema.safeParse(a).success).toBe(true);
  });

  it('agree on one value when both change the same field', () => {
    const { docA, docB, alice, bob, id } = twoDevices();
    updateCustomer(alice, id, { notes: 'from alice' });
    updateCustomer(bob, id, { notes: 'from bob' });
    exchange(docA, docB);
    const notes = readRecordById(alice, 'customers', id)!.notes;
    expect(['from alice', 'from bob']).toContain(notes);
    expect(readRecordById(bob, 'customers', id)!.notes).toBe(notes);
  });

  it('keep both tags added concurrently under the same name once', () => {
    const { docA, docB, alice, bob, id } = twoDevices();
    updateCustomer(alice, id, { tags: ['old', 'shared', 'new'] });
    updateCustomer(bob, id, { tags: ['old', 'shared', 'new'] });
    exchange(docA, docB);
    expect(readRecordById(alice, 'customers', id)!.tags).toEqual(['new', 'old', 'shared']);
  });

  it('keep an edit made while the other device deleted the customer', () => {
    const { docA, docB, alice, bob, id } = twoDevices();
    deleteCustomer(alice, id);
    updateCustomer(bob, id, { name: 'Still here' });
    exchange(docA, docB);
    const record = readRecordById(bob, 'customers', id)!;
    expect(record.name).toBe('Still here');
    expect(record.deletedAt).toEqual(expect.any(String));
    expect(readCollection(docA, 'customers')).toEqual(readCollection(docB, 'customers'));
  });

  it('converge whatever order the updates arrive in', () => {
    const { docA, docB, alice, bob, id } = twoDevices();
    const updatesA: Uint8Array[] = [];
    docA.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && updatesA.push(u));
    updateCustomer(alice, id, { name: 'one' });
    updateCustomer(alice, id, { notes: 'two' });
    updateCustomer(alice, id, { tags: ['three'] });
    updateCustomer(bob, id, { status: 'lost' });
    for (const u of [...updatesA].reverse()) Y.applyUpdate(docB, u, 'remote');
    Y.applyUpdate(docA, Y.encodeStateAsUpdate(docB, Y.encodeStateVector(docA)), 'remote');
    expect(readRecordById(bob, 'customers', id)).toMatchObject({ name: 'one', notes: 'two', tags: ['three'], status: 'lost' });
    expect(readCollection(docA, 'customers')).toEqual(readCollection(docB, 'customers'));
  });
});
