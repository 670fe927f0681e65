import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

// patches/lib0+0.2.120.patch adds an ASCII fast path for short strings; it must read and write
// exactly the bytes TextEncoder/TextDecoder would.
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

  it('round-trips any sequence of strings', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 80 }), { maxLength: 20 }), (values) => {
        const wellFormed = values.map((v) => v.toWellFormed());
        expect(roundTrip(wellFormed).out).toEqual(wellFormed);
      }),
      { numRuns: 300 },
    );
  });

  it('a string cut short still throws instead of reading past the end', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, 'customer');
    const cut = encoding.toUint8Array(encoder).slice(0, 5);
    expect(() => decoding.readVarString(decoding.createDecoder(cut))).toThrow();
  });
});
