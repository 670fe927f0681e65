import { appendEntry, compactPosting, decodePostings, encodePostings, isPostingsJson, postingLength, type Posting, type PostingsJson } from './postings';

/**
 * Words and pinyin terms with their postings, kept in code-unit order so that every term with a
 * given prefix is one range found by binary search, and the range's postings are read straight
 * from an array: a prefix like "co" spans tens of thousands of terms, and looking each up in a
 * hash map was most of the time of such a query.
 *
 * Terms added since the last search wait unsorted and are merged in at the next one, so adding
 * a document never pays for a sort.
 */
export class TermIndex {
  private readonly slots = new Map<string, number>();
  /** By slot: the posting (replaced as it grows). */
  private postings: Posting[] = [];
  /** In term order: the terms and their slots. */
  private sorted: string[] = [];
  private sortedSlots: number[] = [];
  private pending: number[] = [];
  private keys: string[] = [];

  get size(): number {
    return this.slots.size;
  }

  get(term: string): Posting | undefined {
    const slot = this.slots.get(term);
    return slot === undefined ? undefined : this.postings[slot];
  }

  /** Records that `doc` (the highest so far) has `term` in `field`. */
  add(term: string, doc: number, field: number): void {
    let slot = this.slots.get(term);
    if (slot === undefined) {
      // A long slice of a text would keep the whole text alive as long as the term: copy it.
      if (term.length >= 13) term = [...term].join('');
      slot = this.keys.length;
      this.slots.set(term, slot);
      this.keys.push(term);
      this.postings.push(appendEntry(undefined, doc, field));
      this.pending.push(slot);
      return;
    }
    this.postings[slot] = appendEntry(this.postings[slot], doc, field);
  }

  /** Where the terms starting with `prefix` are in term order: [from, to). */
  range(prefix: string): [number, number] {
    this.settle();
    const terms = this.sorted;
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (terms[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    hi = terms.length;
    while (end < hi) {
      const mid = (end + hi) >>> 1;
      if (terms[mid]!.startsWith(prefix)) end = mid + 1;
      else hi = mid;
    }
    return [lo, end];
  }

  /** All terms in order (positions as in range()). */
  terms(): readonly string[] {
    this.settle();
    return this.sorted;
  }

  /** The posting of the term at a position in term order. */
  postingAt(position: number): Posting {
    return this.postings[this.sortedSlots[position]!]!;
  }

  /** About how many entries the terms starting with `prefix` hold. */
  count(prefix: string): number {
    const [from, to] = this.range(prefix);
    let sum = 0;
    for (let i = from; i < to; i++) sum += postingLength(this.postingAt(i));
    return sum;
  }

  /** Drops entries of removed documents and renumbers the rest (see PostingMap.compact); empty terms go. */
  compact(newDoc: Int32Array): void {
    this.settle();
    const terms: string[] = [];
    const postings: Posting[] = [];
    for (let i = 0; i < this.sorted.length; i++) {
      const p = compactPosting(this.postingAt(i), newDoc);
      if (p === undefined) continue;
      terms.push(this.sorted[i]!);
      postings.push(p);
    }
    this.reset(terms, postings);
  }

  toJSON(): PostingsJson {
    this.settle();
    return encodePostings(
      this.sorted.slice(),
      this.sorted.map((_, i) => this.postingAt(i)),
    );
  }

  /** Throws on anything but what toJSON makes (keys in order included). */
  static fromJSON(json: unknown): TermIndex {
    if (!isPostingsJson(json, 'string')) throw new Error('search index: malformed terms');
    const keys = json.keys as string[];
    for (let i = 1; i < keys.length; i++) if (!(keys[i - 1]! < keys[i]!)) throw new Error('search index: terms out of order');
    const index = new TermIndex();
    index.reset(keys.slice(), decodePostings(json));
    return index;
  }

  private reset(sortedTerms: string[], postings: Posting[]): void {
    this.slots.clear();
    sortedTerms.forEach((t, i) => this.slots.set(t, i));
    this.keys = sortedTerms.slice();
    this.postings = postings;
    this.sorted = sortedTerms;
    this.sortedSlots = sortedTerms.map((_, i) => i);
    this.pending = [];
  }

  private settle(): void {
    if (this.pending.length === 0) return;
    const keys = this.keys;
    const add = this.pending.sort((a, b) => (keys[a]! < keys[b]! ? -1 : 1));
    this.pending = [];
    const oldTerms = this.sorted;
    const oldSlots = this.sortedSlots;
    const n = oldTerms.length + add.length;
    const terms = new Array<string>(n);
    const slots = new Array<number>(n);
    let i = 0;
    let j = 0;
    for (let k = 0; k < n; k++) {
      if (j >= add.length || (i < oldTerms.length && oldTerms[i]! < keys[add[j]!]!)) {
        terms[k] = oldTerms[i]!;
        slots[k] = oldSlots[i++]!;
      } else {
        terms[k] = keys[add[j]!]!;
        slots[k] = add[j++]!;
      }
    }
    this.sorted = terms;
    this.sortedSlots = slots;
  }
}
