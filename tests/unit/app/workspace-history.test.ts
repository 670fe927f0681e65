import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WorkspaceSession } from '../../../src/app/session';
import { WorkspaceHistory } from '../../../src/app/workspace-history';
import { initialiseWorkspace } from '../../../src/workspace/settings-commands';
import { activityLog, collection } from '../../../src/workspace/layout';
import { createCustomer, updateCustomer } from '../../../src/workspace/customer-commands';
import { Workspace } from '../../../src/workspace/workspace';
import { registerClient } from '../../../src/sync/clients';
import { readableRecord } from '../../../src/workspace/transaction-changes';
import { BULK_CHANGE_THRESHOLD } from '../../../src/domain/history-entries';
import { customerFields } from '../support/fixtures';
import { StorageScope } from '../support/storage';
import { readCollection, recordUpdates } from '../support/ydoc';

const scope = new StorageScope();
afterEach(() => scope.cleanup());

/** The origin y-webrtc gives a teammate's update (its room object). */
const PEER = { room: 'peer' };

/** Device A (a session, with its log) holding `count` customers, and teammate B's replica of it. */
async function twoDevices(count: number) {
  const wsId = scope.workspaceId();
  const store = await scope.openStore(wsId);
  await store.ready;
  const wsA = new Workspace(wsId, store.doc, 'member-a');
  initialiseWorkspace(wsA, { name: 'Shop', defaultRegion: 'CN' });
  registerClient(store.doc, 'member-a');
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(createCustomer(wsA, customerFields({ name: `客户 ${i}`, notes: `note ${i}`, tags: [`t${i % 3}`] })));
  await store.log.flushed();
  const session = new WorkspaceSession(wsId, store, 'member-a');
  await session.opened;
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(store.doc));
  registerClient(b, 'member-b');
  /** Sends A what B has that A lacks, as a peer's update. */
  const deliverToA = async () => {
    Y.applyUpdate(store.doc, Y.encodeStateAsUpdate(b, Y.encodeStateVector(store.doc)), PEER);
    await store.log.flushed();
  };
  await deliverToA();
  return { wsId, store, session, ids, b, deliverToA, original: readCollection(store.doc, 'customers') };
}

/** Every field of every customer, without the stamps a restore sets. */
function withoutStamps(records: Record<string, Record<string, unknown>>) {
  return Object.fromEntries(Object.entries(records).map(([id, { updatedAt: _a, updatedBy: _b, ...rest }]) => [id, rest]));
}

