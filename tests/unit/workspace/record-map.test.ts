import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BASE_KEY, CUSTOM_PREFIX, TAG_PREFIX, newRecordMap, readRecord, writeChanges } from '../../../src/workspace/record-map';
import type { RecordMap } from '../../../src/workspace/layout';
import { recordUpdates } from '../support/ydoc';

/** A record map must live in a doc before it can be read. */
function attach(fields: Record<string, unknown>, overrides: Record<string, unknown> = {}): { doc: Y.Doc; map: RecordMap } {
  const doc = new Y.Doc();
  const map = newRecordMap(fields);
  doc.getMap<RecordMap>('customers').set('r1', map);
  for (const [key, value] of Object.entries(overrides)) map.set(key, value);
  return { doc, map };
}

const keysOf = (map: RecordMap) => [...map.keys()].sort();

describe('newRecordMap', () => {
  it('puts the fields in base and tags and custom values in their own keys', () => {
    const { map } = attach({ id: 'r1', name: 'Ann', tags: ['vip', 'b2b'], custom: { f1: 3, f2: null } });
    expect(map.get(BASE_KEY)).toEqual({ id: 'r1', name: 'Ann' });
    expect(keysOf(map)).toEqual([BASE_KEY, `${CUSTOM_PREFIX}f1`, `${CUSTOM_PREFIX}f2`, `${TAG_PREFIX}b2b`, `${TAG_PREFIX}vip`].sort());
    expect(map.get('tag:vip')).toBe(true);
    expect(map.get('cf:f1')).toBe(3);
    expect(map.get('cf:f2')).toBeNull();
  });

  it('reads back what it was given', () => {
    const fields = { id: 'r1', name: 'Ann', phones: [{ label: 'mobile', number: '+8613800138000' }], tags: ['a', 'b'], custom: { f1: 'x' } };
    expect(readRecord(attach(fields).map)).toEqual(fields);
  });
});

describe('readRecord', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>]>([
    ['an override wins over base', { name: 'Ann', status: 'lead' }, { name: 'Anna' }, { name: 'Anna', status: 'lead' }],
    ['null clears a field', { name: 'Ann', notes: 'x' }, { notes: null }, { name: 'Ann', notes: null }],
    ['a new field is added', { name: 'Ann' }, { industry: 'Retail' }, { name: 'Ann', industry: 'Retail' }],
    ['tag:x true adds a tag', { name: 'Ann', tags: ['a'] }, { 'tag:x': true }, { tags: ['a', 'x'] }],
    ['tag:x null removes it', { name: 'Ann', tags: ['a', 'x'] }, { 'tag:x': null }, { tags: ['a'] }],
    ['cf:f sets a custom value', { name: 'Ann', custom: { f: 1 } }, { 'cf:f': 2, 'cf:g': 'y' }, { custom: { f: 2, g: 'y' } }],
    ['cf:f null clears a custom value', { name: 'Ann', custom: { f: 1 } }, { 'cf:f': null }, { custom: { f: null } }],
    ['unknown keys are kept', { name: 'Ann', future: { a: 1 } }, { nickname: 'A' }, { future: { a: 1 }, nickname: 'A' }],
  ])('%s', (_, fields, overrides, expected) => {
    expect(readRecord(attach(fields, overrides).map)).toMatchObject(expected);
  });

  it('returns tags sorted, whatever order they were added in', () => {
    const { map } = attach({ tags: ['zeta'] }, { 'tag:alpha': true, 'tag:mu': true });
    expect(readRecord(map).tags).toEqual(['alpha', 'mu', 'zeta']);
  });

  it('reads tags that an old writer put into base', () => {
    const doc = new Y.Doc();
    const map = new Y.Map<unknown>();
    doc.getMap<RecordMap>('customers').set('r1', map);
    map.set(BASE_KEY, { name: 'Ann', tags: ['b', 'a', 7] });
    map.set('tag:a', null);
    expect(readRecord(map).tags).toEqual(['b']);
  });

  it('survives a missing or broken base', () => {
    const doc = new Y.Doc();
    const map = new Y.Map<unknown>();
    doc.getMap<RecordMap>('customers').set('r1', map);
    map.set(BASE_KEY, 'garbage');
    map.set('name', 'Ann');
    expect(readRecord(map)).toEqual({ name: 'Ann', tags: [], custom: {} });
  });
});

