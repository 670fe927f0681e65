import { allowedEdits, withinPrefixEdits } from './edit-distance';
import { foldWithOffsets, isLetters, segments, type Segment } from './fold';
import { initialsMatchEnd, pinyinMatchEnd, runSyllables, type Reading } from './pinyin';
import { parseQuery, MIN_PHONE_DIGITS, type ParsedQuery } from './query';
import type { SearchField } from './search-doc';

/** [start, end) in UTF-16 code units of the text as displayed. */
export type Range = [number, number];

/** Highlighting looks at what is on screen; a longer text is highlighted in its first part only. */
const MAX_HIGHLIGHT_LENGTH = 20_000;
/** The longest country code; a number shown in national format lacks it. */
const MAX_COUNTRY_CODE = 3;

/** Where the index looks for pinyin (a contact's company is not: the company itself is found by it). */
function readingOf(field: SearchField): Reading | null {
  return field === 'name' ? 'name' : field === 'city' ? 'text' : null;
}

/**
 * The parts of a field's text that the query matched, sorted and merged, as the index matches
 * them: words by prefix or with a typo (the whole word), CJK by substring, pinyin as the Chinese
 * characters whose syllables were typed, phone fragments as their digits in the formatted number
 * (one range per group of digits, so separators are not highlighted).
 */
export function highlightRanges(field: SearchField, text: string, query: string): Range[] {
  if (!text) return [];
  const q = parseQuery(query);
  if (q.tokens.length === 0) return [];
  const source = text.slice(0, MAX_HIGHLIGHT_LENGTH);
  if (field === 'phone') return merge(phoneRanges(source, q));
  const folded = foldWithOffsets(source);
  const segs = segments(folded.text);
  const reading = readingOf(field);
  const found: Range[] = [];
  for (const token of q.tokens) {
    if (token.kind === 'cjk') substringRanges(folded.text, token.text, found);
    else if (token.kind === 'word') wordRanges(segs, token.text, reading, found);
  }
  // The query as typed, when it appears whole: an email address, a phrase of notes.
  if (q.tokens.length > 1) substringRanges(folded.text, q.text, found);
  // Pinyin typed with spaces (wang jian guo) is one run of syllables.
  if (reading && q.tokens.length > 1 && isLetters(q.compact)) pinyinRanges(segs, q.compact, reading, found);
  return merge(found.map(([a, b]): Range => [folded.starts[a]!, folded.ends[b - 1]!]));
}

function substringRanges(text: string, needle: string, out: Range[]): void {
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) out.push([at, at + needle.length]);
}

function wordRanges(segs: Segment[], word: string, reading: Reading | null, out: Range[]): void {
  const edits = isLetters(word) ? allowedEdits(word) : 0;
  for (const seg of segs) {
    if (seg.kind === 'word') {
      if (seg.text.startsWith(word)) out.push([seg.start, seg.start + word.length]);
      else if (edits > 0 && seg.text[0] === word[0] && withinPrefixEdits(word, seg.text, edits)) out.push([seg.start, seg.start + seg.text.length]);
    }
  }
  if (reading && isLetters(word)) pinyinRanges(segs, word, reading, out);
}

function pinyinRanges(segs: Segment[], typed: string, reading: Reading, out: Range[]): void {
  for (const seg of segs) {
    if (seg.kind !== 'cjk') continue;
    const syllables = runSyllables(seg.text, reading);
    for (let i = 0; i < syllables.length; i++) {
      const end = Math.max(pinyinMatchEnd(syllables, i, typed), initialsMatchEnd(syllables, i, typed));
      if (end > 0) out.push([seg.start + i, seg.start + end]);
    }
  }
}

function phoneRanges(text: string, q: ParsedQuery): Range[] {
  let digits = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits += text[i];
      at.push(i);
    }
  }
  const out: Range[] = [];
  for (const token of q.tokens) {
    if (token.kind !== 'phone') continue;
    const tries = [...token.digits];
    // "+86 138 0013" against a number shown nationally (138 0013 8000): try without the country code.
    if (token.international) for (let k = 1; k <= MAX_COUNTRY_CODE; k++) tries.push(token.digits[token.digits.length - 1]!.slice(k));
    for (const fragment of tries) {
      if (fragment.length < MIN_PHONE_DIGITS || !digits.includes(fragment)) continue;
      for (let s = digits.indexOf(fragment); s >= 0; s = digits.indexOf(fragment, s + 1)) digitRuns(at, s, s + fragment.length, out);
      break;
    }
  }
  return out;
}

/** Digits [from, to) of the number as ranges of the text, split where separators sit between them. */
function digitRuns(at: number[], from: number, to: number, out: Range[]): void {
  let start = at[from]!;
  for (let k = from + 1; k <= to; k++) {
    if (k === to || at[k]! !== at[k - 1]! + 1) {
      out.push([start, at[k - 1]! + 1]);
      if (k < to) start = at[k]!;
    }
  }
}

function merge(ranges: Range[]): Range[] {
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Range[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
