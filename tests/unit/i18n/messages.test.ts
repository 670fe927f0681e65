import { describe, expect, test } from 'vitest';
import { en } from '../../../src/i18n/messages/en';
import { zhCN } from '../../../src/i18n/messages/zh-CN';
import { ErrorCode } from '../../../src/domain/error-codes';
import { EntryProblem } from '../../../src/workspace/record-entry';
import { pickLocale } from '../../../src/i18n/locales';
import { UNCHOSEN_WORKSPACE_NAMES } from '../../../src/domain/workspace-settings';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function lookup(obj: object, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
}

describe('messages', () => {
  test('zh-CN and en have exactly the same keys', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
  });

  test('no message is empty in either language', () => {
    for (const messages of [en, zhCN]) for (const key of keys(messages)) expect(lookup(messages, key), key).not.toBe('');
  });

  test('every validation error code has a message in both languages', () => {
    for (const code of [...Object.values(ErrorCode), ...Object.values(EntryProblem)]) {
      expect(typeof lookup(en, code), code).toBe('string');
      expect(typeof lookup(zhCN, code), code).toBe('string');
    }
  });

  test('interpolation placeholders match between languages', () => {
    const placeholders = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of keys(en)) expect(placeholders(lookup(zhCN, key)), key).toEqual(placeholders(lookup(en, key)));
  });

  test('each language\'s default workspace name counts as "no name chosen" (older versions stored it)', () => {
    for (const messages of [en, zhCN]) expect(UNCHOSEN_WORKSPACE_NAMES).toContain(messages.workspace.defaultName);
  });
});

describe('pickLocale', () => {
  test.each([
    [['zh-CN'], 'zh-CN'],
    [['zh-TW', 'en'], 'zh-CN'],
    [['zh'], 'zh-CN'],
    [['en-GB', 'zh-CN'], 'en'],
    [['fr-FR', 'zh-CN'], 'zh-CN'],
    [['fr-FR'], 'en'],
    [[], 'en'],
  ])('%j -> %s', (preferred, expected) => {
    expect(pickLocale(preferred)).toBe(expected);
  });
});
