import { describe, expect, it } from 'vitest';
import { formatPhone, isE164, isPhoneRegion, normalisePhone, phoneDigits, phoneRegions, type PhoneRegion } from '../../../src/domain/phone-number';

describe('normalisePhone -> E.164', () => {
  it.each<[string, PhoneRegion, string]>([
    // The workspace default region is CN: national numbers are read as Chinese.
    ['13800138000', 'CN', '+8613800138000'],
    ['138 0013 8000', 'CN', '+8613800138000'],
    ['138-0013-8000', 'CN', '+8613800138000'],
    ['  13800138000  ', 'CN', '+8613800138000'],
    ['+86 138 0013 8000', 'CN', '+8613800138000'],
    ['0086 13800138000', 'CN', '+8613800138000'],
    ['010 1234 5678', 'CN', '+861012345678'],
    ['021-6123-4567', 'CN', '+862161234567'],
    // An international prefix wins over the default region.
    ['+1 201 555 0123', 'CN', '+12015550123'],
    ['+44 7911 123456', 'CN', '+447911123456'],
    // Other regions.
    ['(201) 555-0123', 'US', '+12015550123'],
    ['201.555.0123', 'US', '+12015550123'],
    ['07400 123456', 'GB', '+447400123456'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['030 123456', 'DE', '+4930123456'],
    ['03-1234-5678', 'JP', '+81312345678'],
  ])('%j in %s -> %s', (raw, region, expected) => {
    expect(normalisePhone(raw, region)).toBe(expected);
  });

  it.each<[string, PhoneRegion]>([
    ['', 'CN'],
    ['   ', 'CN'],
    ['12345', 'CN'],
    ['abc', 'CN'],
    ['1380013800000', 'CN'],
    ['555-0123', 'US'],
    ['+999 123 456', 'CN'],
  ])('%j in %s is not a number', (raw, region) => {
    expect(normalisePhone(raw, region)).toBeNull();
  });

  it('gives the same number for the same digits whatever the punctuation', () => {
    const forms = ['13800138000', '138 0013 8000', '(138) 0013-8000', '+86 (138) 0013 8000'];
    expect(new Set(forms.map((f) => normalisePhone(f, 'CN')))).toEqual(new Set(['+8613800138000']));
  });
});

describe('isE164', () => {
  it.each([
    ['+8613800138000', true],
    ['+12015550123', true],
    ['+4930123456', true],
    ['8613800138000', false],
    ['+0861380013800', false],
    ['+86 138 0013 8000', false],
    ['+86-13800138000', false],
    ['+123456', false],
    ['+1234567890123456', false],
    ['', false],
  ])('%j -> %s', (value, expected) => {
    expect(isE164(value)).toBe(expected);
  });
});

describe('formatPhone', () => {
  it.each<[string, PhoneRegion, string]>([
    // National format for the workspace's own region...
    ['+8613800138000', 'CN', '138 0013 8000'],
    ['+861012345678', 'CN', '010 1234 5678'],
    ['+12015550123', 'US', '(201) 555-0123'],
    ['+447400123456', 'GB', '07400 123456'],
    // ...international for every other region.
    ['+8613800138000', 'US', '+86 138 0013 8000'],
    ['+12015550123', 'CN', '+1 201 555 0123'],
    ['+447400123456', 'CN', '+44 7400 123456'],
  ])('%s shown in a %s workspace -> %j', (e164, region, expected) => {
    expect(formatPhone(e164, region)).toBe(expected);
  });

  it('leaves something that is not a number as it is', () => {
    expect(formatPhone('not a phone', 'CN')).toBe('not a phone');
  });

  it('formats what normalisePhone produced back to what a person typed', () => {
    expect(formatPhone(normalisePhone('13800138000', 'CN')!, 'CN')).toBe('138 0013 8000');
  });
});

describe('regions and digits', () => {
  it.each([
    ['CN', true],
    ['US', true],
    ['GB', true],
    ['cn', false],
    ['UK', false],
    ['', false],
    ['CHN', false],
  ])('isPhoneRegion(%j) -> %s', (value, expected) => {
    expect(isPhoneRegion(value)).toBe(expected);
  });

  it('lists CN among the regions', () => {
    expect(phoneRegions()).toContain('CN');
    expect(phoneRegions().length).toBeGreaterThan(200);
  });

  it.each([
    ['+86 138-0013 8000', '8613800138000'],
    ['(201) 555.0123', '2015550123'],
    ['', ''],
  ])('phoneDigits(%j) -> %j', (value, expected) => {
    expect(phoneDigits(value)).toBe(expected);
  });
});
