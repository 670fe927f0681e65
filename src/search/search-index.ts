import { analyseDoc, type TermSink } from './analyse';
import { hashDoc } from './doc-hash';
import { DocStore, type DocStoreJson } from './doc-store';
import { GramIndex, type GramIndexJson } from './gram-index';
import { Matcher, type IndexParts } from './matcher';
import { highestDoc, isPostingsJson, PostingMap, type PostingsJson } from './postings';
import { parseQuery, type ParsedQuery } from './query';
import { FUZZY_SHIFT, maskScore, nameTier, needsNameCheck, rankAll, rankTop, scoreOf } from './ranking';
import { fieldsOfMask, type SearchDoc, type SearchField } from './search-doc';
import { TermIndex } from './term-index';

export interface SearchHit {
  id: string;
  kind: 'customer' | 'contact';
  customerId: string;
  /** Higher is better; only the order means something. */
  score: number;
  /** Shared between hits: do not change. */
  matchedFields: readonly SearchField[];
}

export interface SearchResult {
  /** Every match, even when only the best `limit` are in `hits`. */
  total: number;
  hits: SearchHit[];
}

/** What searchCustomers finds: customers by number (owners.ts), best first. */
export interface CustomerMatches {
  /** Documents matched, contacts included (as SearchResult.total). */
  total: number;
  /** Distinct customers, best first: indexes into `ids`. */
  keys: Int32Array;
  /**
   * Customer id by number; only grows. A different array means the numbers changed (the index
   * was compacted or replaced), so whatever a caller keeps per number must be dropped then.
   */
  ids: readonly string[];
}

export interface SearchOptions {
  /** How many hits to rank and return; the total is counted regardless. */
  limit?: number;
}

export const DEFAULT_LIMIT = 50;
export const SEARCH_INDEX_FORMAT = 'kehu-search-index';
export const SEARCH_INDEX_VERSION = 2;

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

/**
 * Search over customers and contacts for a Web Worker: no DOM, no storage. Documents are added,
 * replaced and removed one at a time as the projection reports changes, or many at a time while
 * building; the index can be saved with toJSON and loaded with fromJSON.
 *
 * Words (and pinyin) are found by prefix and typo through a sorted term list; CJK text by any
 * substring through 1- and 2-grams; phone numbers by any digit fragment through 3-grams. Why
 * this and not MiniSearch or FlexSearch: docs/search.md.
 */
export class SearchIndex {
  private readonly parts: IndexParts = { docs: new DocStore(), terms: new TermIndex(), firstChars: new PostingMap<number>(), grams: new GramIndex() };
  private readonly matcher = new Matcher(this.parts);
  /** The document number being added: analysis writes its terms straight into the postings. */
  private adding = 0;
  private readonly sink: TermSink = {
    term: (key, field) => {
      this.parts.terms.add(key, this.adding, field);
      this.parts.firstChars.add(key.charCodeAt(0), this.adding, field);
    },
    cjk: (run, field, first, single) => this.parts.grams.addCjk(run, this.adding, field, first, single),
    digits: (digits, field) => this.parts.grams.addDigits(digits, this.adding, field),
  };

  get size(): number {
    return this.parts.docs.live;
  }

  has(id: string): boolean {
    return this.parts.docs.byId.has(id);
  }

  /** Adds a document, replacing the one with the same id; an unchanged document costs a hash. */
  add(doc: SearchDoc): void {
    const docs = this.parts.docs;
    const hash = hashDoc(doc);
    const old = docs.byId.get(doc.id);
    if (old !== undefined) {
      if (docs.hashes[old] === hash) return;
      docs.kill(old);
    }
    this.adding = docs.slots;
    docs.add(doc, analyseDoc(doc, this.sink), hash);
    this.compactIfWorthIt();
  }

  /** Adds documents in one go; to keep a thread responsive, pass slices and yield in between (see addInSlices). */
  addMany(docs: Iterable<SearchDoc>): void {
    for (const doc of docs) this.add(doc);
  }

