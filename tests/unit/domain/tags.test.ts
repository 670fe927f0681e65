import { describe, expect, it } from 'vitest';
import { MAX_TAG_LENGTH, splitTags, tagSchema, uniqueTags } from '../../../src/domain/tags';
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

describe('uniqueTags', () => {
  it.each([
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
