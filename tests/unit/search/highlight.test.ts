import { describe, expect, it } from 'vitest';
import { highlightRanges, type Range, type SearchField } from '../../../src/search';

describe('highlightRanges', () => {
  it.each<[string, SearchField, string, string, Range[]]>([
    ['Chinese substring', 'name', '王建国', '建国', [[1, 3]]],
    ['Chinese in a company', 'company', '上海明远贸易有限公司', '明远贸易', [[2, 6]]],
    ['Chinese words apart', 'name', '王建国', '王 国', [[0, 1], [2, 3]]],
    ['pinyin full', 'name', '王建国', 'wangjianguo', [[0, 3]]],
    ['pinyin spaced', 'name', '王建国', 'wang jian guo', [[0, 3]]],
    ['pinyin of a later part', 'name', '王建国', 'jianguo', [[1, 3]]],
    ['pinyin while typing', 'name', '王建国', 'wangj', [[0, 2]]],
    ['pinyin initials', 'name', '王建国', 'wjg', [[0, 3]]],
    ['pinyin v for ü', 'name', '吕敏', 'lv', [[0, 1]]],
    ['pinyin of a city', 'city', '杭州', 'hangzhou', [[0, 2]]],
    ['pinyin of part of a company’s name', 'name', '上海明远贸易有限公司', 'mingyuan', [[2, 4]]],
    ['no pinyin in a contact’s company', 'company', '上海明远贸易有限公司', 'mingyuan', []],
    ['one letter, every syllable it starts', 'name', '王伟', 'w', [[0, 2]]],
    ['no pinyin in notes', 'notes', '王建国介绍的', 'wangjianguo', []],
    ['English prefix', 'name', 'John Smith', 'smi', [[5, 8]]],
    ['English typo, whole word', 'name', 'John Smith', 'smiht', [[5, 10]]],
    ['two words, typed together', 'name', 'John Smith', 'john smi', [[0, 8]]],
    ['two words, typed apart', 'name', 'John Smith', 'smi john', [[0, 4], [5, 8]]],
    ['full-width text', 'name', 'Ｓｍｉｔｈ', 'smith', [[0, 5]]],
    ['accents', 'name', 'José Álvarez', 'alv', [[5, 8]]],
    ['decomposed accent', 'name', 'Jose\u0301 Alvarez', 'jose', [[0, 5]]],
    ['email, whole', 'email', 'john.smith@example.com', 'john.smith@example.com', [[0, 22]]],
    ['email part', 'email', 'john.smith@example.com', 'smith', [[5, 10]]],
    ['phrase in notes', 'notes', 'Met at the spring trade show.', 'trade show', [[18, 28]]],
    ['tag', 'tags', 'VIP', 'vip', [[0, 3]]],
    ['nothing matches', 'name', 'John Smith', 'xyz', []],
    ['empty query', 'name', 'John Smith', '  ', []],
    ['empty text', 'name', '', 'smith', []],
    ['garbage query', 'name', 'John Smith', '.*(😀', []],
  ])('%s: %j in %s %j', (_, field, text, query, expected) => {
    expect(highlightRanges(field, text, query)).toEqual(expected);
  });

  it.each<[string, string, Range[]]>([
    ['+86 138 0013 8000', '138 0013', [[4, 7], [8, 12]]],
    ['+86 138 0013 8000', '+86 138', [[1, 3], [4, 7]]],
    ['+86 138 0013 8000', '13800138000', [[4, 7], [8, 12], [13, 17]]],
    ['138 0013 8000', '+86 138 0013', [[0, 3], [4, 8]]],
    ['138 0013 8000', '0013 8000', [[4, 8], [9, 13]]],
    ['138-0013-8000', '3800', [[1, 3], [4, 6], [7, 8], [9, 12]]],
    ['(212) 555-0119', '555-01', [[6, 9], [10, 12]]],
    ['(212) 555-0119', '+1 212 555', [[1, 4], [6, 9]]],
    ['010 1234 5678', '+86 10 1234', [[1, 3], [4, 8]]],
    ['138 0013 8000', '999', []],
    ['138 0013 8000', 'smith', []],
  ])('phone %j, query %j', (text, query, expected) => {
    expect(highlightRanges('phone', text, query)).toEqual(expected);
  });
});
