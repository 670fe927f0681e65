import { describe, expect, it } from 'vitest';
import { dropBlank, emailDraftSchema, emailEntrySchema, phoneDraftSchema, phoneEntrySchema } from '../../../src/domain/contact-point';
import { parseWith } from '../../../src/domain/field-errors';
import { ErrorCode } from '../../../src/domain/error-codes';

describe('phoneEntrySchema (stored phones)', () => {
  it.each([
    [{ label: 'mobile', number: '+8613800138000' }, { label: 'mobile', number: '+8613800138000' }],
    [{ label: 'fax', number: '+12015550123' }, { label: 'fax', number: '+12015550123' }],
    [{ label: 'pager', number: '+12015550123' }, { label: 'other', number: '+12015550123' }],
  ])('accepts %j', (input, expected) => {
    expect(phoneEntrySchema.parse(input)).toEqual(expected);
  });

  it.each([
    { label: 'mobile', number: '13800138000' },
    { label: 'mobile', number: '+86 138 0013 8000' },
    { label: 'mobile', number: '+0123456789' },
    { label: 'mobile', number: '' },
    { label: 'mobile', number: 8613800138000 },
    { label: 'mobile' },
  ])('rejects %j', (input) => {
    expect(phoneEntrySchema.safeParse(input).success).toBe(false);
  });
});

describe('emailEntrySchema (stored emails)', () => {
  it.each([
    [{ label: 'work', address: 'a@example.com' }, { label: 'work', address: 'a@example.com' }],
    [{ label: 'home', address: 'a@example.com' }, { label: 'other', address: 'a@example.com' }],
  ])('accepts %j', (input, expected) => {
    expect(emailEntrySchema.parse(input)).toEqual(expected);
  });

  it.each([
    { label: 'work', address: 'A@example.com' },
    { label: 'work', address: ' a@example.com' },
    { label: 'work', address: 'a@' },
    { label: 'work', address: '' },
  ])('rejects %j', (input) => {
    expect(emailEntrySchema.safeParse(input).success).toBe(false);
  });
});

describe('phoneDraftSchema', () => {
  it.each([
    ['CN', '13800138000', '+8613800138000'],
    ['CN', ' 010 1234 5678 ', '+861012345678'],
    ['US', '(201) 555-0123', '+12015550123'],
    ['CN', '+1 201 555 0123', '+12015550123'],
  ] as const)('in %s, %j becomes %s', (region, number, expected) => {
    expect(phoneDraftSchema(region).parse({ label: 'work', number })).toEqual({ label: 'work', number: expected });
  });

  it('turns a blank row into null', () => {
    expect(phoneDraftSchema('CN').parse({ label: 'mobile', number: '   ' })).toBeNull();
  });

  it('reports an invalid number on the number field', () => {
    expect(parseWith(phoneDraftSchema('CN'), { label: 'mobile', number: '123' })).toEqual({ ok: false, errors: { number: ErrorCode.phoneInvalid } });
  });

  it('rejects an unknown label in a draft', () => {
    expect(phoneDraftSchema('CN').safeParse({ label: 'pager', number: '13800138000' }).success).toBe(false);
  });
});

describe('emailDraftSchema', () => {
  it('lower-cases and trims', () => {
    expect(emailDraftSchema.parse({ label: 'work', address: ' Info@Example.CN ' })).toEqual({ label: 'work', address: 'info@example.cn' });
  });

  it('turns a blank row into null', () => {
    expect(emailDraftSchema.parse({ label: 'work', address: '' })).toBeNull();
  });

  it.each(['info', 'info@', '@example.com', 'a b@example.com', `${'a'.repeat(250)}@x.cn`])('reports %j as invalid', (address) => {
    const result = parseWith(emailDraftSchema, { label: 'work', address });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.values(result.errors)).toEqual([ErrorCode.emailInvalid]);
  });
});

describe('dropBlank', () => {
  it('removes nulls and keeps order', () => {
    expect(dropBlank([1, null, 2, null, 3])).toEqual([1, 2, 3]);
  });
});
