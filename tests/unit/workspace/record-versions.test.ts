import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bulkUpdateCustomers, createCustomer, updateCustomer, deleteCustomer } from '../../../src/workspace/customer-commands';
import { insertRecord, patchRecord, readRecordById } from '../../../src/workspace/record-commands';
import { EntryProblem, readEntry } from '../../../src/workspace/record-entry';
import { activityLog, collection, metaMap, settingsMap } from '../../../src/workspace/layout';
import { formatWatchOf } from '../../../src/workspace/format-watch';
import { restoreRecords } from '../../../src/workspace/history-commands';
import { upsertMember } from '../../../src/workspace/settings-commands';
import { CrmSettingsCommands } from '../../../src/workspace/crm-settings-commands';
import type { CommandContext } from '../../../src/workspace/command-context';
import { Workspace } from '../../../src/workspace/workspace';
import { NewerFormatError } from '../../../src/domain/record-versions';
import { customerSchema } from '../../../src/domain/customer';
import { customerFields, customerRecord, steppingClock } from '../support/fixtures';
import { putRawRecord, recordUpdates, syncOneWay } from '../support/ydoc';

const ID = '01960000-0000-7000-8000-0000000000a1';

function setup() {
  const doc = new Y.Doc();
  return { doc, ws: new Workspace('ws-1', doc, 'member-alice', steppingClock()) };
}

/** A customer as an app before record versions wrote it: no `v`, two spellings of one tag. */
function version1Customer(doc: Y.Doc, tags = ['vip', 'VIP', '老客户']) {
  return putRawRecord(doc, 'customers', ID, customerRecord({ id: ID, tags }));
}

describe('reading a record of an older version', () => {
  it('reads a version 1 customer in the current format: one spelling per tag', () => {
    const { doc } = setup();
    const map = version1Customer(doc);
    const read = readEntry(ID, map);
    expect('record' in read && read.record.tags).toEqual(['VIP', '老客户']);
    expect('record' in read && customerSchema.safeParse(read.record).success).toBe(true);
  });

  it('leaves the stored record as it was: reading writes nothing', () => {
    const { doc } = setup();
    const map = version1Customer(doc);
    const updates = recordUpdates(doc);
    readEntry(ID, map);
    readRecordById(new Workspace('ws-1', doc, 'm'), 'customers', ID);
    expect(updates.updates).toEqual([]);
    expect(map.get('v')).toBeUndefined();
    expect([map.get('tag:vip'), map.get('tag:VIP'), map.get('tag:老客户')]).toEqual([true, true, true]);
  });

  it('never shows the version as a field', () => {
    const { ws } = setup();
    const id = createCustomer(ws, customerFields());
    expect(readRecordById(ws, 'customers', id)).not.toHaveProperty('v');
    expect((collection(ws.doc, 'customers').get(id)!.get('base') as Record<string, unknown>).v).toBe(2);
  });
});

describe('writing back at the current version (only by a command)', () => {
  it('a command on a version 1 customer writes its merged tags and v = 2, and logs only what the person changed', () => {
    const { doc, ws } = setup();
    const map = version1Customer(doc);
    expect(updateCustomer(ws, ID, { name: '王伟' })).toEqual(['name']);
    expect(map.get('v')).toBe(2);
    expect(map.get('tag:vip')).toBeNull();
    expect(readRecordById(ws, 'customers', ID)).toEqual(expect.objectContaining({ name: '王伟', tags: ['VIP', '老客户'] }));
    const entries = activityLog(doc).toArray() as { field: string | null }[];
    expect(entries.map((e) => e.field)).toEqual(['name']);
  });

  it('a command that changes nothing writes nothing, not even the version', () => {
    const { doc, ws } = setup();
    const map = version1Customer(doc);
    const updates = recordUpdates(doc);
    expect(updateCustomer(ws, ID, { tags: ['VIP', '老客户'] })).toEqual([]);
    expect(updates.updates).toEqual([]);
    expect(map.get('v')).toBeUndefined();
  });

  it('a soft delete writes the record back too', () => {
    const { doc, ws } = setup();
    const map = version1Customer(doc);
    deleteCustomer(ws, ID);
    expect(map.get('v')).toBe(2);
    expect(readRecordById(ws, 'customers', ID)?.tags).toEqual(['VIP', '老客户']);
  });

  it('an older app that adds a second spelling to a version 2 customer still reads as one tag', () => {
    const { doc, ws } = setup();
    const id = createCustomer(ws, customerFields({ tags: ['vip'] }));
    collection(doc, 'customers').get(id)!.set('tag:VIP', true); // an app before versions, or a concurrent add
    expect(readRecordById(ws, 'customers', id)?.tags).toEqual(['VIP']);
    // Removing the tag removes every spelling of it.
    updateCustomer(ws, id, { tags: [] });
    expect(readRecordById(ws, 'customers', id)?.tags).toEqual([]);
  });

  it('a history restore of a record gone from the document writes it at the current version', () => {
    const { doc, ws } = setup();
    restoreRecords(ws, [{ collection: 'customers', id: ID, action: { kind: 'recreate', fields: customerRecord({ id: ID, tags: ['VIP'] }) } }]);
    expect(collection(doc, 'customers').get(ID)!.get('base')).toEqual(expect.objectContaining({ v: 2 }));
  });
});

