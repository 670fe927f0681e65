import { describe, expect, it } from 'vitest';
import { addressDraftSchema, addressSchema, emptyAddress } from '../../../src/domain/address';
import { parseWith } from '../../../src/domain/field-errors';
import { ErrorCode } from '../../../src/domain/error-codes';

const full = { street: '人民路1号', city: '杭州', region: '浙江省', postalCode: '310000', country: 'CN' };

describe('addressSchema (stored)', () => {
  it.each([
    ['a full address', full, full],
    ['an empty object (older record)', {}, emptyAddress],
    ['only a city', { city: 'Boston' }, { ...emptyAddress, city: 'Boston' }],
    ['untrimmed parts and a lower-case country', { ...full, street: '  Main   St ', country: ' us ' }, { ...full, street: 'Main St', country: 'US' }],
    ['no country', { ...full, country: '' }, { ...full, country: '' }],
  ])('accepts %s', (_, input, expected) => {
    expect(addressSchema.parse(input)).toEqual(expected);
  });

  it.each([
    ['a three-letter country', { ...full, country: 'CHN' }],
    ['a country name', { ...full, country: 'China' }],
    ['digits as country', { ...full, country: '86' }],
    ['a street over 200 characters', { ...full, street: 's'.repeat(201) }],
    ['a city over 100 characters', { ...full, city: 'c'.repeat(101) }],
    ['a postal code over 20 characters', { ...full, postalCode: '1'.repeat(21) }],
    ['a number as city', { ...full, city: 42 }],
  ])('rejects %s', (_, input) => {
    expect(addressSchema.safeParse(input).success).toBe(false);
  });
});

describe('addressDraftSchema (form)', () => {
  it('requires every part to be present', () => {
    expect(addressDraftSchema.safeParse({ city: 'Boston' }).success).toBe(false);
  });

  it.each([
    ['country', { ...full, country: 'USA' }, ErrorCode.countryInvalid],
    ['region', { ...full, region: 'r'.repeat(101) }, ErrorCode.tooLong],
    ['postalCode', { ...full, postalCode: 'p'.repeat(21) }, ErrorCode.tooLong],
  ])('reports a bad %s with its message key', (field, input, code) => {
    expect(parseWith(addressDraftSchema, input)).toEqual({ ok: false, errors: { [field]: code } });
  });
});
