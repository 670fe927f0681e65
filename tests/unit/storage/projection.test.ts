import { afterEach, describe, expect, it, vi } from 'vitest';
import { nameSortKey, textSortKey } from '../../../src/domain/sort-key';
import * as Y from 'yjs';
import { Projection } from '../../../src/storage/projection';
import type { ProjectionBatch } from '../../../src/storage/projection-batches';
import type { ReadDb } from '../../../src/storage/read-db';
import { createCustomer, deleteCustomer, purgeCustomer, restoreCustomer, updateCustomer } from '../../../src/workspace/customer-commands';
import { createContact } from '../../../src/workspace/contact-commands';
import { createCustomField, initialiseWorkspace, upsertMember } from '../../../src/workspace/settings-commands';
import { collection } from '../../../src/workspace/layout';
import { readRecord } from '../../../src/workspace/record-map';
import { Workspace } from '../../../src/workspace/workspace';
import { ErrorCode } from '../../../src/domain/error-codes';
import { generateSampleWorkspace } from '../../../src/domain/sample-data';
import { contactFields, customerFields, customerRecord, meta } from '../support/fixtures';
import { StorageScope } from '../support/storage';
import { putRawRecord, syncOneWay } from '../support/ydoc';

const scope = new StorageScope();
afterEach(() => scope.cleanup());

const setup = () => scope.openProjection();

async function allRows(db: ReadDb) {
  const byId = <T extends { id?: string; key?: string }>(rows: T[]) => rows.sort((a, b) => String(a.id ?? a.key).localeCompare(String(b.id ?? b.key)));
  return {
    customers: byId(await db.customers.toArray()),
    contacts: byId(await db.contacts.toArray()),
    members: byId(await db.members.toArray()),
    customFields: byId(await db.customFields.toArray()),
    problems: byId((await db.problems.toArray()).map(({ at: _at, ...p }) => p)),
    settings: (await db.meta.get('settings'))?.value,
  };
}

describe('Projection: read rows', () => {
  it('writes a validated row with its index keys for every new customer', async () => {
    const { db, projection, ws } = setup();
    const id = createCustomer(ws, customerFields({ name: 'Ann Lee', address: { street: '', city: 'Boston', region: 'MA', postalCode: '', country: 'US' } }));
    await projection.idle();
    const row = await db.customers.get(id);
    expect(row).toMatchObject({ id, name: 'Ann Lee', alive: 1, nameKey: nameSortKey('Ann Lee'), cityKey: textSortKey('Boston'), reachable: 1, createdBy: 'member-a', tags: ['VIP'] });
  });

  it('marks a customer without phone or email as not reachable', async () => {
    const { db, projection, ws } = setup();
    const id = createCustomer(ws, customerFields({ phones: [], emails: [] }));
    await projection.idle();
    expect((await db.customers.get(id))?.reachable).toBe(0);
  });

  it('follows edits, soft delete, restore and purge', async () => {
    const { db, projection, ws } = setup();
    const id = createCustomer(ws, customerFields({ kind: 'company', name: 'Acme' }));
    const contact = createContact(ws, contactFields({ customerId: id }));
    await projection.idle();
    expect((await db.contacts.get(contact))?.alive).toBe(1);

    updateCustomer(ws, id, { name: 'Acme Ltd', tags: ['b2b'] });
    await projection.idle();
    expect(await db.customers.get(id)).toMatchObject({ name: 'Acme Ltd', nameKey: nameSortKey('Acme Ltd'), tags: ['b2b'] });

    deleteCustomer(ws, id);
    await projection.idle();
    expect(await db.customers.get(id)).toMatchObject({ alive: 0, deletedAt: expect.any(String) });

    restoreCustomer(ws, id);
    await projection.idle();
    expect(await db.customers.get(id)).toMatchObject({ alive: 1, deletedAt: null });

    purgeCustomer(ws, id);
    await projection.idle();
    expect(await db.customers.get(id)).toBeUndefined();
    expect(await db.contacts.get(contact)).toBeUndefined();
  });

  it('projects members, custom fields and settings', async () => {
    const { db, projection, ws } = setup();
    initialiseWorkspace(ws, { name: 'Shop', defaultRegion: 'US' });
    upsertMember(ws, 'Ann');
    const field = createCustomField(ws, { label: 'Tier', type: 'choice', options: ['gold'] });
    await projection.idle();
    expect(await db.members.get('member-a')).toMatchObject({ name: 'Ann' });
    expect(await db.customFields.get(field)).toMatchObject({ label: 'Tier', alive: 1 });
    expect((await db.meta.get('settings'))?.value).toEqual({ name: 'Shop', defaultRegion: 'US' });
  });

  it('projects a peer\'s update the same way as a local edit', async () => {
    const { doc, db, projection } = setup();
    const peer = new Workspace('ws', new Y.Doc(), 'member-peer');
    const id = createCustomer(peer, customerFields({ name: 'From a peer' }));
    syncOneWay(peer.doc, doc);
    await projection.idle();
    expect(await db.customers.get(id)).toMatchObject({ name: 'From a peer', createdBy: 'member-peer' });
  });

  it('stops following the doc after stop()', async () => {
    const { db, projection, ws } = setup();
    projection.stop();
    createCustomer(ws, customerFields());
    await projection.idle();
    expect(await db.customers.count()).toBe(0);
  });

  it('knows whether the tables match the document state', async () => {
    const { projection, ws } = setup();
    createCustomer(ws, customerFields());
    await projection.idle();
    expect(await projection.isCurrent()).toBe(true);
    projection.stop();
    createCustomer(ws, customerFields());
    expect(await projection.isCurrent()).toBe(false);
  });
});

