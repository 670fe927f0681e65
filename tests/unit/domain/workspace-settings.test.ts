import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PHONE_REGION,
  DEFAULT_WORKSPACE_NAME,
  workspaceSettingsDraftSchema,
  workspaceSettingsSchema,
} from '../../../src/domain/workspace-settings';
import { parseWith } from '../../../src/domain/field-errors';
import { ErrorCode } from '../../../src/domain/error-codes';

describe('workspaceSettingsSchema (stored: never fails, falls back to defaults)', () => {
  it.each<[string, Record<string, unknown>, { name: string; defaultRegion: string }]>([
    ['valid settings', { name: 'Shop', defaultRegion: 'US' }, { name: 'Shop', defaultRegion: 'US' }],
    ['an untrimmed name', { name: '  My   shop ', defaultRegion: 'CN' }, { name: 'My shop', defaultRegion: 'CN' }],
    ['nothing at all', {}, { name: DEFAULT_WORKSPACE_NAME, defaultRegion: DEFAULT_PHONE_REGION }],
    ['an empty name', { name: '', defaultRegion: 'GB' }, { name: DEFAULT_WORKSPACE_NAME, defaultRegion: 'GB' }],
    ['a name over 80 characters', { name: 'n'.repeat(81), defaultRegion: 'GB' }, { name: DEFAULT_WORKSPACE_NAME, defaultRegion: 'GB' }],
    ['an unknown region', { name: 'Shop', defaultRegion: 'XX' }, { name: 'Shop', defaultRegion: 'CN' }],
    ['a lower-case region', { name: 'Shop', defaultRegion: 'us' }, { name: 'Shop', defaultRegion: 'CN' }],
    ['a number as region', { name: 'Shop', defaultRegion: 86 }, { name: 'Shop', defaultRegion: 'CN' }],
  ])('%s', (_, input, expected) => {
    expect(workspaceSettingsSchema.parse(input)).toMatchObject(expected);
  });

  it('keeps settings added by a newer version', () => {
    expect(workspaceSettingsSchema.parse({ name: 'Shop', defaultRegion: 'CN', currency: 'CNY' })).toEqual({ name: 'Shop', defaultRegion: 'CN', currency: 'CNY' });
  });

  it('defaults to the CN phone region', () => {
    expect(DEFAULT_PHONE_REGION).toBe('CN');
  });
});

describe('workspaceSettingsDraftSchema (form: reports problems)', () => {
  it('accepts and trims', () => {
    expect(workspaceSettingsDraftSchema.parse({ name: ' 小店 ', defaultRegion: 'HK' })).toEqual({ name: '小店', defaultRegion: 'HK' });
  });

  it.each([
    [{ name: '', defaultRegion: 'CN' }, 'name', ErrorCode.required],
    [{ name: 'n'.repeat(81), defaultRegion: 'CN' }, 'name', ErrorCode.tooLong],
    [{ name: 'Shop', defaultRegion: 'ZZ' }, 'defaultRegion', ErrorCode.regionInvalid],
    [{ name: 'Shop', defaultRegion: '' }, 'defaultRegion', ErrorCode.regionInvalid],
  ])('%j -> %s: %s', (input, field, code) => {
    expect(parseWith(workspaceSettingsDraftSchema, input)).toEqual({ ok: false, errors: { [field]: code } });
  });
});
