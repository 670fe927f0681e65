/**
 * Many records as one string and two typed arrays. IndexedDB clones an object per record (and
 * an array per list field) slowly: 100k list rows took seconds to read back that way, while a
 * string and typed arrays are copied whole.
 */
export interface PackedRecords {
  count: number;
  /** Every text of every record, one after another. */
  text: string;
  /** The length of each text; NULL_TEXT for a missing one. */
  lengths: Uint32Array;
  /** Numbers, flags (0/1) and the size of each list, in the order written. */
  numbers: Float64Array;
}

export interface FieldWriter {
  text(value: string | null): void;
  texts(values: readonly string[]): void;
  number(value: number): void;
  flag(value: boolean): void;
}

export interface FieldReader {
  text(): string;
  textOrNull(): string | null;
  texts(): string[];
  number(): number;
  flag(): boolean;
}

/**
 * How one record type is packed: `read` takes the fields in the order `write` gave them. A
 * hand-written object literal per type keeps every record the same shape, which is what makes
 * reading 100k of them fast.
 */
export interface RecordCodec<T> {
  write(record: T, to: FieldWriter): void;
  read(from: FieldReader): T;
}

const NULL_TEXT = 0xffffffff;

export function packRecords<T>(records: readonly T[], codec: RecordCodec<T>): PackedRecords {
  const texts: string[] = [];
  const lengths: number[] = [];
  const numbers: number[] = [];
  const writer: FieldWriter = {
    text(value) {
      if (value === null) lengths.push(NULL_TEXT);
      else {
        texts.push(value);
        lengths.push(value.length);
      }
    },
    texts(values) {
      numbers.push(values.length);
      for (const value of values) writer.text(value);
    },
    number: (value) => void numbers.push(value),
    flag: (value) => void numbers.push(value ? 1 : 0),
  };
  for (const record of records) codec.write(record, writer);
  return { count: records.length, text: texts.join(''), lengths: Uint32Array.from(lengths), numbers: Float64Array.from(numbers) };
}

/** Throws on a packing that does not fit the codec (damaged, or made by another version). */
export function unpackRecords<T>(packed: PackedRecords, codec: RecordCodec<T>): T[] {
  const { text, lengths, numbers } = packed;
  if (typeof text !== 'string' || !(lengths instanceof Uint32Array) || !(numbers instanceof Float64Array) || !Number.isInteger(packed.count)) {
    throw new Error('packed records: malformed');
  }
  let at = 0;
  let t = 0;
  let n = 0;
  const reader: FieldReader = {
    textOrNull() {
      if (t >= lengths.length) throw new Error('packed records: too few texts');
      const length = lengths[t++]!;
      if (length === NULL_TEXT) return null;
      if (at + length > text.length) throw new Error('packed records: text too short');
      const value = text.slice(at, at + length);
      at += length;
      return value;
    },
    text: () => reader.textOrNull() ?? '',
    texts() {
      const list = new Array<string>(reader.number());
      for (let k = 0; k < list.length; k++) list[k] = reader.text();
      return list;
    },
    number() {
      if (n >= numbers.length) throw new Error('packed records: too few numbers');
      return numbers[n++]!;
    },
    flag: () => reader.number() === 1,
  };
  const records = new Array<T>(packed.count);
  for (let i = 0; i < packed.count; i++) records[i] = codec.read(reader);
  if (at !== text.length || t !== lengths.length || n !== numbers.length) throw new Error('packed records: left over');
  return records;
}

const textList: RecordCodec<string[]> = { write: (list, to) => to.texts(list), read: (from) => from.texts() };

export function packTexts(list: string[]): PackedRecords {
  return packRecords([list], textList);
}

export function unpackTexts(packed: PackedRecords): string[] {
  return unpackRecords(packed, textList)[0] ?? [];
}
