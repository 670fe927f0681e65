import { analyseDoc, type TermSink } from './analyse';
import { GramIndex, PHONE_GRAM, type GramIndexJson } from './gram-index';
import { hashDoc } from './doc-hash';
import { DocStore, PART, type DocStoreJson } from './doc-store';
import { allowedEdits, scanPrefixEdits } from './edit-distance';
import { isLetters, segments } from './fold';
import { MAX_TERM_SYLLABLES, pinyinMatchEnd, runSyllables } from './pinyin';
import { docOf, findEntry, forEachEntry, isPostingsJson, maskOf, PostingMap, postingLength, type Posting, type PostingsJson } from './postings';
import { parseQuery, type ParsedQuery, type QueryToken } from './query';
import { FUZZY_SHIFT, maskScore, nameTier, needsNameCheck, scoreOf, topPositions } from './ranking';
import { FIELD_BITS, fieldsOfMask, NAME_START, type SearchDoc, type SearchField } from './search-doc';
import { TermIndex } from './term-index';

export interface SearchHit {
  id: string;
  kind: 'customer' | 'contact';
  customerId: string;
  /** Higher is better; only the order means something. */
  score: number;
  matchedFields: SearchField[];
}

export interface SearchResult {
  /** Every match, even when only the best `limit` are in `hits`. */
  total: number;
  hits: SearchHit[];
}

export interface SearchOptions {
  /** How many hits to rank and return; the total is counted regardless. */
  limit?: number;
}

export const DEFAULT_LIMIT = 50;
export const SEARCH_INDEX_FORMAT = 'kehu-search-index';
export const SEARCH_INDEX_VERSION = 1;

export interface SearchIndexJson {
  format: typeof SEARCH_INDEX_FORMAT;
  version: typeof SEARCH_INDEX_VERSION;
  docs: DocStoreJson;
  /** Keys in code-unit order. */
  terms: PostingsJson;
  firstChars: PostingsJson<number>;
  grams: GramIndexJson;
}

/** Dead slots are reclaimed once there are this many and they are a quarter of all slots. */
const COMPACT_AFTER = 1024;
const OTHER_CJK_FIELDS = FIELD_BITS.city | FIELD_BITS.tags | FIELD_BITS.notes;

/**
 * Search over customers and contacts for a Web Worker: no DOM, no storage. Documents are added,
 * replaced and removed one at a time as the projection reports changes, or many at a time while
 * building; the index can be saved with toJSON and loaded with fromJSON.
 *
 * Words (and pinyin) are found by prefix and typo through a sorted term list; CJK text by any
 * substring through 1- and 2-grams; phone numbers by any digit fragment through 3-grams. Why
 * this and not MiniSearch or FlexSearch alone: docs/search.md.
 */
export class SearchIndex {
  private docs = new DocStore();
  private terms = new TermIndex();
  /**
   * For each first character, the union of the postings of all terms starting with it: a
   * one-letter query ("s") would otherwise merge a thousand postings on every keystroke.
   */
  private firstChars = new PostingMap<number>();
  private grams = new GramIndex();
  /** The document number being added: analysis writes its terms straight into the postings. */
  private adding = 0;
  private readonly sink: TermSink = {
    term: (key, field) => {
      this.terms.add(key, this.adding, field);
      this.firstChars.add(key.charCodeAt(0), this.adding, field);
    },
    cjk: (run, field, first, single) => this.grams.addCjk(run, this.adding, field, first, single),
    digits: (digits, field) => this.grams.addDigits(digits, this.adding, field),
  };

  // Per-search scratch, one slot per document: which token last matched it and in which fields,
  // and whether every token so far matched it (candidate === filter).
  private stamp = new Uint32Array(0);
  private candidate = new Uint32Array(0);
  private tokenMask = new Uint16Array(0);
  private queryMask = new Uint16Array(0);
  private generation = 0;
  private filter = 0;
  private filtered: number[] = [];
  private touched: number[] = [];

  get size(): number {
    return this.docs.live;
  }

  has(id: string): boolean {
    return this.docs.byId.has(id);
  }

  /** Adds a document, replacing the one with the same id; an unchanged document costs a hash. */
  add(doc: SearchDoc): void {
    const hash = hashDoc(doc);
    const old = this.docs.byId.get(doc.id);
    if (old !== undefined) {
      if (this.docs.hashes[old] === hash) return;
      this.docs.kill(old);
    }
    this.adding = this.docs.slots;
    const forms = analyseDoc(doc, this.sink);
    this.docs.add(doc, forms, hash);
    this.compactIfWorthIt();
  }

  /** Adds documents in one go; to keep a thread responsive, pass slices and yield in between (see addInSlices). */
  addMany(docs: Iterable<SearchDoc>): void {
    for (const doc of docs) this.add(doc);
  }

