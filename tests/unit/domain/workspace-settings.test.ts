import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PHONE_REGION,
  chosenWorkspaceName,
  workspaceDisplayName,
  workspaceSettingsDraftSchema,
  workspaceSettingsSchema,
} from '../../../src/domain/workspace-settings';
import { parseWith } from '../../../src/domain/field-errors';
import { ErrorCode } from '../../../src/domain/error-codes';

describe('workspaceSettingsSchema (stored: never fails, falls back to defaults)', () => {
  it.each<[string, Record<string, unknown>, { name: string; defaultRegion: string }]>([
    ['valid settings', { name: 'Shop', defaultRegion: 'US' }, { name: 'Shop', defaultRegion: 'US' }],
    ['an untrimmed name', { name: '  My   shop ', defaultRegion: 'CN' }, { name: 'My shop', defaultRegion: 'CN' }],
    ['nothing at all', {}, { name: '', defaultRegion: DEFAULT_PHONE_REGION }],
    ['an empty name (none chosen)', { name: '', defaultRegion: 'GB' }, { name: '', defaultRegion: 'GB' }],
    ['the English default of older versions', { name: 'My workspace', defaultRegion: 'GB' }, { name: '', defaultRegion: 'GB' }],
    ['the Chinese default of older versions', { name: ' 我的工作区 ', defaultRegion: 'GB' }, { name: '', defaultRegion: 'GB' }],
    ['a name over 80 characters', { name: 'n'.repeat(81), defaultRegion: 'GB' }, { name: '', defaultRegion: 'GB' }],
    ['a number as name', { name: 42, defaultRegion: 'GB' }, { name: '', defaultRegion: 'GB' }],
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

  it('takes an empty name, or a default, as "no name chosen"', () => {
    expect(workspaceSettingsDraftSchema.parse({ name: '  ', defaultRegion: 'CN' })).toEqual({ name: '', defaultRegion: 'CN' });
    expect(workspaceSettingsDraftSchema.parse({ name: '我的工作区', defaultRegion: 'CN' })).toEqual({ name: '', defaultRegion: 'CN' });
  });

  it.each([
    [{ name: 'n'.repeat(81), defaultRegion: 'CN' }, 'name', ErrorCode.tooLong],
    [{ name: 'Shop', defaultRegion: 'ZZ' }, 'defaultRegion', ErrorCode.regionInvalid],
    [{ name: 'Shop', defaultRegion: '' }, 'defaultRegion', ErrorCode.regionInvalid],
  ])('%j -> %s: %s', (input, field, code) => {
    expect(parseWith(workspaceSettingsDraftSchema, input)).toEqual({ ok: false, errors: { [field]: code } });
  });
});

describe('the default workspace name follows the language until a name is chosen', () => {
  it.each([
    ['', 'My workspace', 'My workspace'],
    ['', '我的工作区', '我的工作区'],
    [undefined, '我的工作区', '我的工作区'],
    ['My workspace', '我的工作区', '我的工作区'],
    ['我的工作区', 'My workspace', 'My workspace'],
    ['  My   workspace ', '我的工作区', '我的工作区'],
    ['My workspace 2', '我的工作区', 'My workspace 2'],
    ['my workspace', '我的工作区', 'my workspace'],
    ['上海门店', 'My workspace', '上海门店'],
  ])('%j read in a language whose default is %s -> %s', (name, languageDefault, shown) => {
    expect(workspaceDisplayName(name, languageDefault)).toBe(shown);
  });

  it('keeps a chosen name as cleaned, and nothing for an unchosen one', () => {
    expect(chosenWorkspaceName(' Acme  Trading ')).toBe('Acme Trading');
    expect(chosenWorkspaceName('My workspace')).toBe('');
    expect(chosenWorkspaceName(null)).toBe('');
  });
});