describe('workspace history', () => {
  it('a peer deleting every customer is one bulk entry; restoring it brings every one back with all fields, as one update a second replica receives', async () => {
    const { store, session, b, deliverToA, original } = await twoDevices(30);
    store.log.peersOnline = () => ['member-b'];
    b.transact(() => {
      for (const key of [...collection(b, 'customers').keys()]) collection(b, 'customers').delete(key);
    });
    await deliverToA();
    expect(collection(store.doc, 'customers').size).toBe(0);

    // Flagged as it arrived, with who was connected (a delete names no author in Yjs).
    expect(session.history.bulk.alerts).toHaveLength(1);
    expect(session.history.bulk.alerts[0]).toMatchObject({ count: 30, collection: 'customers', via: ['member-b'] });

    const { entries } = await session.history.entries();
    const [bulk] = entries;
    expect(bulk).toMatchObject({ source: 'peer', bulk: true, destructive: 30, via: ['member-b'], counts: { customers: { removed: 30 } } });
    expect(bulk!.records).toHaveLength(30);
    // The earlier entry: this device adding them.
    expect(entries.find((e) => e.counts.customers?.added === 30)).toMatchObject({ source: 'local', authors: ['member-a'] });

    const preview = await session.history.preview(bulk!.fromSeq - 1);
    expect(preview).toHaveLength(30);
    expect(preview.every((r) => r.comparison === 'missing-now')).toBe(true);

    const sent = recordUpdates(store.doc);
    const restored = await session.history.restore(bulk!.fromSeq - 1, bulk!.records as { collection: 'customers'; id: string }[]);
    sent.stop();
    expect(restored).toBe(30);
    expect(withoutStamps(readCollection(store.doc, 'customers'))).toEqual(withoutStamps(original));
    // One local change, which the teammate's replica takes like any other.
    expect(sent.updates).toHaveLength(1);
    Y.applyUpdate(b, sent.updates[0]!.update);
    expect(withoutStamps(readCollection(b, 'customers'))).toEqual(withoutStamps(original));
    // The record history says they were restored.
    const restoreEntries = activityLog(store.doc).toArray().filter((e) => (e as { kind: string }).kind === 'restore');
    expect(restoreEntries).toHaveLength(30);
    // And the history now ends with this device's restore, which is no bulk change.
    const after = await session.history.entries();
    expect(after.entries[0]).toMatchObject({ source: 'local', bulk: false, counts: { customers: { added: 30 } } });
  });

  it('an invalid status written on 50 customers is flagged as 50 broken records and restored', async () => {
    const { store, session, b, deliverToA } = await twoDevices(50);
    b.transact(() => {
      for (const map of collection(b, 'customers').values()) map.set('status', 'garbage');
    });
    await deliverToA();
    const customers = collection(store.doc, 'customers');
    expect([...customers.entries()].filter(([id, m]) => readableRecord('customers', id, m))).toHaveLength(0);
    expect(session.history.bulk.alerts[0]).toMatchObject({ count: 50, authors: ['member-b'] });

    const [bulk] = (await session.history.entries()).entries;
    expect(bulk).toMatchObject({ bulk: true, authors: ['member-b'], counts: { customers: { broken: 50 } } });
    const preview = await session.history.preview(bulk!.fromSeq - 1);
    expect(preview.every((r) => r.comparison === 'unreadable-now')).toBe(true);
    expect(await session.history.restore(bulk!.fromSeq - 1, bulk!.records as { collection: 'customers'; id: string }[])).toBe(50);
    expect([...customers.entries()].every(([id, m]) => readableRecord('customers', id, m)?.status === 'active')).toBe(true);
  });

  it('restores only the records chosen, each whole as it was: a later edit of a chosen record is undone, others stay as they are', async () => {
    const { store, session, ids, b, deliverToA } = await twoDevices(BULK_CHANGE_THRESHOLD + 5);
    b.transact(() => {
      for (const map of collection(b, 'customers').values()) map.set('status', 'garbage');
    });
    await deliverToA();
    const [bulk] = (await session.history.entries()).entries;
    // Later, B repairs one customer by hand and adds a note; A edits another's notes.
    const wsB = new Workspace('x', b, 'member-b');
    updateCustomer(wsB, ids[0]!, { status: 'lead', notes: 'B was here' });
    await deliverToA();
    const wsA = session.workspace;
    wsA.transact(() => collection(store.doc, 'customers').get(ids[1]!)!.set('notes', 'A later'));
    await store.log.flushed();

    const preview = new Map((await session.history.preview(bulk!.fromSeq - 1)).map((r) => [r.id, r.comparison]));
    expect(preview.get(ids[0]!)).toBe('changed');
    expect(preview.get(ids[1]!)).toBe('unreadable-now');

    const chosen = [ids[0]!, ids[2]!].map((id) => ({ collection: 'customers' as const, id }));
    expect(await session.history.restore(bulk!.fromSeq - 1, chosen)).toBe(2);
    const now = readCollection(store.doc, 'customers');
    expect(now[ids[0]!]).toMatchObject({ status: 'active', notes: 'note 0' });
    expect(now[ids[2]!]).toMatchObject({ status: 'active' });
    // Not chosen: left exactly as they are.
    expect(now[ids[1]!]).toMatchObject({ status: 'garbage', notes: 'A later' });
    expect(now[ids[3]!]).toMatchObject({ status: 'garbage' });
    // Nothing that did not exist then is removed: a customer added since stays.
    const added = createCustomer(wsA, customerFields({ name: 'New since' }));
    await session.history.restore(bulk!.fromSeq - 1, [{ collection: 'customers', id: added }]);
    expect(collection(store.doc, 'customers').has(added)).toBe(true);
  });

  it('a field a record did not have then is put back as its default, never as null: the restored record reads', async () => {
    const { store, session, ids, b, deliverToA } = await twoDevices(1);
    // A record written before `notes` existed (or by a peer that left it out): valid, its default applies.
    const map = collection(b, 'customers').get(ids[0]!)!;
    const { notes: _notes, ...base } = map.get('base') as Record<string, unknown>;
    b.transact(() => map.set('base', base));
    await deliverToA();
    const then = (await scope.logDb(session.id).updates.orderBy('seq').lastKey()) as number;
    expect(readableRecord('customers', ids[0]!, collection(store.doc, 'customers').get(ids[0]!))).toBeDefined();
    // Later someone writes notes; restoring the record as it was must not leave `notes: null`.
    updateCustomer(new Workspace('x', b, 'member-b'), ids[0]!, { notes: 'later' });
    await deliverToA();
    expect(await session.history.restore(then, [{ collection: 'customers', id: ids[0]! }])).toBe(1);
    const restored = readableRecord('customers', ids[0]!, collection(store.doc, 'customers').get(ids[0]!));
    expect(restored).toBeDefined();
    expect(restored?.notes ?? '').toBe('');
  });

  it('records a peer broke only in their stamps (updatedAt, updatedBy) are restored readable', async () => {
    const { store, session, ids, b, deliverToA } = await twoDevices(3);
    const before = (await scope.logDb(session.id).updates.orderBy('seq').lastKey()) as number;
    b.transact(() => {
      collection(b, 'customers').get(ids[0]!)!.set('updatedAt', 5);
      collection(b, 'customers').get(ids[1]!)!.set('updatedBy', { deep: true });
    });
    await deliverToA();
    const customers = collection(store.doc, 'customers');
    expect(readableRecord('customers', ids[0]!, customers.get(ids[0]!))).toBeUndefined();
    const preview = new Map((await session.history.preview(before)).map((r) => [r.id, r.comparison]));
    expect(preview.get(ids[0]!)).toBe('unreadable-now');
    const chosen = [ids[0]!, ids[1]!].map((id) => ({ collection: 'customers' as const, id }));
    expect(await session.history.restore(before, chosen)).toBe(2);
    for (const id of chosen.map((c) => c.id)) expect(readableRecord('customers', id, customers.get(id))).toBeDefined();
  });

  it('records a peer replaced with strings come back as records, and many new records from a peer raise no alert', async () => {
    const { store, session, ids, b, deliverToA, original } = await twoDevices(BULK_CHANGE_THRESHOLD + 5);
    const wsB = new Workspace('x', b, 'member-b');
    for (let i = 0; i < 100; i++) createCustomer(wsB, customerFields({ name: `From B ${i}` }));
    await deliverToA();
    expect(session.history.bulk.alerts).toHaveLength(0);
    b.transact(() => {
      for (const id of ids) (collection(b, 'customers') as unknown as Y.Map<unknown>).set(id, 'garbage');
    });
    await deliverToA();
    expect(session.history.bulk.alerts[0]).toMatchObject({ count: ids.length });
    const [bulk] = (await session.history.entries()).entries;
    expect(bulk).toMatchObject({ bulk: true, counts: { customers: { broken: ids.length } } });
    expect(await session.history.restore(bulk!.fromSeq - 1, bulk!.records as { collection: 'customers'; id: string }[])).toBe(ids.length);
    const now = readCollection(store.doc, 'customers');
    expect(withoutStamps(Object.fromEntries(ids.map((id) => [id, now[id]!])))).toEqual(withoutStamps(original));
    expect(Object.keys(now)).toHaveLength(ids.length + 100);
  });

  it('a flag not reviewed yet is there again after a restart; a dismissed one is not', async () => {
    const { store, session, b, deliverToA } = await twoDevices(BULK_CHANGE_THRESHOLD + 1);
    b.transact(() => {
      for (const key of [...collection(b, 'customers').keys()]) collection(b, 'customers').delete(key);
    });
    await deliverToA();
    const reopen = async () => {
      const history = new WorkspaceHistory(store, session.workspace, async (command) => command(), () => session.prefs);
      await history.ready;
      return history;
    };
    await session.history.ready;
    const again = await reopen();
    expect(again.bulk.alerts).toHaveLength(1);
    expect(again.bulk.alerts[0]).toMatchObject({ count: BULK_CHANGE_THRESHOLD + 1, collection: 'customers' });
    again.bulk.dismiss(again.bulk.alerts[0]!);
    expect((await reopen()).bulk.alerts).toHaveLength(0);
  });

  it('a few deletions from a peer are history, not an alert', async () => {
    const { store, session, b, deliverToA } = await twoDevices(BULK_CHANGE_THRESHOLD + 1);
    b.transact(() => {
      for (const key of [...collection(b, 'customers').keys()].slice(0, BULK_CHANGE_THRESHOLD)) collection(b, 'customers').delete(key);
    });
    await deliverToA();
    expect(collection(store.doc, 'customers').size).toBe(1);
    expect(session.history.bulk.alerts).toHaveLength(0);
    const [entry] = (await session.history.entries()).entries;
    expect(entry).toMatchObject({ bulk: false, counts: { customers: { removed: BULK_CHANGE_THRESHOLD } } });
  });

  it('log rows say where each update came from: this device, or a peer with its writers and who was connected', async () => {
    const { wsId, store, b, deliverToA } = await twoDevices(1);
    store.log.peersOnline = () => ['member-b'];
    createCustomer(new Workspace(wsId, store.doc, 'member-a'), customerFields({ name: 'Local' }));
    createCustomer(new Workspace(wsId, b, 'member-b'), customerFields({ name: 'Remote' }));
    await deliverToA();
    const rows = await scope.logDb(wsId).updates.orderBy('seq').toArray();
    const [local, remote] = rows.slice(-2);
    expect(local).toMatchObject({ source: 'local', clients: [store.doc.clientID] });
    expect(local!.via).toBeUndefined();
    expect(remote).toMatchObject({ source: 'peer', clients: [b.clientID], via: ['member-b'] });
  });
});