describe('Projection: hold', () => {
  /** A teammate's new customer reaches `doc`, and the projection's flush of it waits for the holds. Returns its id. */
  async function fromPeer(doc: Y.Doc, projection: Projection, name = 'From a peer') {
    const peer = new Workspace('ws', new Y.Doc(), 'member-peer');
    const id = createCustomer(peer, customerFields({ name }));
    syncOneWay(peer.doc, doc);
    await vi.waitFor(() => expect(projection.waitingForRelease).toBe(true));
    return id;
  }

  it("keeps a peer's records back until the hold is released, then writes them all", async () => {
    const { doc, db, projection } = setup();
    const release = projection.hold();
    const first = await fromPeer(doc, projection, 'First piece');
    const second = await fromPeer(doc, projection, 'Second piece');
    expect(await db.customers.count()).toBe(0);
    release();
    release();
    await projection.idle();
    expect((await db.customers.bulkGet([first, second])).map((c) => c?.name)).toEqual(['First piece', 'Second piece']);
  });

  it('never holds back a change made on this device, and takes what waited with it', async () => {
    const { doc, db, projection, ws } = setup();
    const release = projection.hold();
    const theirs = await fromPeer(doc, projection);
    const mine = createCustomer(ws, customerFields({ name: 'Mine' }));
    await projection.idle();
    expect((await db.customers.bulkGet([mine, theirs])).map((c) => c?.name)).toEqual(['Mine', 'From a peer']);
    release();
  });

  it('sends customers before the other collections, whatever order they changed in', async () => {
    const doc = new Y.Doc();
    const sent: string[] = [];
    const sink = {
      write: (batch: ProjectionBatch) => (sent.push(batch.kind === 'records' ? batch.collection : batch.kind), Promise.resolve()),
      onChange: () => () => {},
      sendChangesTo: () => () => {},
      close: () => {},
    };
    const projection = new Projection(doc, scope.readDb(scope.workspaceId()), sink);
    projection.start();
    const peer = new Workspace('ws', new Y.Doc(), 'member-peer');
    peer.transact(() => {
      const id = createCustomer(peer, customerFields({ name: 'Harbor Logistics Ltd' }));
      createContact(peer, contactFields({ customerId: id }));
    });
    const contactsFirst = new Y.Doc();
    contactsFirst.getMap('contacts').set('x', new Y.Map());
    syncOneWay(contactsFirst, doc);
    syncOneWay(peer.doc, doc);
    await projection.idle();
    projection.stop();
    expect(sent.filter((s) => s !== 'meta' && s !== 'activity')).toEqual(['customers', 'contacts']);
  });

  it('waits for every hold, and stop() lets what was held go in', async () => {
    const { doc, db, projection } = setup();
    const releaseA = projection.hold();
    projection.hold();
    await fromPeer(doc, projection);
    releaseA();
    // One hold is left: the flush still waits.
    expect(projection.waitingForRelease).toBe(true);
    expect(await db.customers.count()).toBe(0);
    projection.stop();
    await projection.idle();
    expect(await db.customers.count()).toBe(1);
  });
});

