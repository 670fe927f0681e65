/** Longer typed words are never matched with typos: the work grows with the length and they rarely need it. */
export const MAX_FUZZY_LENGTH = 32;

/** How many typos a typed word may contain: none while it is too short to tell a typo from another word. */
export function allowedEdits(typed: string): number {
  if (typed.length < 4 || typed.length > MAX_FUZZY_LENGTH) return 0;
  return typed.length < 8 ? 1 : 2;
}

/**
 * Edit distance between `typed` and prefixes of words, one row per word character: row j holds
 * the distances between word[0, j) and every prefix of `typed`. An edit is an insertion, a
 * deletion, a substitution or a swap of neighbours (smiht -> smith is one edit).
 */
class PrefixDistance {
  private rows: Int32Array[] = [];

  constructor(
    private readonly typed: string,
    private readonly maxEdits: number,
  ) {
    this.row(0).forEach((_, i, row) => (row[i] = i));
  }

  /** The longest word prefix worth a row: beyond it every distance exceeds maxEdits. */
  get maxRows(): number {
    return this.typed.length + this.maxEdits;
  }

  private row(j: number): Int32Array {
    while (this.rows.length <= j) this.rows.push(new Int32Array(this.typed.length + 1));
    return this.rows[j]!;
  }

  /** Fills row j for word[j - 1] (rows before it must be filled for this word's prefix); returns its minimum. */
  fill(word: string, j: number): number {
    const typed = this.typed;
    const cur = this.row(j);
    const prev = this.rows[j - 1]!;
    const before = j > 1 ? this.rows[j - 2]! : prev;
    const wc = word.charCodeAt(j - 1);
    cur[0] = j;
    let min = j;
    for (let i = 1; i <= typed.length; i++) {
      const tc = typed.charCodeAt(i - 1);
      let d = Math.min(prev[i]! + 1, cur[i - 1]! + 1, prev[i - 1]! + (wc === tc ? 0 : 1));
      if (i > 1 && j > 1 && wc === typed.charCodeAt(i - 2) && word.charCodeAt(j - 2) === tc) d = Math.min(d, before[i - 2]! + 1);
      cur[i] = d;
      if (d < min) min = d;
    }
    return min;
  }

  /** Does word[0, j) match all of `typed` within maxEdits? (row j must be filled) */
  matches(j: number): boolean {
    return this.rows[j]![this.typed.length]! <= this.maxEdits;
  }
}

/** Is `typed` within `maxEdits` edits of some prefix of `word`? */
export function withinPrefixEdits(typed: string, word: string, maxEdits: number): boolean {
  if (typed.length <= maxEdits) return true;
  const dp = new PrefixDistance(typed, maxEdits);
  let prevMin = 0;
  const last = Math.min(word.length, dp.maxRows);
  for (let j = 1; j <= last; j++) {
    const min = dp.fill(word, j);
    if (dp.matches(j)) return true;
    // No later row can do better than the best of the last two (a swap looks back two rows).
    if (min > maxEdits && prevMin > maxEdits) return false;
    prevMin = min;
  }
  return false;
}

/** First index in [from, to) whose term does not start with `prefix` (terms sorted, terms[from] starts with it). */
function prefixEnd(terms: readonly string[], from: number, to: number, prefix: string): number {
  let lo = from + 1;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]!.startsWith(prefix)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Visits (the positions of) the terms in sorted terms[from, to) that withinPrefixEdits accepts, like a walk of a
 * trie: rows for the prefix a term shares with the one before are reused, and once a prefix
 * matches (or can no longer match) every term that shares it is taken (or skipped) at once.
 */
export function scanPrefixEdits(terms: readonly string[], from: number, to: number, typed: string, maxEdits: number, visit: (position: number) => void): void {
  if (typed.length <= maxEdits) {
    for (let k = from; k < to; k++) visit(k);
    return;
  }
  const dp = new PrefixDistance(typed, maxEdits);
  const mins: number[] = [0];
  let done = 0;
  let previous = '';
  let k = from;
  while (k < to) {
    const term = terms[k]!;
    let shared = 0;
    const limit = Math.min(done, term.length, previous.length);
    while (shared < limit && term.charCodeAt(shared) === previous.charCodeAt(shared)) shared++;
    let next = k + 1;
    const last = Math.min(term.length, dp.maxRows);
    for (let j = shared + 1; j <= last; j++) {
      mins[j] = dp.fill(term, j);
      done = j;
      if (dp.matches(j)) {
        next = prefixEnd(terms, k, to, term.slice(0, j));
        for (let m = k; m < next; m++) visit(m);
        break;
      }
      if (mins[j]! > maxEdits && mins[j - 1]! > maxEdits) {
        next = prefixEnd(terms, k, to, term.slice(0, j));
        break;
      }
    }
    if (shared >= last) done = last;
    previous = term;
    k = next;
  }
}
