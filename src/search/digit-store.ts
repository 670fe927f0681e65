import { grown } from './typed-arrays';

/**
 * The phone digits of every document (DocForms.digits: numbers joined by commas), packed in one
 * byte array in slot order. A digit fragment is checked against every number holding its rarest
 * 3-gram, and for "555 0" at 100k customers that is 70k numbers: read from here that is 2 MB in
 * order, 1–2 ms; read from the ends of 70k document strings spread over the heap it was 10–20 ms.
 * The digits stay in the document text too (the saved form keeps them there), ~2 MB at 100k.
 */
export class DigitStore {
  private bytes = new Uint8Array(4096);
  /** Where each slot's digits start; slot n ends where n + 1 starts, so there is one more entry than slots. */
  private starts = new Int32Array(1025);
  private count = 0;

  /** The saved form: typed arrays, copied whole. */
  toJSON(): DigitStoreJson {
    return { bytes: this.bytes.slice(0, this.starts[this.count]), starts: this.starts.slice(0, this.count + 1) };
  }

  /** Throws unless the parts fit together for `count` slots. */
  static fromJSON(json: DigitStoreJson, count: number): DigitStore {
    const { bytes, starts } = json;
    if (!(bytes instanceof Uint8Array) || !(starts instanceof Int32Array) || starts.length !== count + 1 || starts[0] !== 0 || starts[count] !== bytes.length) {
      throw new Error('search index: malformed digits');
    }
    for (let i = 0; i < count; i++) if (starts[i]! > starts[i + 1]!) throw new Error('search index: malformed digits');
    const store = new DigitStore();
    store.bytes = bytes.slice();
    store.starts = starts.slice();
    store.count = count;
    return store;
  }

  /** Adds the digits of the next slot (slots are added in order). */
  push(digits: string): void {
    const from = this.starts[this.count]!;
    if (this.count + 2 > this.starts.length) this.starts = grown(this.starts, this.starts.length * 2);
    // Grow by a quarter, as postings do: doubling would leave up to 2 MB unused at 100k documents.
    if (from + digits.length > this.bytes.length) this.bytes = grown(this.bytes, Math.ceil((from + digits.length) * 1.25) + 4096);
    for (let i = 0; i < digits.length; i++) this.bytes[from + i] = digits.charCodeAt(i);
    this.starts[++this.count] = from + digits.length;
  }

  /** Whether the digits of `doc` contain `needle` (digits only, so it never spans two numbers). */
  includes(doc: number, needle: string): boolean {
    const bytes = this.bytes;
    const m = needle.length;
    const first = needle.charCodeAt(0);
    const last = this.starts[doc + 1]! - m;
    outer: for (let i = this.starts[doc]!; i <= last; i++) {
      if (bytes[i] !== first) continue;
      for (let j = 1; j < m; j++) if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
      return true;
    }
    return false;
  }

  /** Keeps the slots that have a new number (`newDoc[old]`, -1 when removed); numbers keep their order. */
  compact(newDoc: Int32Array): void {
    let next = 0;
    let to = 0;
    for (let old = 0; old < this.count; old++) {
      if (newDoc[old]! < 0) continue;
      const from = this.starts[old]!;
      const end = this.starts[old + 1]!;
      // Moving down in place is safe: `to` never passes `from`.
      this.bytes.copyWithin(to, from, end);
      this.starts[next++] = to;
      to += end - from;
    }
    this.starts[next] = to;
    this.count = next;
  }
}

export interface DigitStoreJson {
  bytes: Uint8Array;
  starts: Int32Array;
}