describe('Projection: records on their way to the tables', () => {
  it('counts what a change sent and what is written, back to 0, for a rebuild too', async () => {
    const { doc, db, projection, ws } = setup();
    const seen: number[] = [];
    projection.onUnwritten((n) => seen.push(n));
    const sample = generateSampleWorkspace({ customers: 1200, seed: 3, now: new Date('2026-11-24T00:00:00Z'), memberId: 'member-a' });
    doc.transact(() => {
      for (const { id, ...fields } of sample.customers) createCustomer(ws, fields, id);
    });
    await projection.idle();
    expect(seen[0]).toBe(0);
    expect(Math.max(...seen)).toBe(1200);
    // Counted down a batch at a time (500 records), not all at once at the end.
    expect(seen.filter((n) => n > 0 && n < 1200).length).toBeGreaterThanOrEqual(2);
    expect(seen.at(-1)).toBe(0);
    expect(await db.customers.count()).toBe(1200);

    seen.length = 0;
    await projection.rebuild();
    expect(Math.max(...seen)).toBeGreaterThanOrEqual(1200);
    expect(seen.at(-1)).toBe(0);
  });
});

describe('Projection: quarantine', () => {
  it('an invalid record goes to problems, and the rest of the same update still projects', async () => {
    const { doc, db, projection, ws } = setup();
    const peer = new Y.Doc();
    putRawRecord(peer, 'customers', 'good', customerRecord({ id: 'good', name: 'Good' }));
    putRawRecord(peer, 'customers', 'bad', customerRecord({ id: 'bad', phones: [{ label: 'mobile', number: '138 0013 8000' }], emails: 'nope' }));
    const local = createCustomer(ws, customerFields({ name: 'Local' }));
    syncOneWay(peer, doc);
    await projection.idle();

    expect((await db.customers.toArray()).map((r) => r.name).sort()).toEqual(['Good', 'Local']);
    expect(await db.customers.get('bad')).toBeUndefined();
    const problem = await db.problems.get('customers/bad');
    expect(problem).toMatchObject({ collection: 'customers', recordId: 'bad', errors: { 'phones.0.number': ErrorCode.phoneNotE164, emails: ErrorCode.invalid } });
    expect(JSON.parse(problem!.raw)).toMatchObject({ id: 'bad', emails: 'nope' });
    expect(await db.customers.get(local)).toBeDefined();
    // The record stays in the document untouched.
    expect(readRecord(collection(doc, 'customers').get('bad')!).emails).toBe('nope');
  });

  it('a record whose id does not match its key is quarantined', async () => {
    const { doc, db, projection } = setup();
    putRawRecord(doc, 'customers', 'key-1', customerRecord({ id: 'other-id' }));
    await projection.idle();
    expect(await db.customers.count()).toBe(0);
    expect((await db.problems.get('customers/key-1'))?.errors).toEqual({ id: ErrorCode.invalid });
  });

  it('a fix from a peer takes the record out of quarantine', async () => {
    const { doc, db, projection } = setup();
    const map = putRawRecord(doc, 'customers', 'c1', customerRecord({ id: 'c1', name: '' }));
    await projection.idle();
    expect((await db.problems.get('customers/c1'))?.errors).toEqual({ name: ErrorCode.required });
    doc.transact(() => map.set('name', 'Fixed'), 'remote');
    await projection.idle();
    expect(await db.problems.count()).toBe(0);
    expect((await db.customers.get('c1'))?.name).toBe('Fixed');
  });

  it('a purged invalid record leaves the problems list', async () => {
    const { doc, db, projection } = setup();
    putRawRecord(doc, 'customers', 'c1', customerRecord({ id: 'c1', kind: 'robot' }));
    await projection.idle();
    expect(await db.problems.count()).toBe(1);
    doc.transact(() => collection(doc, 'customers').delete('c1'), 'remote');
    await projection.idle();
    expect(await db.problems.count()).toBe(0);
  });

  it('invalid settings fall back to defaults instead of failing the projection', async () => {
    const { doc, db, projection } = setup();
    doc.getMap('settings').set('defaultRegion', 'Mars');
    await projection.idle();
    expect((await db.meta.get('settings'))?.value).toEqual({ name: '', defaultRegion: 'CN' });
  });
});

