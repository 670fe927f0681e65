import { describe, expect, it } from 'vitest';
import { nameSortKey, textSortKey } from '../../../src/domain/sort-key';

const sorted = (names: string[]) => [...names].sort((a, b) => (nameSortKey(a) < nameSortKey(b) ? -1 : 1));

describe('nameSortKey', () => {
  it.each([
    ['Chinese names sort by pinyin among Latin ones', ['王建国', 'Walker', 'Adams', '李明', 'zhang'], ['Adams', '李明', 'Walker', '王建国', 'zhang']],
    ['case does not matter', ['bob', 'Alice', 'carol'], ['Alice', 'bob', 'carol']],
    ['a company name with Latin letters', ['上海明远贸易有限公司', 'ABC 公司', 'Shanghai Ltd'], ['ABC 公司', '上海明远贸易有限公司', 'Shanghai Ltd']],
    ['same reading: stable by the name itself', ['王芳', '汪芳', '王芳'], ['汪芳', '王芳', '王芳']],
  ])('%s', (_, input, expected) => {
    expect(sorted(input)).toEqual(expected);
  });

  it('textSortKey sorts any text as names, and keeps empty empty (the list puts it last)', () => {
    const cities = ['上海', '北京', 'Boston', '广州'];
    expect([...cities].sort((a, b) => (textSortKey(a) < textSortKey(b) ? -1 : 1))).toEqual(['北京', 'Boston', '广州', '上海']);
    expect(textSortKey('上海')).toBe(nameSortKey('上海'));
    expect(textSortKey('')).toBe('');
  });

  it('reads 吕 as lv, not lu', () => {
    expect(nameSortKey('吕').startsWith('lv')).toBe(true);
  });
});
