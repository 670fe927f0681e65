import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;

/**
 * The key names sort by: Chinese characters by their pinyin, so 王建国 files under W next to
 * "Walker", as in a phone's contact list, instead of after every Latin name (code-point order).
 * The name itself follows, so two names that read alike still sort in a stable order.
 */
export function nameSortKey(name: string): string {
  const lower = name.toLocaleLowerCase();
  if (!HAN.test(name)) return `${lower}\u0000${name}`;
  const reading = pinyin(lower, { toneType: 'none', separator: ' ', nonZh: 'consecutive', v: true });
  return `${reading.replace(/\s+/g, ' ').trim()}\u0000${name}`;
}

/**
 * The key every other text column of the customer list sorts by (City): the same as names, so
 * 北京, 广州, 上海 sort by pinyin among Latin ones instead of by code point. Empty stays empty, so
 * that the list can put it last.
 */
export function textSortKey(text: string): string {
  return text ? nameSortKey(text) : '';
}