  remove(id: string): void {
    const n = this.parts.docs.byId.get(id);
    if (n === undefined) return;
    this.parts.docs.kill(n);
    this.compactIfWorthIt();
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    const docs = this.parts.docs;
    const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT)) || 0;
    const q = parseQuery(query);
    if (q.tokens.length === 0 || docs.live === 0) return { total: 0, hits: [] };
    const candidates = this.matcher.match(q);
    const masks = this.matcher.masks;
    const hits = rankTop(candidates, this.scores(q, candidates), limit).map(({ doc, score }): SearchHit => {
      const mask = masks[doc]!;
      return {
        id: docs.ids[doc]!,
        kind: docs.kinds[doc] === 1 ? 'contact' : 'customer',
        customerId: docs.customerIds[doc]!,
        score,
        matchedFields: fieldsOfMask(mask | (mask >>> FUZZY_SHIFT)),
      };
    });
    return { total: candidates.length, hits };
  }

  /**
   * Every customer a query finds, best first, a customer found through a contact at its best
   * document: what `search(query, { limit: Infinity })` finds, deduplicated by customer id, but
   * as numbers in a typed array. A list that shows every match of a one-letter query (40k
   * customers at 100k) spends its time here, so no hit objects are made.
   */
  /** Customer id by number, as CustomerMatches.ids. */
  get customerIds(): readonly string[] {
    return this.parts.docs.owners.ids;
  }

  searchCustomers(query: string): CustomerMatches {
    const docs = this.parts.docs;
    const q = parseQuery(query);
    const ids = docs.owners.ids;
    if (q.tokens.length === 0 || docs.live === 0) return { total: 0, keys: new Int32Array(0), ids };
    const candidates = this.matcher.match(q);
    const order = rankAll(candidates, this.scores(q, candidates), docs.slots);
    const ownerOf = docs.ownerOf;
    const seen = new Uint8Array(ids.length);
    const keys = new Int32Array(order.length);
    let count = 0;
    for (let i = 0; i < order.length; i++) {
      const key = ownerOf[order[i]!]!;
      if (seen[key]) continue;
      seen[key] = 1;
      keys[count++] = key;
    }
    return { total: candidates.length, keys: keys.subarray(0, count), ids };
  }

  /** The score of each candidate of the last match (ranking.ts). */
  private scores(q: ParsedQuery, candidates: readonly number[]): Int32Array {
    const docs = this.parts.docs;
    const masks = this.matcher.masks;
    const scores = new Int32Array(candidates.length);
    for (let i = 0; i < candidates.length; i++) {
      const doc = candidates[i]!;
      const mask = masks[doc]!;
      const length = docs.nameLengths[doc]!;
      scores[i] = needsNameCheck(mask) ? scoreOf(nameTier(docs, doc, q, mask), mask, length) : maskScore(mask, length);
    }
    return scores;
  }

  toJSON(): SearchIndexJson {
    if (this.parts.docs.dead > 0) this.compact();
    const { docs, terms, firstChars, grams } = this.parts;
    return {
      format: SEARCH_INDEX_FORMAT,
      version: SEARCH_INDEX_VERSION,
      docs: docs.toJSON(),
      terms: terms.toJSON(),
      firstChars: firstChars.toJSON(),
      grams: grams.toJSON(),
    };
  }

  /** Throws on anything that is not a saved index of this version: the caller then rebuilds. */
  static fromJSON(json: unknown): SearchIndex {
    const j = json as Partial<SearchIndexJson> | null;
    if (!j || j.format !== SEARCH_INDEX_FORMAT || j.version !== SEARCH_INDEX_VERSION || !j.docs || !j.grams || !isPostingsJson(j.firstChars, 'number')) {
      throw new Error('not a saved search index of this version');
    }
    const index = new SearchIndex();
    index.parts.docs = DocStore.fromJSON(j.docs);
    index.parts.terms = TermIndex.fromJSON(j.terms);
    index.parts.firstChars = PostingMap.fromJSON(j.firstChars as PostingsJson<number>);
    index.parts.grams = GramIndex.fromJSON(j.grams);
    const postings = [j.terms, j.firstChars, j.grams.unigrams, j.grams.bigrams, j.grams.trigrams] as PostingsJson<string | number>[];
    if (postings.some((p) => highestDoc(p) >= index.parts.docs.slots)) throw new Error('search index: postings name missing documents');
    return index;
  }

  private compactIfWorthIt(): void {
    const { dead, slots } = this.parts.docs;
    if (dead >= COMPACT_AFTER && dead * 4 >= slots) this.compact();
  }

  private compact(): void {
    const newDoc = this.parts.docs.compact();
    this.parts.terms.compact(newDoc);
    this.parts.firstChars.compact(newDoc);
    this.parts.grams.compact(newDoc);
    this.matcher.reset();
  }
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
