import type { DocStore } from './doc-store';
import { PART } from './doc-store';
import { allowedEdits, scanPrefixEdits } from './edit-distance';
import { isLetters, segments } from './fold';
import { PHONE_GRAM, type GramIndex } from './gram-index';
import { MAX_TERM_SYLLABLES, pinyinMatchEnd, runSyllables } from './pinyin';
import { docOf, findEntry, forEachEntry, maskOf, postingLength, type Posting, type PostingMap } from './postings';
import type { ParsedQuery, QueryToken } from './query';
import { FUZZY_SHIFT } from './ranking';
import { FIELD_BITS, NAME_START } from './search-doc';
import type { TermIndex } from './term-index';

/** What a query reads of an index (replaced as a whole when an index is loaded). */
export interface IndexParts {
  docs: DocStore;
  terms: TermIndex;
  /**
   * For each first character, the union of the postings of all terms starting with it: a
   * one-letter query ("s") would otherwise merge a thousand postings on every keystroke.
   */
  firstChars: PostingMap<number>;
  grams: GramIndex;
}

const OTHER_CJK_FIELDS = FIELD_BITS.city | FIELD_BITS.tags | FIELD_BITS.notes;

/**
 * Finds the documents that match every token of a query, and in which fields. Its scratch
 * arrays hold one slot per document, so matching 100k documents allocates nothing per document.
 */
export class Matcher {
  /** The fields each candidate of the last match matched in (FIELD_BITS, fuzzy ones shifted). */
  masks = new Uint16Array(0);
  // Which token last matched a document and in which fields; whether every token so far did (candidate === filter).
  private stamp = new Uint32Array(0);
  private candidate = new Uint32Array(0);
  private tokenMask = new Uint16Array(0);
  private generation = 0;
  private filter = 0;
  private filtered: number[] = [];
  private touched: number[] = [];

  constructor(private readonly index: IndexParts) {}

  /** Documents matching every token, in no particular order; see `masks`. */
  match(q: ParsedQuery): number[] {
    this.prepare();
    let candidates: number[] | null = null;
    // The narrowest token goes first; later ones only look at what is still a candidate.
    for (const token of this.byCost(q.tokens)) {
      this.generation++;
      this.touched = [];
      this.matchToken(token);
      const first = candidates === null;
      candidates = this.touched;
      for (const doc of candidates) {
        this.masks[doc] = (first ? 0 : this.masks[doc]!) | this.tokenMask[doc]!;
        this.candidate[doc] = this.generation;
      }
      this.filter = this.generation;
      this.filtered = candidates;
      if (candidates.length === 0) break;
    }
    this.filter = 0;
    this.filtered = [];
    this.touched = [];
    return candidates ?? [];
  }

  /** Forgets the scratch (document numbers changed). */
  reset(): void {
    this.stamp = new Uint32Array(0);
  }

  private prepare(): void {
    // Wrap before a search, never during one (a search uses at most MAX_TOKENS generations).
    if (this.generation > 0xffff0000) {
      this.stamp.fill(0);
      this.candidate.fill(0);
      this.generation = 0;
    }
    const need = this.index.docs.slots;
    if (this.stamp.length >= need) return;
    const size = Math.max(1024, Math.ceil(need * 1.25));
    this.stamp = new Uint32Array(size);
    this.candidate = new Uint32Array(size);
    this.tokenMask = new Uint16Array(size);
    this.masks = new Uint16Array(size);
    this.generation = 0;
  }

  private byCost(tokens: QueryToken[]): QueryToken[] {
    if (tokens.length < 2) return tokens;
    const cost = new Map(tokens.map((t) => [t, this.cost(t)]));
    return [...tokens].sort((a, b) => cost.get(a)! - cost.get(b)!);
  }

  /** About how many entries matching a token visits. */
  private cost(token: QueryToken): number {
    const { grams, terms, firstChars } = this.index;
    const size = (p: Posting | undefined) => (p === undefined ? 0 : postingLength(p));
    const rarest = (text: string, n: number, get: (gram: string) => Posting | undefined) =>
      Math.min(...Array.from({ length: Math.max(1, text.length - n + 1) }, (_, i) => size(get(text.slice(i, i + n)))));
    if (token.kind === 'phone') return token.digits.reduce((sum, d) => sum + rarest(d, PHONE_GRAM, (g) => grams.digits(g)), 0);
    if (token.kind === 'cjk') return rarest(token.text, 2, (g) => grams.cjk(g));
    const word = token.text;
    if (word.length === 1) return size(firstChars.get(word.charCodeAt(0)));
    return terms.count(word) + (allowedEdits(word) > 0 ? 1000 : 0);
  }

  private matchToken(token: QueryToken): void {
    // A number found only without its leading 0 or 00 ranks as a near miss: "0013 8000" may be a fragment.
    if (token.kind === 'phone') token.digits.forEach((digits, i) => this.matchPhone(digits, i === 0 ? 0 : FUZZY_SHIFT));
    else if (token.kind === 'cjk') this.matchCjk(token.text);
    else this.matchWord(token.text);
  }

  private mark(doc: number, bits: number): void {
    if (!this.index.docs.alive[doc] || (this.filter !== 0 && this.candidate[doc] !== this.filter)) return;
    if (this.stamp[doc] !== this.generation) {
      this.stamp[doc] = this.generation;
      this.tokenMask[doc] = bits;
      this.touched.push(doc);
    } else {
      this.tokenMask[doc] = this.tokenMask[doc]! | bits;
    }
  }

