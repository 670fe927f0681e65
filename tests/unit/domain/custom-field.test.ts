import { describe, expect, it } from 'vitest';
import {
  customFieldDefFieldsSchema,
  customFieldDefSchema,
  customValueSchema,
  parseCustomValue,
  type CustomFieldDefFields,
} from '../../../src/domain/custom-field';
import { parseWith } from '../../../src/domain/field-errors';
import { ErrorCode } from '../../../src/domain/error-codes';
import { meta } from '../support/fixtures';

describe('customFieldDefFieldsSchema', () => {
  it.each([
    [{ label: 'Points', type: 'number' }, { label: 'Points', type: 'number', options: [] }],
    [{ label: '  会员  等级 ', type: 'choice', options: [' 金卡 ', '银卡'] }, { label: '会员 等级', type: 'choice', options: ['金卡', '银卡'] }],
    [{ label: 'Since', type: 'date', options: [] }, { label: 'Since', type: 'date', options: [] }],
    [{ label: 'Notes', type: 'text' }, { label: 'Notes', type: 'text', options: [] }],
  ])('accepts %j', (input, expected) => {
    expect(customFieldDefFieldsSchema.parse(input)).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['an empty label', { label: ' ', type: 'text' }, 'label', ErrorCode.required],
    ['a label over 60 characters', { label: 'l'.repeat(61), type: 'text' }, 'label', ErrorCode.tooLong],
    ['an unknown type', { label: 'X', type: 'boolean' }, 'type', ErrorCode.choiceInvalid],
    ['a choice without options', { label: 'Tier', type: 'choice', options: [] }, 'options', ErrorCode.required],
    ['an empty option', { label: 'Tier', type: 'choice', options: ['gold', ' '] }, 'options.1', ErrorCode.invalid],
  ])('rejects %s', (_, input, field, code) => {
    const result = parseWith(customFieldDefFieldsSchema, input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field]).toBe(code);
  });
});

describe('customFieldDefSchema (stored)', () => {
  it('accepts a stored definition and keeps unknown fields', () => {
    const record = { ...meta(), label: 'Points', type: 'number', options: [], unit: 'pts' };
    expect(customFieldDefSchema.parse(record)).toEqual(record);
  });

  it('rejects a stored definition without meta fields', () => {
    expect(customFieldDefSchema.safeParse({ label: 'Points', type: 'number', options: [] }).success).toBe(false);
  });
});

describe('parseCustomValue', () => {
  const def = (type: CustomFieldDefFields['type'], options: string[] = []): CustomFieldDefFields => ({ label: 'F', type, options });
  it.each<[CustomFieldDefFields, string, ReturnType<typeof parseCustomValue>]>([
    [def('text'), '  hello ', { value: 'hello' }],
    [def('text'), '', { value: null }],
    [def('text'), '   ', { value: null }],
    [def('text'), 'x'.repeat(501), { error: ErrorCode.tooLong }],
    [def('number'), '42', { value: 42 }],
    [def('number'), '-3.5', { value: -3.5 }],
    [def('number'), '1,234,567', { value: 1234567 }],
    [def('number'), '12 000', { value: 12000 }],
    [def('number'), 'ten', { error: ErrorCode.numberInvalid }],
    [def('number'), 'Infinity', { error: ErrorCode.numberInvalid }],
    [def('date'), '2024-02-29', { value: '2024-02-29' }],
    [def('date'), '2023-02-29', { error: ErrorCode.dateInvalid }],
    [def('date'), '29/02/2024', { error: ErrorCode.dateInvalid }],
    [def('choice', ['gold', 'silver']), 'gold', { value: 'gold' }],
    [def('choice', ['gold', 'silver']), 'bronze', { error: ErrorCode.choiceInvalid }],
    [def('choice', ['gold', 'silver']), '', { value: null }],
  ])('%j with %j -> %j', (definition, raw, expected) => {
    expect(parseCustomValue(definition, raw)).toEqual(expected);
  });

  // Issue 21: a customer holding a choice since removed could not be saved unchanged.
  it.each<[string, string, ReturnType<typeof parseCustomValue>]>([
    ['bronze', 'bronze', { value: 'bronze' }],
    ['bronze', 'gold', { value: 'gold' }],
    ['bronze', '', { value: null }],
    ['gold', 'bronze', { error: ErrorCode.choiceInvalid }],
  ])('a record holding %j may keep it (removed from the choices); %j is saved as %j', (held, raw, expected) => {
    expect(parseCustomValue(def('choice', ['gold', 'silver']), raw, held)).toEqual(expected);
  });
});

describe('customValueSchema', () => {
  it.each(['text', '', 0, -1.5, null])('accepts %j', (value) => {
    expect(customValueSchema.safeParse(value).success).toBe(true);
  });
  it.each([Number.NaN, Number.POSITIVE_INFINITY, true, { a: 1 }, ['a'], 'x'.repeat(501), undefined])('rejects %j', (value) => {
    expect(customValueSchema.safeParse(value).success).toBe(false);
  });
});
