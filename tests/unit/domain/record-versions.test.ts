import { describe, expect, it } from 'vitest';
import { knownVersions, migrateRecord, recordFormat, recordFormats, recordTypes, storedVersion, VERSION_KEY } from '../../../src/domain/record-versions';
import { customerMigrations, customerReadRule } from '../../../src/domain/customer-versions';

describe('storedVersion', () => {
  it.each([
    [undefined, { ok: true, version: 1 }],
    [null, { ok: true, version: 1 }],
    [1, { ok: true, version: 1 }],
    [7, { ok: true, version: 7 }],
    [0, { ok: false }],
    [-1, { ok: false }],
    [1.5, { ok: false }],
    [Number.NaN, { ok: false }],
    [Number.MAX_VALUE, { ok: false }],
    ['2', { ok: false }],
    [{}, { ok: false }],
    [[2], { ok: false }],
    [true, { ok: false }],
  ])('%j -> %j', (v, expected) => {
    expect(storedVersion(v)).toEqual(expected);
  });
});

describe('migrateRecord', () => {
  const format = recordFormat([
    { name: 'addB', up: (r) => ({ ...r, b: 1 }) },
    { name: 'renameBC', up: ({ b, ...r }) => ({ ...r, c: b }) },
  ]);

  it('has one version more than migrations', () => {
    expect(format.current).toBe(3);
  });

  it.each([
    ['absent (version 1)', { a: 1 }, { ok: true, record: { a: 1, c: 1 }, from: 1 }],
    ['version 1', { a: 1, v: 1 }, { ok: true, record: { a: 1, c: 1 }, from: 1 }],
    ['version 2', { a: 1, b: 5, v: 2 }, { ok: true, record: { a: 1, c: 5 }, from: 2 }],
    ['current', { a: 1, c: 9, v: 3 }, { ok: true, record: { a: 1, c: 9 }, from: 3 }],
    ['newer', { a: 1, v: 4 }, { ok: false, problem: 'newer', version: 4 }],
    ['a string version', { a: 1, v: '3' }, { ok: false, problem: 'bad-version' }],
    ['version 0', { a: 1, v: 0 }, { ok: false, problem: 'bad-version' }],
  ])('%s', (_label, record, expected) => {
    expect(migrateRecord(format, record)).toEqual(expected);
  });

  it('never changes its input', () => {
    const record = Object.freeze({ a: 1, v: 1 });
    expect(() => migrateRecord(format, record)).not.toThrow();
    expect(record).toEqual({ a: 1, v: 1 });
  });

  it('takes the stored version from its argument when given (a record map keeps it outside the fields)', () => {
    expect(migrateRecord(format, { a: 1 }, 2)).toEqual({ ok: true, record: { a: 1, c: undefined }, from: 2 });
    expect(migrateRecord(format, { a: 1 }, 5)).toEqual({ ok: false, problem: 'newer', version: 5 });
  });

  it('refuses, never throws, when a step throws on a strange record', () => {
    const throwing = recordFormat([{ name: 'boom', up: () => { throw new TypeError('x'); } }]);
    expect(migrateRecord(throwing, { a: 1 })).toEqual({ ok: false, problem: 'failed', step: 'boom' });
    const badRule = recordFormat([], () => { throw new Error('rule'); });
    expect(migrateRecord(badRule, { a: 1 })).toEqual({ ok: false, problem: 'failed', step: 'readRule' });
  });

  it('applies the read rule of the current version at every read', () => {
    const ruled = recordFormat([], (r) => ({ ...r, ruled: true }));
    expect(migrateRecord(ruled, { a: 1, v: 1 })).toEqual({ ok: true, record: { a: 1, ruled: true }, from: 1 });
  });
});

describe('the registry', () => {
  it('has a format for every record type of the document, each with current = migrations + 1', () => {
    expect(recordTypes).toEqual(
      expect.arrayContaining(['customers', 'contacts', 'members', 'customFields', 'views', 'interactions', 'products', 'orders', 'refunds', 'feedback', 'complaints', 'tasks', 'activity', 'settings.crm']),
    );
    for (const type of recordTypes) expect(recordFormats[type].current).toBe(recordFormats[type].migrations.length + 1);
  });

  it('knows customers at version 2 and every other type at version 1', () => {
    const versions = knownVersions();
    expect(versions.customers).toBe(2);
    for (const type of recordTypes.filter((t) => t !== 'customers')) expect(versions[type]).toBe(1);
  });

  it('uses "v" as the version key', () => {
    expect(VERSION_KEY).toBe('v');
  });
});

describe('customers 1 -> 2: mergeTagSpellings', () => {
  const up = customerMigrations[0].up;
  it.each([
    ['case', ['VIP', 'vip'], ['VIP']],
    ['three spellings', ['Vip', 'vip', 'VIP'], ['VIP']],
    ['full width', ['ＶＩＰ', 'vip'], ['vip']],
    ['full width and upper', ['ＶＩＰ', 'VIP'], ['VIP']],
    ['half-width katakana', ['ｶﾞｲﾄﾞ', 'ガイド'], ['ガイド']],
    ['Chinese tags are kept', ['老客户', '批发', '老客户'], ['批发', '老客户']],
    ['distinct tags are all kept', ['b', 'a', 'VIP', 'vip', 'c'], ['VIP', 'a', 'b', 'c']],
    ['no tags', [], []],
  ])('%s: %j -> %j', (_label, tags, expected) => {
    expect(up({ name: 'x', tags })).toEqual({ name: 'x', tags: expected });
  });

  it.each([
    ['no tags field', { name: 'x' }],
    ['tags not a list', { name: 'x', tags: 'vip' }],
    ['a tag that is not text', { name: 'x', tags: ['vip', 3, 'VIP'] }],
  ])('%s: left for the schema to judge, never thrown on', (_label, record) => {
    expect(up(record)).toEqual(record);
  });

  it('is the read rule of version 2 too (two devices adding two spellings at once)', () => {
    expect(customerReadRule({ tags: ['vip', 'VIP'] })).toEqual({ tags: ['VIP'] });
    expect(migrateRecord(recordFormats.customers, { tags: ['vip', 'VIP'], v: 2 })).toEqual({ ok: true, record: { tags: ['VIP'] }, from: 2 });
  });

  it('keeps every tag of every customer: each key of the input is a key of the output', () => {
    const tags = ['VIP', 'vip', 'ＶＩＰ', '老客户', 'Wholesale', 'wholesale ', 'b2b', 'B2B'];
    const out = up({ tags }).tags as string[];
    const key = (t: string) => t.normalize('NFKC').toLowerCase().trim();
    expect(new Set(out.map(key))).toEqual(new Set(tags.map(key)));
    expect(out.length).toBe(new Set(tags.map(key)).size);
  });
});