  private markAll(p: Posting, shift: number): void {
    this.visit(p, (doc, e) => this.mark(doc, maskOf(e) << shift));
  }

  /**
   * Visits the entries of a posting that can still matter: all of them, or, when a few candidates
   * are left and the list is long ("example" in an email address), those candidates looked up in it.
   */
  private visit(p: Posting, each: (doc: number, entry: number) => void): void {
    if (typeof p === 'number') {
      each(docOf(p), p);
      return;
    }
    const entries = Array.isArray(p) ? p : p.data;
    if (this.filter !== 0 && this.filtered.length * 16 < p.length) {
      for (const doc of this.filtered) {
        const e = findEntry(entries, p.length, doc);
        if (e >= 0) each(doc, e);
      }
      return;
    }
    for (let i = 0; i < p.length; i++) each(docOf(entries[i]!), entries[i]!);
  }

  private matchWord(word: string): void {
    const { terms, firstChars } = this.index;
    if (word.length === 1) {
      const p = firstChars.get(word.charCodeAt(0));
      if (p !== undefined) this.markAll(p, 0);
      return;
    }
    const [from, to] = terms.range(word);
    for (let i = from; i < to; i++) this.markAll(terms.postingAt(i), 0);
    if (!isLetters(word)) return;
    if (word.length > MAX_TERM_SYLLABLES) this.matchLongPinyin(word);
    const edits = allowedEdits(word);
    if (edits === 0) return;
    // A typo in the first letter is not looked for: it would mean scanning every term.
    const [first, last] = terms.range(word[0]!);
    const sorted = terms.terms();
    scanPrefixEdits(sorted, first, last, word, edits, (i) => {
      if (!sorted[i]!.startsWith(word)) this.markAll(terms.postingAt(i), FUZZY_SHIFT);
    });
  }

  /**
   * Full-pinyin terms stop after MAX_TERM_SYLLABLES syllables, so a longer query is looked up by
   * its longest indexed prefix and then checked against the pinyin of the name.
   */
  private matchLongPinyin(word: string): void {
    const { docs, terms } = this.index;
    for (let length = word.length - 1; length >= MAX_TERM_SYLLABLES; length--) {
      const p = terms.get(word.slice(0, length));
      if (p === undefined) continue;
      forEachEntry(p, (e) => {
        const doc = docOf(e);
        if (!(maskOf(e) & FIELD_BITS.name) || !docs.alive[doc] || docs.isEmpty(doc, PART.pinyin)) return;
        if (!pinyinContinues(docs.part(doc, PART.name), word)) return;
        this.mark(doc, docs.startsWith(doc, PART.pinyin, word) ? FIELD_BITS.name | NAME_START : FIELD_BITS.name);
      });
    }
  }

  private matchCjk(text: string): void {
    const { docs, grams } = this.index;
    if (text.length === 1) {
      const p = grams.cjk(text);
      if (p !== undefined) this.markAll(p, 0);
      return;
    }
    let rarest: Posting | undefined;
    for (let i = 0; i + 2 <= text.length; i++) {
      const p = grams.cjk(text.slice(i, i + 2));
      if (p === undefined) return;
      if (rarest === undefined || postingLength(p) < postingLength(rarest)) rarest = p;
    }
    if (rarest === undefined) return;
    if (text.length === 2) {
      this.markAll(rarest, 0);
      return;
    }
    // Every 2-gram present does not make the whole run present: check the text.
    this.visit(rarest, (doc, e) => {
      const mask = maskOf(e);
      if (!docs.alive[doc]) return;
      let bits = 0;
      if (mask & FIELD_BITS.name && docs.includes(doc, PART.name, text)) bits |= docs.startsWith(doc, PART.name, text) ? FIELD_BITS.name | NAME_START : FIELD_BITS.name;
      if (mask & FIELD_BITS.company && docs.includes(doc, PART.company, text)) bits |= FIELD_BITS.company;
      if (mask & OTHER_CJK_FIELDS && docs.includes(doc, PART.cjk, text)) bits |= mask & OTHER_CJK_FIELDS;
      if (bits) this.mark(doc, bits);
    });
  }

  private matchPhone(digits: string, shift: number): void {
    const { docs, grams } = this.index;
    let rarest: Posting | undefined;
    for (let i = 0; i + PHONE_GRAM <= digits.length; i++) {
      const p = grams.digits(digits.slice(i, i + PHONE_GRAM));
      if (p === undefined) return;
      if (rarest === undefined || postingLength(p) < postingLength(rarest)) rarest = p;
    }
    if (rarest === undefined) return;
    const exact = digits.length === PHONE_GRAM;
    this.visit(rarest, (doc) => {
      if (docs.alive[doc] && (exact || docs.digits.includes(doc, digits))) this.mark(doc, FIELD_BITS.phone << shift);
    });
  }
}

function pinyinContinues(folded: string, typed: string): boolean {
  for (const seg of segments(folded)) {
    if (seg.kind !== 'cjk') continue;
    const syllables = runSyllables(seg.text, 'name');
    for (let i = 0; i < syllables.length; i++) if (pinyinMatchEnd(syllables, i, typed) > 0) return true;
  }
  return false;
}
