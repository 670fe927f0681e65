import { describe, expect, it } from 'vitest';
import { MAX_TAG_LENGTH, countTags, findTag, mergeTagSpellings, preferredSpelling, sameTag, splitTags, tagKey, tagSchema, uniqueTags } from '../../../src/domain/tags';
import { parseWith } from '../../../src/domain/field-errors';
import { ErrorCode } from '../../../src/domain/error-codes';

describe('tagSchema', () => {
  it.each([
    ['vip', 'vip'],
    ['  老客户 ', '老客户'],
    ['trade   show', 'trade show'],
    ['t'.repeat(MAX_TAG_LENGTH), 't'.repeat(MAX_TAG_LENGTH)],
  ])('accepts %j as %j', (raw, expected) => {
    expect(tagSchema.parse(raw)).toBe(expected);
  });

  it.each(['', '   ', 't'.repeat(MAX_TAG_LENGTH + 1)])('rejects %j with errors.tagInvalid', (raw) => {
    expect(parseWith(tagSchema, raw)).toEqual({ ok: false, errors: { '': ErrorCode.tagInvalid } });
  });
});

describe('tagKey', () => {
  it.each([
    ['vip', 'vip'],
    ['VIP', 'vip'],
    ['ＶＩＰ', 'vip'],
    ['Ｖｉｐ', 'vip'],
    [' V  I P ', 'v i p'],
    ['老客户', '老客户'],
    ['ｶﾞｲﾄﾞ', 'ガイド'],
    ['Straße', 'straße'],
    ['İstanbul', 'i̇stanbul'],
    ['ＩＤＥＡ', 'idea'],
  ])('%j -> %j', (tag, key) => {
    expect(tagKey(tag)).toBe(key);
  });

  it('is the same whatever the device language (no locale-dependent lowering)', () => {
    expect(tagKey('I')).toBe('i');
    expect(sameTag('VIP', 'ｖｉｐ')).toBe(true);
    expect(sameTag('vip', 'vip2')).toBe(false);
  });
});

describe('preferredSpelling', () => {
  it.each([
    [['vip', 'VIP'], 'VIP'],
    [['ＶＩＰ', 'vip'], 'vip'],
    [['ＶＩＰ', 'ｖｉｐ'], 'ＶＩＰ'],
    [['Vip'], 'Vip'],
    [[], undefined],
  ])('%j -> %j', (spellings, expected) => {
    expect(preferredSpelling(spellings)).toBe(expected);
    expect(preferredSpelling([...spellings].reverse())).toBe(expected);
  });
});

describe('mergeTagSpellings', () => {
  it.each([
    [['vip', 'VIP', 'a'], ['VIP', 'a']],
    [['b', 'a'], ['a', 'b']],
    [['ＶＩＰ'], ['ＶＩＰ']],
    [[], []],
  ])('%j -> %j', (tags, expected) => {
    expect(mergeTagSpellings(tags)).toEqual(expected);
  });
});

describe('findTag', () => {
  it('finds the spelling a list already holds', () => {
    expect(findTag(['vip', 'a'], 'ＶＩＰ')).toBe('vip');
    expect(findTag(['vip'], 'b')).toBeUndefined();
  });
});

describe('countTags', () => {
  it('counts one tag per record by key, in the spelling most records use', () => {
    const lists = [...Array.from({ length: 23 }, () => ['vip']), ...Array.from({ length: 15 }, () => ['VIP']), ['ＶＩＰ', 'vip'], ['b']];
    expect(countTags(lists)).toEqual([
      ['vip', 39],
      ['b', 1],
    ]);
  });

  it('breaks a tie of spellings by preferredSpelling and a tie of counts by key', () => {
    expect(countTags([['vip'], ['VIP'], ['b'], ['a']])).toEqual([
      ['VIP', 2],
      ['a', 1],
      ['b', 1],
    ]);
  });
});

describe('uniqueTags', () => {
  it.each([
    [['vip', 'ＶＩＰ'], ['vip']],
    [['VIP', 'vip', 'Vip'], ['VIP']],
    [['vip', 'VIP'], ['vip']],
    [['a', 'b', 'a'], ['a', 'b']],
    [['老客户', '老客户', 'VIP'], ['老客户', 'VIP']],
    [[], []],
  ])('%j -> %j', (input, expected) => {
    expect(uniqueTags(input)).toEqual(expected);
  });
});

describe('splitTags', () => {
  it.each([
    ['vip, 老客户，wholesale', ['vip', '老客户', 'wholesale']],
    ['a、b；c;d\ne', ['a', 'b', 'c', 'd', 'e']],
    [' ,, a  b ,', ['a b']],
    ['', []],
  ])('%j -> %j', (text, expected) => {
    expect(splitTags(text)).toEqual(expected);
  });
});