describe('writeChanges', () => {
  const fields = { id: 'r1', name: 'Ann', status: 'lead', phones: [{ label: 'mobile', number: '+8613800138000' }], tags: ['a', 'b'], custom: { f1: 1, f2: 'x' } };

  it.each<[string, Record<string, unknown>, string[], string[]]>([
    ['one field', { name: 'Anna' }, ['name'], ['name']],
    ['an unchanged field', { name: 'Ann' }, [], []],
    ['an equal copy of an array', { phones: [{ label: 'mobile', number: '+8613800138000' }] }, [], []],
    ['a changed array', { phones: [] }, ['phones'], ['phones']],
    ['clearing a field', { status: null }, ['status'], ['status']],
    ['undefined as clearing', { status: undefined }, ['status'], ['status']],
    ['a tag added', { tags: ['a', 'b', 'c'] }, ['tags'], ['tag:c']],
    ['a tag removed', { tags: ['a'] }, ['tags'], ['tag:b']],
    ['tags in another order', { tags: ['b', 'a'] }, [], []],
    ['one custom value', { custom: { f1: 2 } }, ['custom'], ['cf:f1']],
    ['a custom value cleared', { custom: { f2: null } }, ['custom'], ['cf:f2']],
    ['an unchanged custom value', { custom: { f1: 1 } }, [], []],
    ['several fields, one unchanged', { name: 'Anna', status: 'lead', tags: ['a', 'b', 'z'], custom: { f3: 'new' } }, ['name', 'tags', 'custom'], ['cf:f3', 'name', 'tag:z']],
  ])('with %s writes only the changed keys', (_, patch, changed, keys) => {
    const { doc, map } = attach(fields);
    const written: string[] = [];
    map.observe((event) => written.push(...event.keysChanged));
    const log = recordUpdates(doc);
    expect(writeChanges(map, patch).sort()).toEqual(changed.sort());
    expect(written.sort()).toEqual(keys.sort());
    // Nothing changed, nothing sent to peers or the log.
    expect(log.updates.length === 0).toBe(keys.length === 0);
  });

  it('never rewrites base', () => {
    const { map } = attach(fields);
    const base = map.get(BASE_KEY);
    writeChanges(map, { name: 'Anna', tags: [], custom: { f1: null } });
    expect(map.get(BASE_KEY)).toBe(base);
    expect(map.get(BASE_KEY)).toEqual({ id: 'r1', name: 'Ann', status: 'lead', phones: fields.phones });
  });

  it('the read after a write is the record with the patch applied', () => {
    const { map } = attach(fields);
    writeChanges(map, { name: 'Anna', tags: ['b', 'c'], custom: { f2: null } });
    expect(readRecord(map)).toEqual({ ...fields, name: 'Anna', tags: ['b', 'c'], custom: { f1: 1, f2: null } });
  });

  it('re-adding a removed tag sets its key back to true', () => {
    const { map } = attach(fields);
    writeChanges(map, { tags: ['a'] });
    expect(map.get('tag:b')).toBeNull();
    expect(writeChanges(map, { tags: ['a', 'b'] })).toEqual(['tags']);
    expect(map.get('tag:b')).toBe(true);
  });

  it('leaves custom values that the patch does not name alone', () => {
    const { map } = attach(fields);
    writeChanges(map, { custom: { f1: 5 } });
    expect(readRecord(map).custom).toEqual({ f1: 5, f2: 'x' });
  });
});