  remove(id: string): void {
    const n = this.docs.byId.get(id);
    if (n === undefined) return;
    this.docs.kill(n);
    this.compactIfWorthIt();
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT)) || 0;
    const q = parseQuery(query);
    if (q.tokens.length === 0 || this.docs.live === 0) return { total: 0, hits: [] };
    const candidates = this.match(q);
    const scores = new Int32Array(candidates.length);
    const { nameLengths } = this.docs;
    const masks = this.queryMask;
    for (let i = 0; i < candidates.length; i++) {
      const doc = candidates[i]!;
      const mask = masks[doc]!;
      scores[i] = needsNameCheck(mask) ? scoreOf(nameTier(this.docs, doc, q, mask), mask, nameLengths[doc]!) : maskScore(mask, nameLengths[doc]!);
    }
    const hits = topPositions(candidates, scores, limit).map((i): SearchHit => {
      const doc = candidates[i]!;
      const mask = this.queryMask[doc]!;
      return {
        id: this.docs.ids[doc]!,
        kind: this.docs.kinds[doc] === 1 ? 'contact' : 'customer',
        customerId: this.docs.customerIds[doc]!,
        score: scores[i]!,
        matchedFields: fieldsOfMask(mask | (mask >>> FUZZY_SHIFT)),
      };
    });
    return { total: candidates.length, hits };
  }

  toJSON(): SearchIndexJson {
    if (this.docs.dead > 0) this.compact();
    return {
      format: SEARCH_INDEX_FORMAT,
      version: SEARCH_INDEX_VERSION,
      docs: this.docs.toJSON(),
      terms: this.terms.toJSON(),
      firstChars: this.firstChars.toJSON(),
      grams: this.grams.toJSON(),
    };
  }

  /** Throws on anything that is not a saved index of this version: the caller then rebuilds. */
  static fromJSON(json: unknown): SearchIndex {
    const j = json as Partial<SearchIndexJson> | null;
    if (!j || j.format !== SEARCH_INDEX_FORMAT || j.version !== SEARCH_INDEX_VERSION || !j.docs || !j.grams || !isPostingsJson(j.firstChars, 'number')) {
      throw new Error('not a saved search index of this version');
    }
    const index = new SearchIndex();
    index.docs = DocStore.fromJSON(j.docs);
    index.terms = TermIndex.fromJSON(j.terms);
    index.firstChars = PostingMap.fromJSON(j.firstChars as PostingsJson<number>);
    index.grams = GramIndex.fromJSON(j.grams);
    return index;
  }

  /** Documents that match every token, with the fields each matched in `queryMask`. */
  private match(q: ParsedQuery): number[] {
    this.ensureScratch();
    let candidates: number[] | null = null;
    // The narrowest token goes first; later ones only look at what is still a candidate.
    for (const token of this.byCost(q.tokens)) {
      this.nextGeneration();
      this.touched = [];
      this.matchToken(token);
      const first = candidates === null;
      candidates = this.touched;
      for (const doc of candidates) {
        this.queryMask[doc] = (first ? 0 : this.queryMask[doc]!) | this.tokenMask[doc]!;
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

  private byCost(tokens: QueryToken[]): QueryToken[] {
    if (tokens.length < 2) return tokens;
    const cost = new Map(tokens.map((t) => [t, this.cost(t)]));
    return [...tokens].sort((a, b) => cost.get(a)! - cost.get(b)!);
  }

  /** About how many entries matching a token visits. */
  private cost(token: QueryToken): number {
    const size = (p: Posting | undefined) => (p === undefined ? 0 : postingLength(p));
    if (token.kind === 'phone') {
      return token.digits.reduce((sum, d) => sum + Math.min(...Array.from({ length: d.length - PHONE_GRAM + 1 }, (_, i) => size(this.grams.digits(d.slice(i, i + PHONE_GRAM))))), 0);
    }
    if (token.kind === 'cjk') {
      const t = token.text;
      return t.length === 1 ? size(this.grams.cjk(t)) : Math.min(...Array.from({ length: t.length - 1 }, (_, i) => size(this.grams.cjk(t.slice(i, i + 2)))));
    }
    const word = token.text;
    if (word.length === 1) return size(this.firstChars.get(word.charCodeAt(0)));
    return this.terms.count(word) + (allowedEdits(word) > 0 ? 1000 : 0);
  }

  private matchToken(token: QueryToken): void {
    // A number found only without its leading 0 or 00 ranks as a near miss: "0013 8000" may be a fragment.
    if (token.kind === 'phone') token.digits.forEach((digits, i) => this.matchPhone(digits, i === 0 ? 0 : FUZZY_SHIFT));
    else if (token.kind === 'cjk') this.matchCjk(token.text);
    else this.matchWord(token.text);
  }

  private mark(doc: number, bits: number): void {
    if (!this.docs.alive[doc] || (this.filter !== 0 && this.candidate[doc] !== this.filter)) return;
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
    if (word.length === 1) {
      const p = this.firstChars.get(word.charCodeAt(0));
      if (p !== undefined) this.markAll(p, 0);
      return;
    }
    const [from, to] = this.terms.range(word);
    for (let i = from; i < to; i++) this.markAll(this.terms.postingAt(i), 0);
    if (!isLetters(word)) return;
    if (word.length > MAX_TERM_SYLLABLES) this.matchLongPinyin(word);
    const edits = allowedEdits(word);
    if (edits === 0) return;
    // A typo in the first letter is not looked for: it would mean scanning every term.
    const [first, last] = this.terms.range(word[0]!);
    const terms = this.terms.terms();
    scanPrefixEdits(terms, first, last, word, edits, (i) => {
      if (!terms[i]!.startsWith(word)) this.markAll(this.terms.postingAt(i), FUZZY_SHIFT);
    });
  }

  /**
   * Full-pinyin terms stop after MAX_TERM_SYLLABLES syllables, so a longer query is looked up by
   * its longest indexed prefix and then checked against the pinyin of the name or company.
   */
  private matchLongPinyin(word: string): void {
    for (let length = word.length - 1; length >= MAX_TERM_SYLLABLES; length--) {
      const p = this.terms.get(word.slice(0, length));
      if (p === undefined) continue;
      forEachEntry(p, (e) => {
        const doc = docOf(e);
        if (!(maskOf(e) & FIELD_BITS.name) || !this.docs.alive[doc] || this.docs.isEmpty(doc, PART.pinyin)) return;
        let bits = 0;
        if (pinyinContinues(this.docs.part(doc, PART.name), word)) bits = this.docs.startsWith(doc, PART.pinyin, word) ? FIELD_BITS.name | NAME_START : FIELD_BITS.name;
        if (bits) this.mark(doc, bits);
      });
    }
  }

  private matchCjk(text: string): void {
    if (text.length === 1) {
      const p = this.grams.cjk(text);
      if (p !== undefined) this.markAll(p, 0);
      return;
    }
    let rarest: Posting | undefined;
    for (let i = 0; i + 2 <= text.length; i++) {
      const p = this.grams.cjk(text.slice(i, i + 2));
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
      if (!this.docs.alive[doc]) return;
      let bits = 0;
      const docs = this.docs;
      if (mask & FIELD_BITS.name && docs.includes(doc, PART.name, text)) bits |= docs.startsWith(doc, PART.name, text) ? FIELD_BITS.name | NAME_START : FIELD_BITS.name;
      if (mask & FIELD_BITS.company && docs.includes(doc, PART.company, text)) bits |= FIELD_BITS.company;
      if (mask & OTHER_CJK_FIELDS && docs.includes(doc, PART.cjk, text)) bits |= mask & OTHER_CJK_FIELDS;
      if (bits) this.mark(doc, bits);
    });
  }

  private matchPhone(digits: string, shift: number): void {
    let rarest: Posting | undefined;
    for (let i = 0; i + PHONE_GRAM <= digits.length; i++) {
      const p = this.grams.digits(digits.slice(i, i + PHONE_GRAM));
      if (p === undefined) return;
      if (rarest === undefined || postingLength(p) < postingLength(rarest)) rarest = p;
    }
    if (rarest === undefined) return;
    const exact = digits.length === PHONE_GRAM;
    this.visit(rarest, (doc) => {
      if (this.docs.alive[doc] && (exact || this.docs.includes(doc, PART.digits, digits))) this.mark(doc, FIELD_BITS.phone << shift);
    });
  }

  private nextGeneration(): void {
    this.generation++;
  }

  private ensureScratch(): void {
    // Wrap before a search, never during one (a search uses at most MAX_TOKENS generations).
    if (this.generation > 0xffff0000) {
      this.stamp.fill(0);
      this.candidate.fill(0);
      this.generation = 0;
    }
    const need = this.docs.slots;
    if (this.stamp.length >= need) return;
    const size = Math.max(1024, Math.ceil(need * 1.25));
    this.stamp = new Uint32Array(size);
    this.candidate = new Uint32Array(size);
    this.tokenMask = new Uint16Array(size);
    this.queryMask = new Uint16Array(size);
    this.generation = 0;
  }

  private compactIfWorthIt(): void {
    const dead = this.docs.dead;
    if (dead >= COMPACT_AFTER && dead * 4 >= this.docs.slots) this.compact();
  }

  private compact(): void {
    const newDoc = this.docs.compact();
    this.terms.compact(newDoc);
    this.firstChars.compact(newDoc);
    this.grams.compact(newDoc);
    this.stamp = new Uint32Array(0);
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

export interface SliceOptions {
  sliceSize?: number;
  /** Resolves when the thread may continue; by default after a macrotask, so queued messages run first. */
  pause?: () => Promise<void>;
}

/** Builds without holding the thread: adds `sliceSize` documents, pauses, repeats. */
export async function addInSlices(index: SearchIndex, docs: readonly SearchDoc[], options: SliceOptions = {}): Promise<void> {
  const sliceSize = Math.max(1, options.sliceSize ?? 5000);
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  for (let start = 0; start < docs.length; start += sliceSize) {
    index.addMany(docs.slice(start, start + sliceSize));
    if (start + sliceSize < docs.length) await pause();
  }
}
