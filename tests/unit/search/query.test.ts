import { describe, expect, it } from 'vitest';
import { parseQuery, type QueryToken } from '../../../src/search';
import { MAX_QUERY_LENGTH } from '../../../src/search/query';

const cjk = (text: string): QueryToken => ({ kind: 'cjk', text });
const word = (text: string): QueryToken => ({ kind: 'word', text });
const phone = (digits: string[], international = false): QueryToken => ({ kind: 'phone', digits, international });

describe('parseQuery: tokens', () => {
  it.each<[string, string, QueryToken[]]>([
    ['Chinese substring', '建国', [cjk('建国')]],
    ['Chinese company part', '明远贸易', [cjk('明远贸易')]],
    ['Chinese words apart', '王 建国', [cjk('王'), cjk('建国')]],
    ['pinyin full', 'wangjianguo', [word('wangjianguo')]],
    ['pinyin spaced', 'wang jian guo', [word('wang'), word('jian'), word('guo')]],
    ['pinyin initials', 'WJG', [word('wjg')]],
    ['English prefix', 'Smi', [word('smi')]],
    ['typo', 'smiht', [word('smiht')]],
    ['full-width letters', 'Ｓｍｉｔｈ', [word('smith')]],
    ['accents', 'Álvarez', [word('alvarez')]],
    ['mixed Chinese and Latin', '王 vip', [cjk('王'), word('vip')]],
    ['email', 'john.smith@example.com', [word('john'), word('smith'), word('example'), word('com')]],
    ['repeated word', 'smith smith', [word('smith')]],
    ['word and phone fragment', 'smith 555', [word('smith'), phone(['555'])]],
    ['two digits are a word', '12', [word('12')]],
  ])('%s: %j', (_, query, tokens) => {
    expect(parseQuery(query).tokens).toEqual(tokens);
  });
});

describe('parseQuery: phone numbers', () => {
  it.each<[string, QueryToken]>([
    ['138 0013', phone(['1380013'])],
    ['0013 8000', phone(['00138000', '138000'], true)],
    ['+86 138', phone(['86138'], true)],
    ['+86 138 0013 8000', phone(['8613800138000'], true)],
    ['138 0013 8000', phone(['13800138000'])],
    ['138-0013-8000', phone(['13800138000'])],
    ['(138) 0013.8000', phone(['13800138000'])],
    ['010 1234 5678', phone(['01012345678', '1012345678'])],
    ['0086 138 0013', phone(['00861380013', '861380013'], true)],
    ['+1 (212) 555-0119', phone(['12125550119'], true)],
    ['１３８ ００１３', phone(['1380013'])],
    ['13800138000', phone(['13800138000'])],
  ])('%j', (query, token) => {
    expect(parseQuery(query).tokens).toEqual([token]);
  });

  it.each(['1', '12', '+8', '( )', '--'])('%j has too few digits for a phone fragment', (query) => {
    expect(parseQuery(query).tokens.every((t) => t.kind !== 'phone')).toBe(true);
  });
});

describe('parseQuery: text forms', () => {
  it.each([
    ['  Wang   Jian Guo ', 'wang jian guo', 'wangjianguo'],
    ['John.Smith', 'john.smith', 'johnsmith'],
    ['王 建国', '王 建国', '王建国'],
  ])('%j -> text %j, compact %j', (query, text, compact) => {
    expect(parseQuery(query)).toMatchObject({ text, compact });
  });
});

describe('parseQuery: nothing to search for', () => {
  it.each([
    ['empty', ''],
    ['white space', ' \t\n '],
    ['punctuation', '.*('],
    ['regex', '[a-z]+$'.replace(/[a-z]/g, '')],
    ['symbols', '!@#$%^&*()'],
  ])('%s', (_, query) => {
    expect(parseQuery(query).tokens).toEqual([]);
  });

  it('reads only the first MAX_QUERY_LENGTH characters of a very long query', () => {
    const q = parseQuery('a'.repeat(10_000));
    expect(q.text).toHaveLength(MAX_QUERY_LENGTH);
    expect(q.tokens).toEqual([word('a'.repeat(64))]);
  });

  it('keeps at most 8 tokens', () => {
    expect(parseQuery('a b c d e f g h i j k').tokens).toHaveLength(8);
  });
});
