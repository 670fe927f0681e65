import type { DocForms } from './analyse';
import { DigitStore, type DigitStoreJson } from './digit-store';
import { Owners } from './owners';
import { grown } from './typed-arrays';
import type { SearchDoc } from './search-doc';

/** The parts of a document's text that matching and ranking read, in the order they are kept. */
export const PART = { name: 0, pinyin: 1, initials: 2, company: 3, cjk: 4, digits: 5 } as const;
export type Part = (typeof PART)[keyof typeof PART];
const LAST_PART = PART.digits;

/** Control characters are separators in folded text, so a part never holds this one. */
const SEP = '\u0001';
const NO_TEXT = SEP.repeat(5);

function hasAllParts(text: string): boolean {
  let at = -1;
  for (let k = 0; k < 5; k++) if ((at = text.indexOf(SEP, at + 1)) < 0) return false;
  return text.indexOf(SEP, at + 1) < 0;
}

/**
 * What the index keeps per document, one column per field (far smaller than an object per
 * document at 100k+), and all the text of a document in one string: six strings per document
 * cost about 20 MB more at 100k documents than one. A document number is a slot; removing a
 * document only marks its slot dead, and compact() renumbers the live ones.
 */
export class DocStore {
  ids: string[] = [];
  customerIds: string[] = [];
  /** 0 customer, 1 contact. */
  kinds = new Uint8Array(1024);
  /** The parts (PART) joined by SEP. */
  texts: string[] = [];
  /** Name lengths (capped at 255) for ranking without touching the text. */
  nameLengths = new Uint8Array(1024);
  /** A hash of the document as given, so re-adding an unchanged document costs nothing. */
  hashes: number[] = [];
  alive = new Uint8Array(1024);
  /**
   * Per slot, the number of the customer a document belongs to (owners.ts): results are
   * deduplicated per customer with typed arrays instead of sets of id strings.
   */
  owners = new Owners();
  ownerOf = new Int32Array(1024);
  /** The phone digits again, packed for checking digit fragments quickly (digit-store.ts). */
  digits = new DigitStore();
  #byId: Map<string, number> | null = new Map();
  slots = 0;
  live = 0;

  /** Slot by document id; made when first needed, as a loaded index may only ever be searched. */
  get byId(): Map<string, number> {
    if (!this.#byId) {
      this.#byId = new Map();
      for (let n = 0; n < this.slots; n++) if (this.alive[n]) this.#byId.set(this.ids[n]!, n);
    }
    return this.#byId;
  }

  get dead(): number {
    return this.slots - this.live;
  }

  add(doc: SearchDoc, forms: DocForms, hash: number): number {
    const n = this.slots++;
    if (n >= this.alive.length) {
      this.alive = grown(this.alive, this.alive.length * 2);
      this.kinds = grown(this.kinds, this.kinds.length * 2);
      this.nameLengths = grown(this.nameLengths, this.nameLengths.length * 2);
      this.ownerOf = grown(this.ownerOf, this.ownerOf.length * 2);
    }
    // A contact shares its customer's id string rather than holding a copy of it.
    const owner = doc.customerId === doc.id ? undefined : this.byId.get(doc.customerId);
    this.ids[n] = doc.id;
    this.customerIds[n] = doc.customerId === doc.id ? doc.id : owner !== undefined ? this.ids[owner]! : doc.customerId;
    this.ownerOf[n] = this.owners.key(this.customerIds[n]);
    this.kinds[n] = doc.kind === 'contact' ? 1 : 0;
    const parts = [forms.name, forms.namePinyin, forms.nameInitials, forms.company, forms.cjk, forms.digits];
    this.texts[n] = parts.map((p) => (p.includes(SEP) ? p.replaceAll(SEP, ' ') : p)).join(SEP);
    this.nameLengths[n] = Math.min(forms.name.length, 255);
    this.digits.push(forms.digits);
    this.hashes[n] = hash;
    this.alive[n] = 1;
    this.byId.set(doc.id, n);
    this.live++;
    return n;
  }

  kill(n: number): void {
    if (!this.alive[n]) return;
    this.alive[n] = 0;
    this.byId.delete(this.ids[n]!);
    this.live--;
    // Free the text now; the slot itself goes at the next compaction.
    this.texts[n] = NO_TEXT;
  }

  /** Where a part of a document's text starts in texts[doc]. */
  private start(text: string, part: Part): number {
    // The digits come last: one search back instead of five forward over the whole text.
    if (part === LAST_PART) return text.lastIndexOf(SEP) + 1;
    let at = 0;
    for (let k = 0; k < part; k++) at = text.indexOf(SEP, at) + 1;
    return at;
  }

  private end(text: string, start: number): number {
    const at = text.indexOf(SEP, start);
    return at < 0 ? text.length : at;
  }

  part(doc: number, part: Part): string {
    const text = this.texts[doc]!;
    const start = this.start(text, part);
    return text.slice(start, this.end(text, start));
  }

  /** Whether a part is empty (a name without pinyin, a document without phones). */
  isEmpty(doc: number, part: Part): boolean {
    const text = this.texts[doc]!;
    const start = this.start(text, part);
    return this.end(text, start) === start;
  }

  includes(doc: number, part: Part, needle: string): boolean {
    const text = this.texts[doc]!;
    const start = this.start(text, part);
    const at = text.indexOf(needle, start);
    return at >= 0 && at + needle.length <= this.end(text, start);
  }

  startsWith(doc: number, part: Part, prefix: string): boolean {
    const text = this.texts[doc]!;
    const start = this.start(text, part);
    return text.startsWith(prefix, start) && start + prefix.length <= this.end(text, start);
  }

