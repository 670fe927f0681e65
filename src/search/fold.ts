/**
 * One spelling for what is stored and what is typed, so case, full-width forms (ＡＢＣ１２３ from a
 * Chinese input method) and accents never decide whether something is found. The index and the
 * highlighter fold the same way; the highlighter also needs to map folded positions back.
 */

const MARKS = /\p{M}/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

const foldCache = new Map<string, string>();

/** Lower case, compatibility forms and accents dropped; '' for a lone combining mark. */
function foldCodePoint(ch: string): string {
  let folded = foldCache.get(ch);
  if (folded === undefined) {
    folded = ch.normalize('NFKD').toLowerCase().normalize('NFKD').replace(MARKS, '');
    // Hostile text could hold every code point there is; the cache is only a speed-up.
    if (foldCache.size > 20_000) foldCache.clear();
    foldCache.set(ch, folded);
  }
  return folded;
}

/** Unified ideographs are the bulk of Chinese text and fold to themselves: skip normalisation. */
function isPlainHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

/** Text that folds by lower-casing alone: ASCII and common Han characters. */
const PLAIN = /^[\u0000-\u007f\u3400-\u4dbf\u4e00-\u9fff]*$/; // eslint-disable-line no-control-regex -- all of ASCII

/** The result is a flat string: the index keeps it, and a string built with += would keep every piece. */
export function foldText(text: string): string {
  if (PLAIN.test(text)) return text.toLowerCase();
  const parts: string[] = [];
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    parts.push(c < 128 ? ch.toLowerCase() : isPlainHan(c) ? ch : foldCodePoint(ch));
  }
  return parts.join('');
}

export interface FoldedText {
  text: string;
  /** For each code unit of `text`: where its source character starts and ends in the original. */
  starts: number[];
  ends: number[];
}

export function foldWithOffsets(original: string): FoldedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  for (const ch of original) {
    const c = ch.charCodeAt(0);
    const folded = c < 128 ? ch.toLowerCase() : isPlainHan(c) ? ch : foldCodePoint(ch);
    const end = at + ch.length;
    if (folded === '' && ends.length > 0) {
      // A dropped accent belongs to the letter before it, so highlighting that letter covers it.
      ends[ends.length - 1] = end;
    }
    for (let i = 0; i < folded.length; i++) {
      starts.push(at);
      ends.push(end);
    }
    text += folded;
    at = end;
  }
  return { text, starts, ends };
}

/**
 * Characters written without spaces between words: Han, kana, Hangul (as jamo after folding),
 * and anything outside the BMP, which is mostly rare Han characters and emoji. These are found
 * by substring, not by word.
 */
export function isCjkCode(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 0x1100 && c <= 0x11ff) ||
    (c >= 0x2e80 && c <= 0x2fdf) ||
    (c >= 0x3100 && c <= 0x31ff) ||
    (c >= 0xa960 && c <= 0xa97f) ||
    (c >= 0xac00 && c <= 0xd7ff) ||
    (c >= 0xd800 && c <= 0xdfff) ||
    (c >= 0xf900 && c <= 0xfaff)
  );
}

export function isHanCode(c: number): boolean {
  return isPlainHan(c) || (c >= 0xf900 && c <= 0xfaff);
}

// Character classes, computed once per code unit.
const UNKNOWN = 0;
const SEPARATOR = 1;
const WORD = 2;
const CJK = 3;

const classes = new Uint8Array(0x10000);

function classOf(c: number): number {
  let k = classes[c]!;
  if (k === UNKNOWN) {
    k = isCjkCode(c) ? CJK : WORD_CHAR.test(String.fromCharCode(c)) ? WORD : SEPARATOR;
    classes[c] = k;
  }
  return k;
}

export interface Segment {
  kind: 'word' | 'cjk';
  text: string;
  /** Position in the folded text. */
  start: number;
}

/** Splits folded text into words (letters and digits) and runs of CJK characters; the rest separates. */
export function segments(folded: string): Segment[] {
  const out: Segment[] = [];
  let start = 0;
  let current = SEPARATOR;
  for (let i = 0; i <= folded.length; i++) {
    const k = i < folded.length ? classOf(folded.charCodeAt(i)) : SEPARATOR;
    if (k === current) continue;
    if (current !== SEPARATOR) {
      out.push({ kind: current === CJK ? 'cjk' : 'word', text: folded.slice(start, i), start });
    }
    current = k;
    start = i;
  }
  return out;
}

export function isLetters(word: string): boolean {
  return /^[a-z]+$/.test(word);
}
