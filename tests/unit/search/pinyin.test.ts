import { describe, expect, it } from 'vitest';
import { initialsMatchEnd, pinyinMatchEnd, pinyinTerms, runSyllables } from '../../../src/search/pinyin';

describe('runSyllables', () => {
  it.each([
    ['王建国', 'name', ['wang', 'jian', 'guo']],
    ['吕敏', 'name', ['lv', 'min']],
    ['单雄信', 'name', ['shan', 'xiong', 'xin']],
    ['曾国藩', 'name', ['zeng', 'guo', 'fan']],
    ['重庆', 'text', ['chong', 'qing']],
    ['王ひ', 'text', ['wang', null]],
  ] as const)('%j (%s) -> %j', (run, reading, syllables) => {
    expect(runSyllables(run, reading)).toEqual(syllables);
  });
});

describe('pinyinTerms', () => {
  it('indexes full pinyin (at most 4 syllables) and initials from every character', () => {
    const terms: string[] = [];
    pinyinTerms(runSyllables('上海明远贸易', 'text'), (term) => terms.push(term));
    expect(terms).toEqual([
      'shanghaimingyuan', 'shmymy',
      'haimingyuanmao', 'hmymy',
      'mingyuanmaoyi', 'mymy',
      'yuanmaoyi', 'ymy',
      'maoyi', 'my',
      'yi',
    ]);
  });
});

describe('pinyin matching', () => {
  const syllables = runSyllables('王建国', 'name');
  it.each([
    ['wangjianguo', 0, 3],
    ['wangjian', 0, 2],
    ['wangjia', 0, 2],
    ['wangj', 0, 2],
    ['wang', 0, 1],
    ['wan', 0, 1],
    ['jianguo', 1, 3],
    ['guo', 2, 3],
    ['wangjianguox', 0, -1],
    ['wangguo', 0, -1],
    ['jianguo', 0, -1],
  ])('full %j from %i ends at %i', (typed, start, end) => {
    expect(pinyinMatchEnd(syllables, start, typed)).toBe(end);
  });

  it.each([
    ['wjg', 0, 3],
    ['wj', 0, 2],
    ['jg', 1, 3],
    ['w', 0, -1],
    ['wjgx', 0, -1],
    ['wgj', 0, -1],
  ])('initials %j from %i end at %i', (typed, start, end) => {
    expect(initialsMatchEnd(syllables, start, typed)).toBe(end);
  });
});
