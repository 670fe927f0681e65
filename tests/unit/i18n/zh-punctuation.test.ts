import { describe, expect, test } from 'vitest';
import { zhCN } from '../../../src/i18n/messages/zh-CN';

/**
 * Chinese text takes full-width punctuation (：，（）；！？) with no space around it. ASCII
 * punctuation is still right inside codes and numbers that are not Chinese text: "ws://",
 * "stun:", "09:30", "1,234.56", "(RFM)" after a Latin word.
 */
const CJK = String.raw`[\p{Script=Han}\u3000-\u303f\uff00-\uff60“”‘’…—]`;
const ASCII_MARK = String.raw`[:,;!?()]`;
const FULL_WIDTH_MARK = '[，。：；！？（）、]';
/** A lower-case scheme that ends in a colon ("stun:", "wss:") is data, not punctuation. */
const CODE = /\b[a-z][a-z0-9+.-]*:/g;
/** Stands for an interpolated value: neither Chinese nor Latin, so it excuses nothing beside it. */
const PLACEHOLDER = '\u0001';

const problems = [
  { why: 'ASCII punctuation after Chinese text', re: new RegExp(`${CJK} *${ASCII_MARK}`, 'u') },
  { why: 'ASCII punctuation before Chinese text', re: new RegExp(`${ASCII_MARK} *${CJK}`, 'u') },
  { why: 'ASCII bracket around an interpolated value in Chinese text', re: new RegExp(`${CJK} *\\(${PLACEHOLDER}|${PLACEHOLDER}\\) *${CJK}`, 'u') },
  { why: 'a space before full-width punctuation', re: new RegExp(`\\s${FULL_WIDTH_MARK}`, 'u') },
  { why: 'a space after full-width punctuation', re: new RegExp(`${FULL_WIDTH_MARK}\\s`, 'u') },
];

function punctuationProblems(text: string): string[] {
  const plain = text.replace(/\{\{[^}]*\}\}/g, PLACEHOLDER).replace(CODE, 'x');
  return problems.filter(({ re }) => re.test(plain)).map(({ why }) => why);
}

function entries(obj: object, prefix = ''): [string, string][] {
  return Object.entries(obj).flatMap(([key, value]): [string, string][] =>
    typeof value === 'object' && value !== null ? entries(value as object, `${prefix}${key}.`) : [[`${prefix}${key}`, String(value)]],
  );
}

describe('Chinese punctuation in zh-CN messages', () => {
  test('every zh-CN message uses full-width punctuation next to Chinese text', () => {
    const hits = entries(zhCN).flatMap(([key, text]) => punctuationProblems(text).map((why) => `${key}: ${why}: ${text}`));
    expect(hits).toEqual([]);
  });

  test.each([
    ['名称:', 'ASCII punctuation after Chinese text'],
    ['姓名 : 王', 'ASCII punctuation after Chinese text'],
    ['电话,邮箱', 'ASCII punctuation after Chinese text'],
    ['保留历史(天)', 'ASCII punctuation after Chinese text'],
    ['同事的设备({{names}})', 'ASCII punctuation after Chinese text'],
    ['{{field}}: 已修改', 'ASCII punctuation before Chinese text'],
    ['（{{count}} 条）', undefined],
    ['已保存 ，稍后', 'a space before full-width punctuation'],
    ['已保存， 稍后', 'a space after full-width punctuation'],
  ])('finds %s', (text, why) => {
    if (why) expect(punctuationProblems(text)).toContain(why);
    else expect(punctuationProblems(text)).toEqual([]);
  });

  test.each([
    '例如 ws://192.168.1.20:8420/signal。',
    'STUN 或 TURN 地址须以 stun:、turn: 或 turns: 开头。',
    '例如 12.50 或 1,234.56。',
    '时间无效，请按 HH:MM 填写，例如 09:30。',
    '{{field}}：{{old}} → {{new}}',
    '存储空间已满：Kehu 现为只读',
    '{{score}} / {{max}}',
  ])('allows codes, numbers and placeholders: %s', (text) => {
    expect(punctuationProblems(text)).toEqual([]);
  });
});
