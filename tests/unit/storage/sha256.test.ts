import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sha256 } from '../../../src/storage/sha256';
import { sha256Hex } from '../../../src/storage/log-db';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const node = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('sha256 in plain TypeScript (pages without crypto.subtle)', () => {
  it('gives the FIPS 180-4 test vectors', () => {
    expect(hex(sha256(new Uint8Array()))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256(new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with Node on every length around the block and padding edges, and on a large buffer', () => {
    for (let length = 0; length <= 200; length++) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      expect(hex(sha256(data)), `length ${length}`).toBe(node(data));
    }
    const large = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 7919) & 0xff);
    expect(hex(sha256(large))).toBe(node(large));
  });
});

describe('sha256Hex', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('gives the same checksum without crypto.subtle (a page opened over http), so snapshots stay readable', async () => {
    const data = new TextEncoder().encode('snapshot piece');
    const withSubtle = await sha256Hex(data);
    vi.stubGlobal('crypto', { getRandomValues: crypto.getRandomValues.bind(crypto) });
    expect(globalThis.crypto.subtle).toBeUndefined();
    expect(await sha256Hex(data)).toBe(withSubtle);
    expect(withSubtle).toBe(node(data));
  });
});
