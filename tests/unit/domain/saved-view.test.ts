import { describe, expect, it } from 'vitest';
import { personalViewSchema, savedViewFieldsSchema, savedViewSchema } from '../../../src/domain/saved-view';
import { parseWith } from '../../../src/domain/field-errors';
import { ErrorCode } from '../../../src/domain/error-codes';
import { TEXT_LIMITS } from '../../../src/domain/text-limits';
import { meta } from '../support/fixtures';

const fields = { name: '杭州的大客户', query: 'city=杭州&status=active&sort=name', columns: ['name', 'city', 'phone'] };

describe('savedViewFieldsSchema (what the form saves)', () => {
  it('accepts a view and cleans its name', () => {
    expect(savedViewFieldsSchema.parse({ ...fields, name: '  杭州的   大客户 ' })).toEqual({ ...fields, name: '杭州的 大客户' });
  });

  it('accepts each field at its bound', () => {
    const atBounds = { name: 'n'.repeat(TEXT_LIMITS.label), query: 'q'.repeat(TEXT_LIMITS.query), columns: Array.from({ length: 20 }, () => 'c'.repeat(40)) };
    expect(savedViewFieldsSchema.parse(atBounds)).toEqual(atBounds);
  });

  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    ['a blank name', { ...fields, name: '   ' }, { name: ErrorCode.required }],
    ['no name', { query: '', columns: [] }, { name: ErrorCode.invalid }],
    ['a name over the label limit', { ...fields, name: 'n'.repeat(TEXT_LIMITS.label + 1) }, { name: ErrorCode.tooLong }],
    ['a name that is not text', { ...fields, name: 42 }, { name: ErrorCode.invalid }],
    ['a query over the limit', { ...fields, query: 'q'.repeat(TEXT_LIMITS.query + 1) }, { query: ErrorCode.tooLong }],
    ['a query that is not text', { ...fields, query: { city: '杭州' } }, { query: ErrorCode.invalid }],
    ['columns that are not a list', { ...fields, columns: 'name,city' }, { columns: ErrorCode.invalid }],
    ['more than 20 columns', { ...fields, columns: Array.from({ length: 21 }, (_, i) => `c${i}`) }, { columns: ErrorCode.tooLong }],
    ['a column name over 40 characters', { ...fields, columns: ['name', 'c'.repeat(41)] }, { 'columns.1': ErrorCode.tooLong }],
    ['a column that is not text', { ...fields, columns: ['name', null] }, { 'columns.1': ErrorCode.invalid }],
  ])('rejects %s', (_, input, errors) => {
    expect(parseWith(savedViewFieldsSchema, input)).toEqual({ ok: false, errors });
  });

  it('requires query and columns: the form always sends them', () => {
    expect(savedViewFieldsSchema.safeParse({ name: 'x' }).success).toBe(false);
  });
});

describe('savedViewSchema (a shared view as stored in the workspace)', () => {
  it('accepts a stored view', () => {
    const record = { ...meta(), ...fields };
    expect(savedViewSchema.parse(record)).toEqual(record);
  });

  it('defaults a missing query to "" and missing columns to [] and deletedAt to null', () => {
    const { deletedAt: _, ...stamped } = meta();
    expect(savedViewSchema.parse({ ...stamped, name: 'All' })).toEqual({ ...meta(), name: 'All', query: '', columns: [] });
  });

  it('keeps fields a newer version added', () => {
    const record = { ...meta(), ...fields, pinned: true, layout: { density: 'compact' } };
    expect(savedViewSchema.parse(record)).toEqual(record);
  });

  it.each<[string, Record<string, unknown>]>([
    ['no id', { ...meta(), id: undefined, ...fields }],
    ['an id over 64 characters', { ...meta(), id: 'i'.repeat(65), ...fields }],
    ['no createdBy', { ...meta(), createdBy: '', ...fields }],
    ['a bad updatedAt', { ...meta(), updatedAt: '2026-13-45', ...fields }],
    ['a bad deletedAt', { ...meta(), deletedAt: 'yesterday', ...fields }],
    ['a blank name', { ...meta(), ...fields, name: ' ' }],
    ['a query over the limit', { ...meta(), ...fields, query: 'q'.repeat(TEXT_LIMITS.query + 1) }],
    ['a null query', { ...meta(), ...fields, query: null }],
    ['21 columns', { ...meta(), ...fields, columns: Array.from({ length: 21 }, () => 'name') }],
    ['a column over 40 characters', { ...meta(), ...fields, columns: ['c'.repeat(41)] }],
  ])('rejects a view with %s', (_, record) => {
    expect(savedViewSchema.safeParse(record).success).toBe(false);
  });

  it('rejects what is not a record at all', () => {
    for (const input of [null, 'view', 42, [], [meta()]]) expect(savedViewSchema.safeParse(input).success).toBe(false);
  });
});

describe('personalViewSchema (a view kept on this device)', () => {
  it('accepts a view with an id and no record metadata, and drops unknown fields', () => {
    expect(personalViewSchema.parse({ id: 'p1', ...fields, extra: 1 })).toEqual({ id: 'p1', ...fields });
  });

  it.each<[string, Record<string, unknown>]>([
    ['no id', { ...fields }],
    ['an empty id', { id: '', ...fields }],
    ['an id over 64 characters', { id: 'i'.repeat(65), ...fields }],
    ['a blank name', { id: 'p1', ...fields, name: '' }],
    ['columns that are not a list', { id: 'p1', ...fields, columns: {} }],
  ])('rejects a view with %s', (_, view) => {
    expect(personalViewSchema.safeParse(view).success).toBe(false);
  });
});