  equals(doc: number, part: Part, value: string): boolean {
    const text = this.texts[doc]!;
    const start = this.start(text, part);
    return this.end(text, start) === start + value.length && text.startsWith(value, start);
  }

  /**
   * How the name matches a query: 2 when the name is `text`, or its pinyin or initials are
   * `compact`; 1 when it starts with them; 0 otherwise. One pass over the first three parts
   * instead of a search for each part's start per comparison: ranking asks this of every match
   * that starts a name, 40k of them for a one-letter query at 100k customers.
   */
  nameMatch(doc: number, text: string, compact: string): number {
    const all = this.texts[doc]!;
    const nameEnd = all.indexOf(SEP);
    const pinyinEnd = all.indexOf(SEP, nameEnd + 1);
    const initialsEnd = all.indexOf(SEP, pinyinEnd + 1);
    // Pinyin and initials count only for a name with Han characters (they are empty otherwise).
    const han = pinyinEnd > nameEnd + 1;
    const is = (from: number, to: number, value: string) => to - from === value.length && all.startsWith(value, from);
    const starts = (from: number, to: number, value: string) => to - from >= value.length && all.startsWith(value, from);
    if (is(0, nameEnd, text) || (han && (is(nameEnd + 1, pinyinEnd, compact) || is(pinyinEnd + 1, initialsEnd, compact)))) return 2;
    if (starts(0, nameEnd, text) || (han && (starts(nameEnd + 1, pinyinEnd, compact) || starts(pinyinEnd + 1, initialsEnd, compact)))) return 1;
    return 0;
  }

  /** Renumbers live documents in order; returns old number -> new number, -1 for dead ones. */
  compact(): Int32Array {
    const newDoc = new Int32Array(this.slots);
    const columns = [this.ids, this.customerIds, this.texts, this.hashes] as unknown[][];
    const bytes = [this.kinds, this.nameLengths];
    let next = 0;
    for (let old = 0; old < this.slots; old++) {
      if (!this.alive[old]) {
        newDoc[old] = -1;
        continue;
      }
      newDoc[old] = next;
      if (next !== old) {
        for (const column of columns) column[next] = column[old];
        for (const column of bytes) column[next] = column[old]!;
      }
      next++;
    }
    for (const column of columns) column.length = next;
    this.digits.compact(newDoc);
    this.alive.fill(0);
    this.alive.fill(1, 0, next);
    this.#byId = null;
    this.slots = this.live = next;
    this.renumberOwners();
    return newDoc;
  }

  /** New customer numbers for the live documents only: customers gone since are forgotten. */
  private renumberOwners(): void {
    this.owners = new Owners();
    for (let n = 0; n < this.slots; n++) this.ownerOf[n] = this.owners.key(this.customerIds[n]!);
  }

  /** Copies, so the saved form does not change with the index. */
  toJSON(): DocStoreJson {
    if (this.dead > 0) throw new Error('compact the document store before saving it');
    return {
      ids: this.ids.slice(),
      kinds: this.kinds.slice(0, this.slots),
      texts: this.texts.slice(),
      hashes: Float64Array.from(this.hashes),
      owners: this.owners.ids.slice(),
      ownerOf: this.ownerOf.slice(0, this.slots),
      nameLengths: this.nameLengths.slice(0, this.slots),
      digits: this.digits.toJSON(),
    };
  }

  static fromJSON(json: DocStoreJson): DocStore {
    const n = Array.isArray(json.ids) ? json.ids.length : -1;
    const strings = [json.ids, json.texts, json.owners];
    const valid =
      strings.every((c) => Array.isArray(c) && c.every((v) => typeof v === 'string')) &&
      json.texts.length === n &&
      [json.kinds, json.nameLengths].every((c) => c instanceof Uint8Array && c.length === n) &&
      json.hashes instanceof Float64Array &&
      json.hashes.length === n &&
      json.ownerOf instanceof Int32Array &&
      json.ownerOf.length === n &&
      json.ownerOf.every((o) => o >= 0 && o < json.owners.length) &&
      json.texts.every(hasAllParts);
    if (!valid) throw new Error('search index: malformed documents');
    const store = new DocStore();
    const size = Math.max(1024, n * 2);
    const column = <T extends Uint8Array<ArrayBuffer> | Int32Array<ArrayBuffer>>(empty: T, saved: ArrayLike<number>): T => {
      empty.set(saved);
      return empty;
    };
    store.ids = json.ids.slice();
    store.owners = new Owners(json.owners.slice());
    store.ownerOf = column(new Int32Array(size), json.ownerOf);
    store.customerIds = Array.from(json.ownerOf, (o) => store.owners.ids[o]!);
    store.kinds = column(new Uint8Array(size), json.kinds);
    store.nameLengths = column(new Uint8Array(size), json.nameLengths);
    store.texts = json.texts.slice();
    store.hashes = Array.from(json.hashes);
    store.alive = new Uint8Array(size);
    store.alive.fill(1, 0, n);
    store.digits = DigitStore.fromJSON(json.digits, n);
    store.#byId = null;
    store.slots = store.live = n;
    return store;
  }
}

export interface DocStoreJson {
  ids: string[];
  kinds: Uint8Array;
  texts: string[];
  hashes: Float64Array;
  /** Customer ids by number, and each document's number: the customer it belongs to. */
  owners: string[];
  ownerOf: Int32Array;
  nameLengths: Uint8Array;
  digits: DigitStoreJson;
}
