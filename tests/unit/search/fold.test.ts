import { describe, expect, it } from 'vitest';
import { foldText, foldWithOffsets, segments } from '../../../src/search/fold';

describe('foldText', () => {
  it.each([
    ['John SMITH', 'john smith'],
    ['Ｓｍｉｔｈ １３８', 'smith 138'],
    ['José Álvarez', 'jose alvarez'],
    ['Straße', 'straße'],
    ['王建国', '王建国'],
    ['上海明远贸易有限公司', '上海明远贸易有限公司'],
    ['对价格比较敏感，注意', '对价格比较敏感,注意'],
    ['ＡＢＣ公司', 'abc公司'],
    ['', ''],
  ])('%j -> %j', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });

  it('agrees with foldWithOffsets', () => {
    for (const text of ['José Álvarez', 'Ｓｍｉｔｈ', '王建国 Tony', 'ﬁle']) expect(foldWithOffsets(text).text).toBe(foldText(text));
  });
});

describe('foldWithOffsets', () => {
  it('maps every folded code unit back to its source character', () => {
    // A decomposed accent (e + U+0301) belongs to the e before it.
    const { text, starts, ends } = foldWithOffsets('Jose\u0301 ﬁ');
    expect(text).toBe('jose fi');
    expect(starts).toEqual([0, 1, 2, 3, 5, 6, 6]);
    expect(ends).toEqual([1, 2, 3, 5, 6, 7, 7]);
  });
});

describe('segments', () => {
  it.each<[string, [string, string][]]>([
    ['john smith', [['word', 'john'], ['word', 'smith']]],
    ['王建国', [['cjk', '王建国']]],
    ['王建国tony', [['cjk', '王建国'], ['word', 'tony']]],
    ['john.smith123@example.com', [['word', 'john'], ['word', 'smith123'], ['word', 'example'], ['word', 'com']]],
    ['喜欢周末来店里。', [['cjk', '喜欢周末来店里']]],
    ['ひらがな カタカナ', [['cjk', 'ひらがな'], ['cjk', 'カタカナ']]],
    ['.*( )', []],
  ])('%j', (text, expected) => {
    expect(segments(text).map((s) => [s.kind, s.text])).toEqual(expected);
  });

  it('gives each segment its position', () => {
    expect(segments('ab 王建国 cd').map((s) => s.start)).toEqual([0, 3, 7]);
  });
});