describe('Projection: rebuild from the document', () => {
  it('leaves no settings row for a document that has none yet (joined, nothing received)', async () => {
    const { db, projection, ws } = setup();
    await projection.rebuild();
    expect(await db.meta.get('settings')).toBeUndefined();
    initialiseWorkspace(ws, { name: 'Shop', defaultRegion: 'CN' });
    await projection.rebuild();
    expect((await db.meta.get('settings'))?.value).toMatchObject({ name: 'Shop' });
  });

  it('gives exactly the rows the incremental projection wrote', async () => {
    const { doc, db, projection, ws } = setup();
    initialiseWorkspace(ws, { name: 'Shop', defaultRegion: 'CN' });
    upsertMember(ws, 'Ann');
    createCustomField(ws, { label: 'Points', type: 'number', options: [] });
    const sample = generateSampleWorkspace({ customers: 60, seed: 3, now: new Date('2026-03-01T00:00:00Z'), memberId: 'member-a' });
    ws.transact(() => {
      for (const { id, ...c } of sample.customers) createCustomer(ws, c, id);
      for (const c of sample.contacts) createContact(ws, c);
    });
    const first = sample.customers[0]!.id;
    updateCustomer(ws, first, { name: 'Edited' });
    deleteCustomer(ws, sample.customers[1]!.id);
    purgeCustomer(ws, sample.customers[2]!.id);
    putRawRecord(doc, 'customers', 'broken', customerRecord({ id: 'broken', status: 'gone' }));
    await projection.idle();
    const incremental = await allRows(db);
    expect(incremental.customers).toHaveLength(60 - 1);
    expect(incremental.problems.map((p) => p.key)).toEqual(['customers/broken']);

    await projection.rebuild();
    expect(await allRows(db)).toEqual(incremental);
    expect(await projection.isCurrent()).toBe(true);
  });

  it('restores tables that were dropped', async () => {
    const { db, projection, ws } = setup();
    for (let i = 0; i < 5; i++) createCustomer(ws, customerFields({ name: `C${i}` }));
    await projection.idle();
    const before = await allRows(db);
    await db.customers.clear();
    await db.meta.clear();
    expect(await projection.isCurrent()).toBe(false);
    await projection.rebuild();
    expect((await allRows(db)).customers).toEqual(before.customers);
  });

  it('a record purged while a large rebuild is under way leaves no row and no problem', async () => {
    const { doc, db, projection, ws } = setup();
    const ids: string[] = [];
    ws.transact(() => {
      for (let i = 0; i < 2100; i++) ids.push(createCustomer(ws, customerFields({ name: `C${i}` })));
    });
    await projection.idle();
    const victim = ids[2050]!;
    // Purge the record (as a peer's update would) just as the rebuild starts the slice that holds it.
    const transaction = db.transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
    let sliceCalls = 0;
    db.transaction = ((...args: unknown[]) => {
      const tables = [args[1]].flat() as ({ name?: string } | undefined)[];
      if (tables[0]?.name === 'customers' && ++sliceCalls === 1) doc.transact(() => collection(doc, 'customers').delete(victim), 'remote');
      return transaction(...args);
    }) as typeof db.transaction;
    await projection.rebuild();
    await projection.idle();
    expect(sliceCalls).toBeGreaterThanOrEqual(2);
    expect(await db.customers.get(victim)).toBeUndefined();
    expect(await db.problems.toArray()).toEqual([]);
    expect(await db.customers.count()).toBe(2099);
  });

  it('removes rows of records that are no longer in the document', async () => {
    const { db, projection } = setup();
    await db.customers.put({ ...meta({ id: 'ghost' }), ...customerFields(), alive: 1, nameKey: 'ghost', cityKey: '', reachable: 1, birthdayKey: '', sinceKey: '', reviewKey: '' });
    await projection.rebuild();
    expect(await db.customers.count()).toBe(0);
  });
});

describe('unknown fields from a newer version', () => {
  it('are preserved in the document and the read row after an edit', async () => {
    const { doc, db, projection, ws } = setup();
    const map = putRawRecord(doc, 'customers', 'c1', customerRecord({ id: 'c1', loyaltyPoints: 120, tags: ['vip'] }), { wechatId: 'wx_ann', 'tag:future': true });
    const baseBefore = structuredClone(map.get('base'));
    updateCustomer(ws, 'c1', { name: 'Edited here', tags: ['vip', 'future', 'local'] });
    await projection.idle();

    const record = readRecord(map);
    expect(record).toMatchObject({ name: 'Edited here', loyaltyPoints: 120, wechatId: 'wx_ann', tags: ['future', 'local', 'vip'] });
    expect(map.get('base')).toEqual(baseBefore);
    expect(await db.customers.get('c1')).toMatchObject({ name: 'Edited here', loyaltyPoints: 120, wechatId: 'wx_ann' });
  });
});
