import { describe, expect, it } from 'vitest';
import { crmSettingsDraftSchema, crmSettingsSchema, defaultCrmSettings, DEFAULT_SLA_DAYS } from '../../../src/domain/crm-settings';
import { parseWith } from '../../../src/domain/field-errors';
import { ErrorCode } from '../../../src/domain/error-codes';

const valid = { currency: 'USD', complaintSlaDays: { critical: 0, high: 1, medium: 3, low: 7 }, verifyAfterMonths: 12, reminderWindowDays: 14, refundDueDays: 3 };

describe('crmSettingsSchema (stored: never fails, falls back to defaults)', () => {
  it('gives the defaults for a workspace that has none: CNY, SLA 1/2/5/10 days, verify after 6 months', () => {
    expect(crmSettingsSchema.parse({})).toEqual(defaultCrmSettings);
    expect(defaultCrmSettings).toEqual({
      currency: 'CNY',
      complaintSlaDays: { critical: 1, high: 2, medium: 5, low: 10 },
      verifyAfterMonths: 6,
      reminderWindowDays: 7,
      refundDueDays: 7,
    });
  });

  it('keeps valid settings', () => {
    expect(crmSettingsSchema.parse(valid)).toEqual(valid);
  });

  it('keeps the other settings of the map (name, region, newer ones)', () => {
    expect(crmSettingsSchema.parse({ name: 'Shop', defaultRegion: 'CN', loyalty: true })).toMatchObject({ name: 'Shop', defaultRegion: 'CN', loyalty: true });
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['a lower-case currency', { currency: 'usd' }, { currency: 'CNY' }],
    ['a currency that is a number', { currency: 156 }, { currency: 'CNY' }],
    ['one bad SLA value', { complaintSlaDays: { critical: -1, high: 3, medium: 4, low: 6 } }, { complaintSlaDays: { critical: 1, high: 3, medium: 4, low: 6 } }],
    ['a missing SLA value', { complaintSlaDays: { critical: 2 } }, { complaintSlaDays: { ...DEFAULT_SLA_DAYS, critical: 2 } }],
    ['SLA days that are not an object', { complaintSlaDays: 'fast' }, { complaintSlaDays: DEFAULT_SLA_DAYS }],
    ['fractional months', { verifyAfterMonths: 2.5 }, { verifyAfterMonths: 6 }],
    ['zero months', { verifyAfterMonths: 0 }, { verifyAfterMonths: 6 }],
    ['a window too long', { reminderWindowDays: 61 }, { reminderWindowDays: 7 }],
    ['refund days as text', { refundDueDays: '7' }, { refundDueDays: 7 }],
  ])('falls back field by field for %s', (_, input, expected) => {
    expect(crmSettingsSchema.parse(input)).toMatchObject(expected);
  });
});

describe('crmSettingsDraftSchema (form: reports problems)', () => {
  it('normalises the currency code', () => {
    expect(parseWith(crmSettingsDraftSchema, { ...valid, currency: ' jpy ' })).toEqual({ ok: true, value: { ...valid, currency: 'JPY' } });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['unknown currency', { currency: 'XYZ' }, 'currency', ErrorCode.currencyInvalid],
    ['empty currency', { currency: '' }, 'currency', ErrorCode.currencyInvalid],
    ['negative SLA', { complaintSlaDays: { ...valid.complaintSlaDays, high: -1 } }, 'complaintSlaDays.high', ErrorCode.rangeInvalid],
    ['fractional months', { verifyAfterMonths: 1.5 }, 'verifyAfterMonths', ErrorCode.rangeInvalid],
    ['empty number input', { verifyAfterMonths: null }, 'verifyAfterMonths', ErrorCode.rangeInvalid],
    ['121 months', { verifyAfterMonths: 121 }, 'verifyAfterMonths', ErrorCode.rangeInvalid],
    ['window of 61 days', { reminderWindowDays: 61 }, 'reminderWindowDays', ErrorCode.rangeInvalid],
  ])('rejects %s', (_, patch, field, code) => {
    expect(parseWith(crmSettingsDraftSchema, { ...valid, ...patch })).toEqual({ ok: false, errors: { [field]: code } });
  });
});
