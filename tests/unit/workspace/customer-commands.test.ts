import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bulkUpdateCustomers, createCustomer, deleteCustomer, purgeCustomer, restoreCustomer, setCustomersDeleted, updateCustomer } from '../../../src/workspace/customer-commands';
import { createContact, deleteContact, restoreContact, updateContact } from '../../../src/workspace/contact-commands';
import { RecordNotFoundError, readRecordById } from '../../../src/workspace/record-commands';
import { collection } from '../../../src/workspace/layout';
import { LOCAL_ORIGIN } from '../../../src/workspace/origins';
import { Workspace } from '../../../src/workspace/workspace';
import { customerSchema } from '../../../src/domain/customer';
import { contactSchema } from '../../../src/domain/contact';
import { contactFields, customerFields, steppingClock, T0 } from '../support/fixtures';
import { recordUpdates } from '../support/ydoc';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function setup() {
  const doc = new Y.Doc();
  const clock = steppingClock();
  const alice = new Workspace('ws-1', doc, 'member-alice', clock);
  const bob = new Workspace('ws-1', doc, 'member-bob', clock);
  return { doc, alice, bob };
}

describe('createCustomer', () => {
  it('stamps id, createdAt/By and updatedAt/By with the member id and clock', () => {
    const { alice } = setup();
    const id = createCustomer(alice, customerFields());
    expect(id).toMatch(UUID_V7);
    expect(readRecordById(alice, 'customers', id)).toEqual({
      ...customerFields(),
      id,
      createdAt: T0,
      createdBy: 'member-alice',
      updatedAt: T0,
      updatedBy: 'member-alice',
      deletedAt: null,
    });
  });

  it('produces a record that passes the customer schema', () => {
    const { alice } = setup();
    const id = createCustomer(alice, customerFields());
    expect(customerSchema.safeParse(readRecordById(alice, 'customers', id)).success).toBe(true);
  });

  it('uses a given id', () => {
    const { alice } = setup();
    expect(createCustomer(alice, customerFields(), 'fixed-id')).toBe('fixed-id');
    expect(readRecordById(alice, 'customers', 'fixed-id')?.name).toBe('王建国');
  });

  it('gives every customer its own id', () => {
    const { alice } = setup();
    const ids = Array.from({ length: 50 }, () => createCustomer(alice, customerFields()));
    expect(new Set(ids).size).toBe(50);
  });

  it('is one local transaction', () => {
    const { doc, alice } = setup();
    const log = recordUpdates(doc);
    createCustomer(alice, customerFields({ tags: ['a', 'b'], custom: { f: 1 } }));
    expect(log.updates.map((u) => u.origin)).toEqual([LOCAL_ORIGIN]);
  });
});

describe('updateCustomer', () => {
  it('stamps updatedBy with the editing member and keeps createdBy', () => {
    const { alice, bob } = setup();
    const id = createCustomer(alice, customerFields());
    expect(updateCustomer(bob, id, { name: '王小明', status: 'lost' }).sort()).toEqual(['name', 'status']);
    const record = readRecordById(alice, 'customers', id)!;
    expect(record).toMatchObject({ name: '王小明', status: 'lost', createdBy: 'member-alice', createdAt: T0, updatedBy: 'member-bob' });
    expect(record.updatedAt).not.toBe(T0);
  });

  it('writes and stamps nothing when nothing changed', () => {
    const { doc, alice, bob } = setup();
    const id = createCustomer(alice, customerFields());
    const log = recordUpdates(doc);
    expect(updateCustomer(bob, id, { name: '王建国', tags: ['VIP'] })).toEqual([]);
    expect(log.updates).toHaveLength(0);
    expect(readRecordById(alice, 'customers', id)).toMatchObject({ updatedBy: 'member-alice', updatedAt: T0 });
  });

  it('writes an edit of several fields in one transaction', () => {
    const { doc, alice } = setup();
    const id = createCustomer(alice, customerFields());
    const log = recordUpdates(doc);
    updateCustomer(alice, id, { name: 'x', notes: 'y', tags: ['z'], custom: { f: 1 } });
    expect(log.updates).toHaveLength(1);
  });

  it('throws RecordNotFoundError for an unknown id', () => {
    const { alice } = setup();
    expect(() => updateCustomer(alice, 'missing', { name: 'x' })).toThrow(RecordNotFoundError);
  });
});

