import { describe, expect, it } from 'vitest';
import { activityEntriesFor, activityEntrySchema, fieldChanges, filterActivity, type ActivityEntry } from '../../../src/domain/activity';
import { stepKey } from '../../../src/domain/status-steps';
import { customerRecord, T0, T1 } from '../support/fixtures';
import { order, line } from './crm-fixtures';

const CUSTOMER = '01960000-0000-7000-8000-000000000001';
const ids = () => {
  let n = 0;
  return () => `e${++n}`;
};
const stamp = (by = 'member-b', at = T1) => ({ by, at, newId: ids() });
const changes = (entries: ActivityEntry[]) => entries.map((e) => [e.kind, e.field, e.old, e.new]);

describe('activityEntriesFor: one entry per change, who and when', () => {
  const before = customerRecord();

  it('a created record is one create entry', () => {
    expect(activityEntriesFor('customers', CUSTOMER, null, before, stamp())).toEqual([
      { id: 'e1', at: T1, by: 'member-b', collection: 'customers', recordId: CUSTOMER, customerId: CUSTOMER, kind: 'create', field: null, old: null, new: null },
    ]);
  });

  it.each<[string, Record<string, unknown>, unknown[][]]>([
    ['the name', { name: '王小明' }, [['update', 'name', '王建国', '王小明']]],
    ['a value cleared', { source: null }, [['update', 'source', 'referral', null]]],
    ['a value set', { ownerId: 'member-b' }, [['update', 'ownerId', null, 'member-b']]],
    ['two fields', { status: 'lost', notes: 'moved away' }, [['update', 'status', 'active', 'lost'], ['update', 'notes', '', 'moved away']]],
    ['a part of the address', { address: { ...(before.address as object), city: '上海' } }, [['update', 'address.city', '杭州', '上海']]],
    [
      'a tag added and one removed',
      { tags: ['老客户', '批发'] },
      [
        ['update', 'tags', 'VIP', null],
        ['update', 'tags', null, '老客户'],
        ['update', 'tags', null, '批发'],
      ],
    ],
    [
      'custom values (set, changed, cleared)',
      { custom: { points: 200, tier: null, since: '2020-01-01' } },
      [
        ['update', 'custom.points', 100, 200],
        ['update', 'custom.tier', 'gold', null],
        ['update', 'custom.since', null, '2020-01-01'],
      ],
    ],
    ['a phone list, shown whole', { phones: [] }, [['update', 'phones', [{ label: 'mobile', number: '+8613800138000' }], []]]],
    ['only the meta stamps', { updatedAt: T1, updatedBy: 'member-b' }, []],
    ['a field a newer version added', { wechatId: 'wx_1' }, [['update', 'wechatId', null, 'wx_1']]],
  ])('an edit of %s', (_, patch, expected) => {
    const was = { ...before, custom: { points: 100, tier: 'gold' } };
    const now = { ...was, ...patch, updatedAt: T1, updatedBy: 'member-b' };
    expect(changes(activityEntriesFor('customers', CUSTOMER, was, now, stamp()))).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, unknown[][]]>([
    ['moved to Trash', { deletedAt: null }, { deletedAt: T1 }, [['delete', null, null, null]]],
    ['restored from Trash', { deletedAt: T0 }, { deletedAt: null }, [['restore', null, null, null]]],
    ['restored with a change', { deletedAt: T0 }, { deletedAt: null, name: '王小明' }, [['restore', null, null, null], ['update', 'name', '王建国', '王小明']]],
  ])('%s', (_, was, now, expected) => {
    expect(changes(activityEntriesFor('customers', CUSTOMER, { ...before, ...was }, { ...before, ...now }, stamp()))).toEqual(expected);
  });

  it('a record removed for good is one delete entry', () => {
    expect(changes(activityEntriesFor('customers', CUSTOMER, before, null, stamp()))).toEqual([['delete', null, null, null]]);
  });

  it('nothing before and nothing after gives no entry', () => {
    expect(activityEntriesFor('customers', CUSTOMER, null, null, stamp())).toEqual([]);
  });

  it('entries of a customer’s order carry the customer, and a status step reads as a status change', () => {
    const was = order() as unknown as Record<string, unknown>;
    const now = { ...was, status: 'shipped', lines: [line({ quantity: 3 })], [stepKey('s1')]: { status: 'approved', by: 'member-b', at: T1, after: null } };
    const entries = activityEntriesFor('orders', 'o1', was, now, stamp());
    expect(entries.map((e) => [e.collection, e.recordId, e.customerId])).toEqual(Array(3).fill(['orders', 'o1', order().customerId]));
    expect(changes(entries)).toEqual([
      ['update', 'lines', [line()], [line({ quantity: 3 })]],
      ['update', 'status', 'paid', 'shipped'],
      ['update', 'status', null, 'approved'],
    ]);
  });

  // The issue: Activity read "Status: — → Approved", the status before the step was lost.
  it.each<[string, 'refunds' | 'complaints', Record<string, unknown>, Record<string, unknown>, [unknown, unknown]]>([
    ['a refund’s first step is from its initial status', 'refunds', {}, { s1: { status: 'approved', after: null } }, ['requested', 'approved']],
    ['a later step is from the status of the step it follows', 'refunds', { s1: { status: 'approved', after: null } }, { s2: { status: 'completed', after: 's1' } }, ['approved', 'completed']],
    ['a complaint’s first step', 'complaints', {}, { k1: { status: 'in_progress', after: null } }, ['open', 'in_progress']],
    ['a reopen after resolving', 'complaints', { k1: { status: 'resolved', after: null } }, { k2: { status: 'open', after: 'k1' } }, ['resolved', 'open']],
    ['a step after one this device never received: unknown, not invented', 'refunds', {}, { s2: { status: 'completed', after: 'missing' } }, [null, 'completed']],
  ])('a status step: %s', (_, collection, had, added, expected) => {
    const steps = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([id, v]) => [stepKey(id), { by: 'member-b', at: T1, note: '', ...(v as object) }]));
    const was = { ...(order() as unknown as Record<string, unknown>), ...steps(had) };
    const entries = activityEntriesFor(collection, 'r1', was, { ...was, ...steps(added) }, stamp());
    expect(changes(entries)).toEqual([['update', 'status', ...expected]]);
  });

  it('every entry passes the stored schema', () => {
    const entries = activityEntriesFor('customers', CUSTOMER, { ...before, custom: {} }, { ...before, name: 'X', tags: [], custom: { a: 1 }, deletedAt: T1 }, stamp());
    expect(entries).toHaveLength(4);
    for (const e of entries) expect(activityEntrySchema.parse(e)).toEqual(e);
  });

  it('uses fresh time-sortable ids when none are given', () => {
    const [a, b] = activityEntriesFor('customers', CUSTOMER, before, { ...before, name: 'A', notes: 'B' }, { by: 'member-b', at: T1 });
    expect(a!.id).not.toBe(b!.id);
    expect(a!.id < b!.id).toBe(true);
  });
});

