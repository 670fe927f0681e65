import { describe, expect, it } from 'vitest';
import { changedCustom, changedFields, mergeTagEdits } from '../../../src/domain/field-diff';
import { customerFields } from '../support/fixtures';

describe('changedFields', () => {
  const before = customerFields();
  it.each<[string, Parameters<typeof customerFields>[0], Record<string, unknown>]>([
    ['nothing', {}, {}],
    ['the name', { name: '王小明' }, { name: '王小明' }],
    ['a nested address part', { address: { ...before.address, city: '上海' } }, { address: { ...before.address, city: '上海' } }],
    ['a phone list', { phones: [] }, { phones: [] }],
    ['null to value', { source: null }, { source: null }],
    ['two fields', { status: 'lost', notes: 'moved away' }, { status: 'lost', notes: 'moved away' }],
  ])('reports %s', (_, patch, expected) => {
    expect(changedFields(before, customerFields(patch))).toEqual(expected);
  });

  it('never reports tags or custom values (they are diffed per key)', () => {
    expect(changedFields(before, customerFields({ tags: ['new'], custom: { f: 1 } }))).toEqual({});
  });

  it('treats an equal copy of a nested value as unchanged', () => {
    expect(changedFields(before, structuredClone(before))).toEqual({});
  });
});

describe('changedCustom', () => {
  it.each([
    [{}, {}, {}],
    [{ a: 1 }, { a: 1 }, {}],
    [{ a: 1 }, { a: 2 }, { a: 2 }],
    [{}, { a: 'x' }, { a: 'x' }],
    [{ a: 'x' }, {}, { a: null }],
    [{ a: 'x' }, { a: null }, { a: null }],
    [{ a: null }, {}, {}],
    [{ a: 1, b: 2 }, { a: 1, b: 3, c: 4 }, { b: 3, c: 4 }],
  ])('%j -> %j gives %j', (before, after, expected) => {
    expect(changedCustom(before, after)).toEqual(expected);
  });
});

describe('mergeTagEdits (the form diffed against the record as it is now)', () => {
  it.each<[string, string[], string[], string[], string[]]>([
    ['nothing edited keeps a teammate\'s new tag', ['a'], ['a'], ['a', 'b'], ['a', 'b']],
    ['an added tag joins a teammate\'s', ['a'], ['a', 'x'], ['a', 'b'], ['a', 'b', 'x']],
    ['a removed tag goes even if a teammate kept it', ['a', 'b'], ['b'], ['a', 'b', 'c'], ['b', 'c']],
    ['a tag the teammate removed stays removed if untouched', ['a', 'b'], ['a', 'b', 'x'], ['a'], ['a', 'x']],
    ['adding a tag that is already there does not duplicate it', [], ['a'], ['a'], ['a']],
    ['removing and adding at once', ['a', 'b'], ['b', 'c'], ['a', 'b', 'd'], ['b', 'd', 'c']],
    ['a tag added in another spelling of one there is not added twice', [], ['VIP'], ['vip'], ['vip']],
    ['a tag removed goes in the spelling the record holds now', ['vip'], [], ['VIP', 'a'], ['a']],
    ['a full-width spelling is the same tag', ['a'], ['a', 'ＶＩＰ'], ['a', 'vip'], ['a', 'vip']],
    ['changing only the spelling writes the new one', ['vip'], ['VIP'], ['vip'], ['VIP']],
  ])('%s', (_, original, edited, current, expected) => {
    expect(mergeTagEdits(original, edited, current)).toEqual(expected);
  });
});
