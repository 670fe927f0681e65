/**
 * Posting lists: for each key (a term or an n-gram), the documents that contain it. An entry is
 * one number, document * 256 + field bits (search-doc.ts FIELD_BITS and NAME_START), so an index
 * holds at most 2^24 documents. Documents only ever get higher numbers (an update is a new
 * document), so appending keeps every list sorted and no list is ever searched to insert.
 *
 * Most keys belong to one document (an email address, a rare word), so a list is stored as a
 * bare number, then a small array, then a typed array once it grows: a typed array per key would
 * cost more than the entries themselves.
 */

export const MASK_BITS = 8;
const MASK = (1 << MASK_BITS) - 1;
const SMALL = 16;

export function entryOf(doc: number, mask: number): number {
  return doc * (MASK + 1) + mask;
}
export function docOf(entry: number): number {
  return entry >>> MASK_BITS;
}
export function maskOf(entry: number): number {
  return entry & MASK;
}

export class Packed {
  constructor(
    public data: Uint32Array,
    public length: number,
  ) {}
}

export type Posting = number | number[] | Packed;

export function postingLength(p: Posting): number {
  return typeof p === 'number' ? 1 : p.length;
}

export function forEachEntry(p: Posting, visit: (entry: number) => void): void {
  if (typeof p === 'number') {
    visit(p);
  } else if (Array.isArray(p)) {
    for (let i = 0; i < p.length; i++) visit(p[i]!);
  } else {
    const data = p.data;
    for (let i = 0; i < p.length; i++) visit(data[i]!);
  }
}

function fromEntries(entries: number[]): Posting | undefined {
  if (entries.length === 0) return undefined;
  if (entries.length === 1) return entries[0]!;
  if (entries.length <= SMALL) return entries;
  return new Packed(Uint32Array.from(entries), entries.length);
}

/**
 * The posting with `doc` added in `field` (the same object when it grows in place). `doc` must
 * be the highest document so far; a key seen again for the same document only adds the field.
 */
export function appendEntry(p: Posting | undefined, doc: number, field: number): Posting {
  const entry = entryOf(doc, field);
  if (p === undefined) return entry;
  if (typeof p === 'number') return docOf(p) === doc ? p | field : [p, entry];
  if (Array.isArray(p)) {
    const last = p.length - 1;
    if (docOf(p[last]!) === doc) p[last] = p[last]! | field;
    else if (p.length < SMALL) p.push(entry);
    else {
      const data = new Uint32Array(SMALL * 2);
      data.set(p);
      data[p.length] = entry;
      return new Packed(data, p.length + 1);
    }
    return p;
  }
  const last = p.length - 1;
  if (docOf(p.data[last]!) === doc) {
    p.data[last] = p.data[last]! | field;
  } else {
    if (p.length === p.data.length) {
      // Grow by a quarter: at 100k documents these arrays are most of the index, and slack is memory.
      const data = new Uint32Array(Math.ceil(p.data.length * 1.25) + 8);
      data.set(p.data);
      p.data = data;
    }
    p.data[p.length++] = entry;
  }
  return p;
}

/** The entry of `doc` among the first `length` entries (sorted by document), or -1. */
export function findEntry(entries: ArrayLike<number>, length: number, doc: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const d = docOf(entries[mid]!);
    if (d < doc) lo = mid + 1;
    else if (d > doc) hi = mid;
    else return entries[mid]!;
  }
  return -1;
}

/** The posting without removed documents and with the rest renumbered (`newDoc[old]`, -1 when removed). */
export function compactPosting(p: Posting, newDoc: Int32Array): Posting | undefined {
  const kept: number[] = [];
  forEachEntry(p, (e) => {
    const doc = newDoc[docOf(e)]!;
    if (doc >= 0) kept.push(entryOf(doc, maskOf(e)));
  });
  return fromEntries(kept);
}

/** Appends the posting's entries, delta-coded, to `out`; returns how many. */
function encodePosting(p: Posting, out: number[]): number {
  let last = 0;
  forEachEntry(p, (e) => {
    out.push(e - last);
    last = e;
  });
  return postingLength(p);
}

