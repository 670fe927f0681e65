import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as string from 'lib0/string';

// patches/lib0+0.2.120.patch reads and writes short strings without a TextDecoder/TextEncoder
// call; it must read and write exactly what those would.

// The fast paths are there: short strings pass no TextDecoder or TextEncoder call. An unpatched
// lib0 makes one per string, so this fails if the patch did not apply (the tests below it only
// check that the bytes are the same as TextEncoder's, which an unpatched lib0 passes too).
describe('lib0 string patch is applied', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads short strings, ASCII and not, without a TextDecoder call; a long one still makes one', () => {
    const encoder = encoding.createEncoder();
    const short = ['name', 'status', '王建国', 'Wang 王', 'x'.repeat(63)];
    for (const v of short) encoding.writeVarString(encoder, v);
    encoding.writeVarString(encoder, 'long '.repeat(40));
    const decoder = decoding.createDecoder(encoding.toUint8Array(encoder));
    const decode = vi.spyOn(string.utf8TextDecoder!, 'decode');
    expect(short.map(() => decoding.readVarString(decoder))).toEqual(short);
    expect(decode).not.toHaveBeenCalled();
    expect(decoding.readVarString(decoder)).toBe('long '.repeat(40));
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it('writes short strings without a TextEncoder call', () => {
    const encodeInto = vi.spyOn(string.utf8TextEncoder, 'encodeInto');
    const encode = vi.spyOn(string.utf8TextEncoder, 'encode');
    const encoder = encoding.createEncoder();
    for (const v of ['name', 'status', '王建国', 'café', 'y'.repeat(63)]) encoding.writeVarString(encoder, v);
    expect(encodeInto).not.toHaveBeenCalled();
    expect(encode).not.toHaveBeenCalled();
    encoding.writeVarString(encoder, 'ok 👍'); // a surrogate pair takes the usual path
    expect(encodeInto.mock.calls.length + encode.mock.calls.length).toBe(1);
  });
});
const roundTrip = (values: string[]) => {
  const encoder = encoding.createEncoder();
  for (const v of values) encoding.writeVarString(encoder, v);
  const bytes = encoding.toUint8Array(encoder);
  const decoder = decoding.createDecoder(bytes);
  return { bytes, out: values.map(() => decoding.readVarString(decoder)) };
};

describe('lib0 string patch', () => {
  it.each([
    ['empty', ''],
    ['ascii', 'name'],
    ['63 ascii', 'a'.repeat(63)],
    ['64 ascii', 'b'.repeat(64)],
    ['chinese', '王建国'],
    ['mixed', 'Wang 王'],
    ['emoji', 'ok 👍'],
    ['control and DEL', '\u0000\u0001\u007f'],
    ['latin-1', 'café'],
  ])('%s round-trips with the same bytes as TextEncoder', (_n, value) => {
    const { bytes, out } = roundTrip([value]);
    expect(out).toEqual([value]);
    const utf8 = new TextEncoder().encode(value);
    expect(bytes.subarray(bytes.length - utf8.length)).toEqual(utf8);
  });

  it('reads short strings it has read before, and ones that share a cache slot, exactly', () => {
    // Far more distinct short strings than the patch's cache has slots, each read three times in
    // different orders: a hit must never return another string's text.
    const distinct = Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? `王${i}` : i % 3 === 1 ? `k${i}` : `label-${i % 97}`));
    const shuffled = [...distinct].reverse();
    const strided = distinct.map((_, i) => distinct[(i * 7919) % distinct.length]!);
    const all = [...distinct, ...shuffled, ...strided];
    expect(roundTrip(all).out).toEqual(all);
  });

  it('round-trips any sequence of strings', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 80 }), { maxLength: 20 }), (values) => {
        const wellFormed = values.map((v) => v.toWellFormed());
        expect(roundTrip(wellFormed).out).toEqual(wellFormed);
      }),
      { numRuns: 300 },
    );
  });

  it('reads any bytes as lib0\'s TextDecoder does: well-formed UTF-8 as text, anything else an error', () => {
    // lib0's own decoder: fatal (malformed input throws), and a byte order mark is kept.
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const outcome = (read: () => string) => {
      try {
        return read();
      } catch {
        return 'throws';
      }
    };
    const read = (bytes: Uint8Array) =>
      outcome(() => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint8Array(encoder, bytes);
        return decoding.readVarString(decoding.createDecoder(encoding.toUint8Array(encoder)));
      });
    const reference = (bytes: Uint8Array) => outcome(() => decoder.decode(bytes));
    // Cut, overlong, surrogate and out-of-range sequences, and lone continuation bytes.
    const odd = [[0xe4, 0xb8], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xf0, 0x9f, 0x91], [0xc3, 0x28], [0xff], [0xef, 0xbb, 0xbf, 0x41]];
    for (const bytes of odd) expect(read(Uint8Array.from(bytes)), String(bytes)).toBe(reference(Uint8Array.from(bytes)));
    expect(read(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]))).toBe('\ufeffA');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
        expect(read(bytes)).toBe(reference(bytes));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (value) => {
        expect(read(new TextEncoder().encode(value))).toBe(value);
      }),
      { numRuns: 1000 },
    );
  });

  it('writes the bytes TextEncoder would for any strings, lone surrogates included, across buffer ends', () => {
    const utf8 = new TextEncoder();
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 80 }), { maxLength: 30 }), (values) => {
        const expected = encoding.createEncoder();
        for (const v of values) encoding.writeVarUint8Array(expected, utf8.encode(v));
        expect(roundTrip(values).bytes).toEqual(encoding.toUint8Array(expected));
      }),
      { numRuns: 500 },
    );
  });

  it('a string cut short still throws instead of reading past the end', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, 'customer');
    const cut = encoding.toUint8Array(encoder).slice(0, 5);
    expect(() => decoding.readVarString(decoding.createDecoder(cut))).toThrow();
  });
});