describe('a record of a newer version', () => {
  it('is refused with its reason, kept as it is, and never migrated down', () => {
    const { doc } = setup();
    const map = putRawRecord(doc, 'customers', ID, customerRecord({ id: ID, v: 3, tags: ['vip', 'VIP'], newField: { x: 1 } }));
    expect(readEntry(ID, map)).toEqual({ refused: { v: EntryProblem.newerVersion }, preview: expect.any(String), id: ID });
    expect(map.get('base')).toEqual(expect.objectContaining({ v: 3, newField: { x: 1 } }));
  });

  it('stops every write of its type, and only of its type', () => {
    const { doc, ws } = setup();
    const older = createCustomer(ws, customerFields());
    putRawRecord(doc, 'customers', ID, customerRecord({ id: ID, v: 3 }));
    const updates = recordUpdates(doc);
    expect(() => updateCustomer(ws, ID, { name: 'x' })).toThrow(NewerFormatError);
    expect(() => updateCustomer(ws, older, { name: 'x' })).toThrow(NewerFormatError);
    expect(() => createCustomer(ws, customerFields())).toThrow(NewerFormatError);
    expect(updates.updates).toEqual([]);
    expect(formatWatchOf(doc).state.newerTypes).toEqual(new Map([['customers', 3]]));
    expect(() => insertRecord(ws, 'members', { name: 'Li' }, 'member-alice')).not.toThrow();
  });

  it('is noticed when it arrives from a peer, and the watch says so', () => {
    const { doc, ws } = setup();
    const watch = formatWatchOf(doc);
    let told = 0;
    watch.subscribe(() => told++);
    const peer = new Y.Doc();
    putRawRecord(peer, 'orders', ID, { id: ID, v: 2 });
    syncOneWay(peer, doc);
    expect(told).toBe(1);
    expect(watch.writable('orders')).toBe(false);
    expect(watch.writable('customers')).toBe(true);
    expect(() => createCustomer(ws, customerFields())).not.toThrow();
  });

  it('is noticed when a record map is given a newer version later', () => {
    const { doc, ws } = setup();
    const id = createCustomer(ws, customerFields());
    const watch = formatWatchOf(doc);
    doc.transact(() => collection(doc, 'customers').get(id)!.set('v', 9), 'remote');
    expect(watch.state.newerTypes.get('customers')).toBe(9);
  });

  it('an activity entry of a newer version stops the writes that log activity, not the others', () => {
    const { doc, ws } = setup();
    const id = createCustomer(ws, customerFields());
    doc.transact(() => activityLog(doc).push([{ id: 'a', v: 2 }]), 'remote');
    expect(() => updateCustomer(ws, id, { name: 'x' })).toThrow(NewerFormatError);
    expect(() => patchRecord(ws, 'members', 'member-alice', { name: 'Li' })).toThrow(); // not found, not refused for format
    expect(() => insertRecord(ws, 'views', { name: 'Mine', query: '', columns: [] })).not.toThrow();
    expect(() => insertRecord(ws, 'customFields', { label: 'L', type: 'text', options: [] })).toThrow(NewerFormatError);
  });

  it('a crm setting of a newer version is refused and stops only its own writes', () => {
    const { doc } = setup();
    doc.transact(() => settingsMap(doc).set('crm', { currency: 'USD', v: 2 }), 'remote');
    expect(formatWatchOf(doc).writable('settings.crm')).toBe(false);
    expect(formatWatchOf(doc).writable('customers')).toBe(true);
  });

  it('a document whose schemaVersion is newer than this app knows stops every write', () => {
    const { doc, ws } = setup();
    const id = createCustomer(ws, customerFields());
    doc.transact(() => metaMap(doc).set('schemaVersion', 2), 'remote');
    expect(formatWatchOf(doc).state.newerSchema).toBe(2);
    expect(() => updateCustomer(ws, id, { name: 'x' })).toThrow(NewerFormatError);
    expect(() => insertRecord(ws, 'members', { name: 'Li' })).toThrow(NewerFormatError);
  });

  it('finds what a document already held when it is first watched (a stored log loaded before)', () => {
    const { doc } = setup();
    putRawRecord(doc, 'tasks', ID, { id: ID, v: 5 });
    expect(formatWatchOf(doc).state.newerTypes).toEqual(new Map([['tasks', 5]]));
  });

  it('ignores versions that are not numbers: such a record is refused as unreadable, not as newer', () => {
    const { doc } = setup();
    const map = putRawRecord(doc, 'customers', ID, customerRecord({ id: ID, v: 'two' }));
    expect(readEntry(ID, map)).toEqual(expect.objectContaining({ refused: { v: EntryProblem.badVersion } }));
    expect(formatWatchOf(doc).writable('customers')).toBe(true);
  });
});

