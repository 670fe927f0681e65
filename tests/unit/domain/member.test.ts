import { describe, expect, it } from 'vitest';
import { displayNameSchema, memberSchema } from '../../../src/domain/member';
import { parseWith } from '../../../src/domain/field-errors';
import { ErrorCode } from '../../../src/domain/error-codes';
import { meta } from '../support/fixtures';

describe('displayNameSchema', () => {
  it.each([
    ['Ann', 'Ann'],
    ['  王   小明 ', '王 小明'],
    ['n'.repeat(60), 'n'.repeat(60)],
  ])('%j -> %j', (raw, expected) => {
    expect(displayNameSchema.parse(raw)).toBe(expected);
  });

  it.each([
    ['', ErrorCode.required],
    ['   ', ErrorCode.required],
    ['n'.repeat(61), ErrorCode.tooLong],
  ])('%j is rejected with %s', (raw, code) => {
    expect(parseWith(displayNameSchema, raw)).toEqual({ ok: false, errors: { '': code } });
  });
});

describe('memberSchema', () => {
  it('accepts a member record and keeps unknown fields', () => {
    const record = { ...meta(), name: 'Ann', avatarColor: '#f00' };
    expect(memberSchema.parse(record)).toEqual(record);
  });

  it.each<[string, Record<string, unknown>]>([
    ['no name', { ...meta() }],
    ['a blank name', { ...meta(), name: ' ' }],
    ['a name over 60 characters', { ...meta(), name: 'n'.repeat(61) }],
    ['no id', { ...meta(), id: undefined, name: 'Ann' }],
    ['a bad updatedAt', { ...meta(), updatedAt: '2026-13-45', name: 'Ann' }],
  ])('rejects a member with %s', (_, record) => {
    expect(memberSchema.safeParse(record).success).toBe(false);
  });
});
