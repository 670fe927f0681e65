import { describe, expect, it } from 'vitest';
import { cleanNotes, cleanText } from '../../../src/domain/text';

describe('cleanText (names and one-line fields)', () => {
  it.each([
    ['  王  建国 ', '王 建国'],
    ['王建国', '王建国'],
    ['Ada\t\tLovelace\n', 'Ada Lovelace'],
    ['\u3000张三\u3000', '张三'],
    ['   ', ''],
    ['', ''],
  ])('%j -> %j', (raw, expected) => {
    expect(cleanText(raw)).toBe(expected);
  });
});

describe('cleanNotes (multi-line text)', () => {
  it.each([
    ['line one  \nline two\t\n', 'line one\nline two'],
    ['\n\n  first\n\nsecond  ', 'first\n\nsecond'],
    ['  indented\n  kept', 'indented\n  kept'],
    ['', ''],
  ])('%j -> %j', (raw, expected) => {
    expect(cleanNotes(raw)).toBe(expected);
  });
});
