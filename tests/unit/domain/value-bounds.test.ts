import { describe, expect, it } from 'vitest';
import { checkBounds, previewValue, RECORD_BOUNDS } from '../../../src/domain/value-bounds';
import { customerRecord } from '../support/fixtures';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { next: value };
  return value;
}

describe('checkBounds', () => {
  it('accepts a real record, with room to spare', () => {
    const big = customerRecord({ notes: 'x'.repeat(5000), custom: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`f${i}`, `value ${i}`])) });
    expect(checkBounds(big)).toMatchObject({ ok: true });
    expect(checkBounds(nested(RECORD_BOUNDS.maxDepth))).toMatchObject({ ok: true });
  });

  it.each([
    ['a value nested past the depth limit', { extra: nested(RECORD_BOUNDS.maxDepth) }, 'too-deep', 'extra'],
    ['a value nested 3,000 levels deep', { id: 'x', extra: nested(3000) }, 'too-deep', 'extra'],
    ['a long string', { notes: 'x'.repeat(RECORD_BOUNDS.maxStringLength + 1) }, 'text-too-long', 'notes'],
    ['a long key', { ['k'.repeat(RECORD_BOUNDS.maxStringLength + 1)]: 1 }, 'text-too-long', ''],
    ['a huge array', { list: new Array(RECORD_BOUNDS.maxNodes + 1).fill(0) }, 'too-many-values', 'list'],
    ['many keys', { bag: Object.fromEntries(Array.from({ length: RECORD_BOUNDS.maxNodes }, (_, i) => [`k${i}`, i])) }, 'too-many-values', 'bag'],
    ['many long strings', { parts: Array.from({ length: 30 }, () => 'y'.repeat(RECORD_BOUNDS.maxStringLength)) }, 'too-large', 'parts'],
    ['binary data', { blob: new Uint8Array(4) }, 'not-json', 'blob'],
    ['a bigint', { n: 1n }, 'not-json', 'n'],
    ['a class instance', { at: new Date() }, 'not-json', 'at'],
  ])('refuses %s, naming the field', (_name, value, problem, field) => {
    expect(checkBounds(value)).toEqual({ ok: false, problem, field });
  });

  it('walks without recursion: a value far deeper than the call stack is refused, not a crash', () => {
    expect(checkBounds(nested(200_000))).toMatchObject({ ok: false, problem: 'too-deep' });
  });
});

describe('previewValue', () => {
  it('is JSON for a small value', () => {
    expect(previewValue({ a: [1, 'b', null, true] })).toBe('{"a":[1,"b",null,true]}');
  });

  it('stays short and shallow on any value', () => {
    expect(previewValue(nested(200_000))).toContain('{…}');
    expect(previewValue({ text: 'z'.repeat(1_000_000) }).length).toBeLessThanOrEqual(2001);
    expect(previewValue(new Array(1_000_000).fill({ a: 1 })).length).toBeLessThanOrEqual(2001);
    expect(previewValue({ blob: new Uint8Array(3) })).toBe('{"blob":[Uint8Array]}');
  });
});