describe('soft delete, restore and purge', () => {
  it('delete sets deletedAt and restore clears it, both stamped', () => {
    const { alice, bob } = setup();
    const id = createCustomer(alice, customerFields());
    deleteCustomer(bob, id);
    const deleted = readRecordById(alice, 'customers', id)!;
    expect(typeof deleted.deletedAt).toBe('string');
    expect(deleted.updatedBy).toBe('member-bob');
    restoreCustomer(alice, id);
    expect(readRecordById(alice, 'customers', id)).toMatchObject({ deletedAt: null, updatedBy: 'member-alice', name: '王建国' });
  });

  it('purge removes the customer and its contacts, and nobody else\'s', () => {
    const { doc, alice } = setup();
    const keep = createCustomer(alice, customerFields({ kind: 'company', name: 'Keep' }));
    const gone = createCustomer(alice, customerFields({ kind: 'company', name: 'Gone' }));
    const c1 = createContact(alice, contactFields({ customerId: gone }));
    const c2 = createContact(alice, contactFields({ customerId: gone }));
    const c3 = createContact(alice, contactFields({ customerId: keep }));
    const log = recordUpdates(doc);
    purgeCustomer(alice, gone);
    expect(log.updates).toHaveLength(1);
    expect([...collection(doc, 'customers').keys()]).toEqual([keep]);
    expect([...collection(doc, 'contacts').keys()]).toEqual([c3]);
    expect(readRecordById(alice, 'contacts', c1)).toBeUndefined();
    expect(readRecordById(alice, 'contacts', c2)).toBeUndefined();
  });

  it('purged content leaves the encoded state', () => {
    const { doc, alice } = setup();
    const id = createCustomer(alice, customerFields({ name: 'Secret Person', notes: 'private note' }));
    purgeCustomer(alice, id);
    const encoded = new TextDecoder().decode(Y.encodeStateAsUpdate(doc));
    expect(encoded).not.toContain('Secret Person');
    expect(encoded).not.toContain('private note');
  });
});

describe('contacts', () => {
  it('create, update, delete and restore', () => {
    const { alice, bob } = setup();
    const id = createContact(alice, contactFields());
    expect(contactSchema.safeParse(readRecordById(alice, 'contacts', id)).success).toBe(true);
    expect(updateContact(bob, id, { jobTitle: '总经理' })).toEqual(['jobTitle']);
    expect(readRecordById(alice, 'contacts', id)).toMatchObject({ jobTitle: '总经理', createdBy: 'member-alice', updatedBy: 'member-bob' });
    deleteContact(alice, id);
    expect(readRecordById(alice, 'contacts', id)?.deletedAt).toEqual(expect.any(String));
    restoreContact(alice, id);
    expect(readRecordById(alice, 'contacts', id)?.deletedAt).toBeNull();
  });
});

describe('bulk commands', () => {
  // A peer replaced one selected customer with a string (the list had not caught up yet): the
  // bulk change threw 'e.get is not a function' half-way, after changing the customers before it.
  it.each([
    ['a bulk delete', (ws: Workspace, ids: string[]) => setCustomersDeleted(ws, ids, true), 'deletedAt'],
    ['a bulk status change', (ws: Workspace, ids: string[]) => bulkUpdateCustomers(ws, ids, { status: 'active' }), 'status'],
  ])('%s skips an entry that is not a readable record and changes every other one', (_, run, field) => {
    const { doc, alice } = setup();
    const ids = [0, 1, 2].map((i) => createCustomer(alice, customerFields({ name: `C${i}`, status: 'lead' })));
    doc.transact(() => (collection(doc, 'customers') as Y.Map<unknown>).set(ids[1]!, 'garbage'));
    expect(() => run(alice, ids)).not.toThrow();
    expect(collection(doc, 'customers').get(ids[1]!) as unknown).toBe('garbage');
    for (const id of [ids[0]!, ids[2]!]) {
      const value = readRecordById(alice, 'customers', id)?.[field];
      if (field === 'status') expect(value).toBe('active');
      else expect(value).toEqual(expect.any(String));
    }
  });
});
