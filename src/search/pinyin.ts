import { pinyin } from 'pinyin-pro';
import { isHanCode } from './fold';

/**
 * Pinyin for finding Chinese text typed on a Latin keyboard: wangjianguo, jianguo and wjg all
 * find 王建国. A syllable is toneless lower case with v for ü (lv for 吕), as pinyin input
 * methods spell it.
 */

/** Person names read their first character as a surname (单 shan, 曾 zeng); other text reads in context. */
export type Reading = 'name' | 'text';

/**
 * Full-pinyin index terms stop after this many syllables, because a long company name would
 * otherwise add a long unique term per character; longer queries are checked against the text.
 */
export const MAX_TERM_SYLLABLES = 4;
/** Nobody types the initials of more than a few characters. */
export const MAX_INITIALS = 6;

export type Syllables = readonly (string | null)[];

const cache = new Map<string, Syllables>();
const SYLLABLE = /^[a-z]+$/;

/** One syllable per code unit of a CJK run; null where a character has none (kana, emoji, unknown). */
export function runSyllables(run: string, reading: Reading): Syllables {
  const key = reading === 'name' ? `\u0001${run}` : run;
  let out = cache.get(key);
  if (!out) {
    out = computeSyllables(run, reading);
    // Names repeat a lot (王伟 is common), so a cache pays; bounded because it is only a speed-up.
    if (cache.size > 50_000) cache.clear();
    cache.set(key, out);
  }
  return out;
}

function computeSyllables(run: string, reading: Reading): Syllables {
  const out: (string | null)[] = new Array<string | null>(run.length).fill(null);
  let i = 0;
  while (i < run.length) {
    if (!isHanCode(run.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    while (j < run.length && isHanCode(run.charCodeAt(j))) j++;
    const han = run.slice(i, j);
    const surname = reading === 'name' && i === 0 ? 'head' : 'off';
    let read = pinyin(han, { toneType: 'none', type: 'array', v: true, surname });
    if (read.length !== han.length) read = Array.from(han, (ch) => pinyin(ch, { toneType: 'none', type: 'array', v: true })[0] ?? '');
    for (let k = 0; k < han.length; k++) {
      const s = read[k];
      out[i + k] = s !== undefined && SYLLABLE.test(s) ? s : null;
    }
    i = j;
  }
  return out;
}

/** Index terms of a run: full pinyin and initials from every character, so any part of a name is found. */
export function pinyinTerms(syllables: Syllables, emit: (term: string, at: number) => void): void {
  for (let i = 0; i < syllables.length; i++) {
    if (syllables[i] === null) continue;
    let end = i;
    while (end < syllables.length && end - i < MAX_INITIALS && syllables[end] !== null) end++;
    const run = syllables.slice(i, end) as string[];
    // join, not +=: a term may be kept as an index key, and it should be one flat string.
    emit(run.slice(0, MAX_TERM_SYLLABLES).join(''), i);
    // One initial is a prefix of the full syllable already.
    if (run.length > 1) emit(run.map((s) => s[0]).join(''), i);
  }
}

/**
 * Where full pinyin typed from character `start` ends (exclusive), or -1: each syllable must be
 * typed whole except the last, which may be cut short while typing (wangjia -> 王建).
 */
export function pinyinMatchEnd(syllables: Syllables, start: number, typed: string): number {
  let pos = 0;
  for (let j = start; j < syllables.length; j++) {
    const s = syllables[j];
    if (!s) return -1;
    const rest = typed.length - pos;
    if (rest <= s.length) return s.startsWith(typed.slice(pos)) ? j + 1 : -1;
    if (!typed.startsWith(s, pos)) return -1;
    pos += s.length;
  }
  return -1;
}

/** Where initials typed from character `start` end (exclusive), or -1. */
export function initialsMatchEnd(syllables: Syllables, start: number, typed: string): number {
  if (typed.length < 2 || start + typed.length > syllables.length) return -1;
  for (let k = 0; k < typed.length; k++) {
    const s = syllables[start + k];
    if (!s || s[0] !== typed[k]) return -1;
  }
  return start + typed.length;
}