describe('opening a workspace a newer Kehu saved', () => {
  it('the member stamp of every open is skipped, not thrown, so the workspace still opens', () => {
    const { doc, ws } = setup();
    doc.transact(() => metaMap(doc).set('schemaVersion', 2), 'remote');
    expect(() => upsertMember(ws, 'Li')).not.toThrow();
    expect(collection(doc, 'members').size).toBe(0);
  });
});

describe('a bulk tag change compares tags by key', () => {
  it('adds no second spelling, removes every spelling, and writes a version 1 customer back at version 2', () => {
    const { doc, ws } = setup();
    const map = version1Customer(doc, ['vip', 'VIP']);
    const other = createCustomer(ws, customerFields({ tags: ['b'] }));
    expect(bulkUpdateCustomers(ws, [ID, other], { addTag: 'ＶＩＰ' })).toBe(1);
    expect(readRecordById(ws, 'customers', ID)?.tags).toEqual(['VIP']);
    expect(readRecordById(ws, 'customers', other)?.tags).toEqual(['b', 'ＶＩＰ']);
    expect(bulkUpdateCustomers(ws, [ID, other], { removeTag: 'vip' })).toBe(2);
    expect(readRecordById(ws, 'customers', ID)?.tags).toEqual([]);
    expect(readRecordById(ws, 'customers', other)?.tags).toEqual(['b']);
    expect([map.get('tag:vip'), map.get('tag:VIP'), map.get('v')]).toEqual([null, null, 2]);
  });

  it('is refused whole, before anything is written, while customers are of a newer version', () => {
    const { doc, ws } = setup();
    const id = createCustomer(ws, customerFields());
    putRawRecord(doc, 'customers', ID, customerRecord({ id: ID, v: 3 }));
    const updates = recordUpdates(doc);
    expect(() => bulkUpdateCustomers(ws, [id, ID], { addTag: 'x' })).toThrow(NewerFormatError);
    expect(updates.updates).toEqual([]);
  });
});

describe('a crm setting of a newer version', () => {
  it('reads as the defaults and is not saved over', async () => {
    const { doc, ws } = setup();
    doc.transact(() => settingsMap(doc).set('crm', { currency: 'USD', v: 2, loyalty: { tiers: 3 } }), 'remote');
    const commands = new CrmSettingsCommands({ ws, commit: async (command: () => unknown) => command() } as unknown as CommandContext);
    expect(commands.current().currency).toBe('CNY');
    await expect(commands.update({ ...commands.current(), currency: 'EUR' })).rejects.toBeInstanceOf(NewerFormatError);
    expect(settingsMap(doc).get('crm')).toEqual({ currency: 'USD', v: 2, loyalty: { tiers: 3 } });
  });
});
