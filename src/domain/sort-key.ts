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