/** The saved form of `postings` (in that order), with their keys. */
export function encodePostings<K extends string | number>(keys: K[], postings: Iterable<Posting>): PostingsJson<K> {
  const counts: number[] = [];
  const entries: number[] = [];
  for (const p of postings) counts.push(encodePosting(p, entries));
  return { keys, counts: Uint32Array.from(counts), entries: Uint32Array.from(entries) };
}

/** The postings of a PostingsJson, in the order of its keys. */
export function decodePostings(json: PostingsJson<string | number>): Posting[] {
  const out = new Array<Posting>(json.counts.length);
  const { counts, entries } = json;
  let at = 0;
  for (let k = 0; k < counts.length; k++) {
    const count = counts[k]!;
    // Straight into the form appendEntry would have grown (a number, a small array, a typed array).
    const list: number[] | Uint32Array = count <= SMALL ? new Array<number>(count) : new Uint32Array(count);
    let value = 0;
    for (let i = 0; i < count; i++) {
      value += entries[at + i]!;
      list[i] = value;
    }
    at += count;
    out[k] = count === 1 ? list[0]! : Array.isArray(list) ? list : new Packed(list, count);
  }
  return out;
}

/** The highest document any saved posting names, or -1: a saved index must not name documents it lacks. */
export function highestDoc(json: PostingsJson<string | number>): number {
  const { counts, entries } = json;
  let at = 0;
  let highest = -1;
  for (let k = 0; k < counts.length; k++) {
    let value = 0;
    for (let i = 0; i < counts[k]!; i++) value += entries[at + i]!;
    at += counts[k]!;
    if (value > 0xffffffff) return Infinity;
    highest = Math.max(highest, docOf(value));
  }
  return highest;
}

/**
 * The saved form: keys in order, how many entries each has, then all entries, delta-coded per
 * key. Typed arrays, because IndexedDB copies them whole: millions of entries as a plain array
 * took half a second to read back at 100k customers.
 */
export interface PostingsJson<K extends string | number = string> {
  keys: K[];
  counts: Uint32Array;
  entries: Uint32Array;
}

export class PostingMap<K extends string | number = string> {
  readonly lists = new Map<K, Posting>();

  get(key: K): Posting | undefined {
    return this.lists.get(key);
  }

  /** Records that `doc` (the highest so far) has `key` in `field`. */
  add(key: K, doc: number, field: number): void {
    const p = this.lists.get(key);
    const next = appendEntry(p, doc, field);
    if (next !== p) this.lists.set(key, next);
  }

  /** Drops entries of removed documents and renumbers the rest (see compactPosting); empty keys go. */
  compact(newDoc: Int32Array): void {
    for (const [key, p] of this.lists) {
      const next = compactPosting(p, newDoc);
      if (next === undefined) this.lists.delete(key);
      else this.lists.set(key, next);
    }
  }

  toJSON(): PostingsJson<K> {
    return encodePostings([...this.lists.keys()], this.lists.values());
  }

  static fromJSON<K extends string | number>(json: PostingsJson<K>): PostingMap<K> {
    const map = new PostingMap<K>();
    decodePostings(json).forEach((p, k) => map.lists.set(json.keys[k]!, p));
    return map;
  }
}

/** A saved posting map is trusted only if its shape is right: anything else makes the caller rebuild. */
export function isPostingsJson(p: unknown, keyType: 'string' | 'number'): p is PostingsJson<string | number> {
  const j = p as Partial<PostingsJson<string | number>> | null;
  if (!j || !Array.isArray(j.keys) || !(j.counts instanceof Uint32Array) || !(j.entries instanceof Uint32Array) || j.keys.length !== j.counts.length) return false;
  let total = 0;
  for (let k = 0; k < j.counts.length; k++) total += j.counts[k]! > 0 ? j.counts[k]! : NaN;
  return total === j.entries.length && j.keys.every((k) => typeof k === keyType);
}
