import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changesOfTransaction } from '../../../src/workspace/transaction-changes';
import { collection } from '../../../src/workspace/layout';
import { createCustomer, deleteCustomer, restoreCustomer, updateCustomer } from '../../../src/workspace/customer-commands';
import { Workspace } from '../../../src/workspace/workspace';
import { customerFields } from '../support/fixtures';

function deep(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = { next: value };
  return value;
}

/** A workspace with one customer, and the changes the next transaction makes. */
function setup() {
  const doc = new Y.Doc();
  for (const name of ['customers'] as const) collection(doc, name);
  const ws = new Workspace('w', doc, 'm');
  const id = createCustomer(ws, customerFields({ name: 'Wang' }));
  let seen: ReturnType<typeof changesOfTransaction> = [];
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.changed.size) seen = changesOfTransaction(doc, tr);
  });
  return { doc, ws, id, changes: () => seen };
}

describe('changesOfTransaction', () => {
  it.each<[string, (s: ReturnType<typeof setup>) => void, string]>([
    ['a new record', (s) => createCustomer(s.ws, customerFields({ name: 'Li' })), 'added'],
    ['an edit', (s) => updateCustomer(s.ws, s.id, { notes: 'x' }), 'changed'],
    ['a move to the Trash', (s) => deleteCustomer(s.ws, s.id), 'deleted'],
    ['a key removed from the collection', (s) => s.doc.transact(() => collection(s.doc, 'customers').delete(s.id)), 'removed'],
    ['an invalid status', (s) => s.doc.transact(() => collection(s.doc, 'customers').get(s.id)!.set('status', 'garbage')), 'broken'],
    ['a string in place of the record', (s) => s.doc.transact(() => (collection(s.doc, 'customers') as unknown as Y.Map<unknown>).set(s.id, 'garbage')), 'broken'],
    ['a record map replacing the record', (s) => s.doc.transact(() => collection(s.doc, 'customers').set(s.id, new Y.Map())), 'broken'],
    ['a field nested 3,000 levels deep', (s) => s.doc.transact(() => collection(s.doc, 'customers').get(s.id)!.set('extra', deep(3000))), 'broken'],
    ['a Y.Map as base', (s) => s.doc.transact(() => collection(s.doc, 'customers').get(s.id)!.set('base', new Y.Map())), 'broken'],
  ])('%s', (_, act, kind) => {
    const s = setup();
    act(s);
    expect(s.changes().filter((c) => c.kind === kind)).toHaveLength(1);
    expect(s.changes().every((c) => c.collection === 'customers')).toBe(true);
  });

  it('taking a record out of the Trash is a restore', () => {
    const s = setup();
    deleteCustomer(s.ws, s.id);
    restoreCustomer(s.ws, s.id);
    expect(s.changes()).toEqual([{ collection: 'customers', id: s.id, kind: 'restored' }]);
  });

  it('a peer update touching many records is classified in one pass, each record once', () => {
    const s = setup();
    const ids = Array.from({ length: 30 }, (_, i) => createCustomer(s.ws, customerFields({ name: `C${i}` })));
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(s.doc));
    peer.transact(() => {
      for (const id of ids.slice(0, 10)) collection(peer, 'customers').delete(id);
      for (const id of ids.slice(10, 20)) collection(peer, 'customers').get(id)!.set('status', 'nope');
      for (const id of ids.slice(20)) collection(peer, 'customers').get(id)!.set('notes', 'fine');
    });
    Y.applyUpdate(s.doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(s.doc)), 'peer');
    const count = (kind: string) => s.changes().filter((c) => c.kind === kind).length;
    expect([count('removed'), count('broken'), count('changed'), s.changes().length]).toEqual([10, 10, 10, 30]);
  });
});