describe('fieldChanges', () => {
  it('treats an equal copy of a nested value as unchanged', () => {
    const before = customerRecord();
    expect(fieldChanges(before, structuredClone(before))).toEqual([]);
  });
});

describe('activityEntrySchema', () => {
  const entry: ActivityEntry = { id: 'e1', at: T1, by: 'member-a', collection: 'customers', recordId: 'c1', customerId: 'c1', kind: 'update', field: 'name', old: 'A', new: 'B' };

  it('accepts an entry and keeps unknown fields', () => {
    expect(activityEntrySchema.parse({ ...entry, device: 'phone' })).toEqual({ ...entry, device: 'phone' });
  });

  it('fills defaults for a create entry', () => {
    expect(activityEntrySchema.parse({ id: 'e1', at: T1, by: 'member-a', collection: 'customers', recordId: 'c1', kind: 'create' })).toEqual({
      id: 'e1',
      at: T1,
      by: 'member-a',
      collection: 'customers',
      recordId: 'c1',
      customerId: null,
      kind: 'create',
      field: null,
      old: null,
      new: null,
    });
  });

  it.each<[string, Record<string, unknown>]>([
    ['an unknown kind', { kind: 'merge' }],
    ['no author', { by: '' }],
    ['a time that is not a timestamp', { at: 'now' }],
    ['a value that is not JSON', { new: () => 1 }],
  ])('rejects an entry with %s', (_, patch) => {
    expect(activityEntrySchema.safeParse({ ...entry, ...patch }).success).toBe(false);
  });
});

describe('filterActivity (record history)', () => {
  const e = (id: string, at: string, by: string, collection: string, recordId: string, customerId: string | null): ActivityEntry => ({
    id,
    at,
    by,
    collection,
    recordId,
    customerId,
    kind: 'update',
    field: 'x',
    old: null,
    new: null,
  });
  const log = [
    e('e1', '2026-03-01T08:00:00.000Z', 'member-a', 'customers', 'c1', 'c1'),
    e('e2', '2026-03-01T09:00:00.000Z', 'member-b', 'orders', 'o1', 'c1'),
    e('e3', '2026-03-01T09:00:00.000Z', 'member-a', 'refunds', 'r1', 'c1'),
    e('e4', '2026-03-01T10:00:00.000Z', 'member-a', 'customers', 'c2', 'c2'),
    e('e5', '2026-03-01T07:00:00.000Z', 'member-b', 'customers', 'c1', 'c1'),
  ];

  it.each<[string, Parameters<typeof filterActivity>[1], string[]]>([
    ['everything, newest first (ties by id)', {}, ['e4', 'e3', 'e2', 'e1', 'e5']],
    ['one customer, all record types', { customerId: 'c1' }, ['e3', 'e2', 'e1', 'e5']],
    ['one customer, by one member', { customerId: 'c1', by: 'member-b' }, ['e2', 'e5']],
    ['one customer, one record type', { customerId: 'c1', collection: 'orders' }, ['e2']],
    ['one record', { recordId: 'c1' }, ['e1', 'e5']],
    ['nobody matches', { by: 'member-z' }, []],
  ])('%s', (_, filter, expected) => {
    expect(filterActivity(log, filter).map((x) => x.id)).toEqual(expected);
  });
});
