import { afterEach, describe, expect, it, vi } from 'vitest';
import * as encoding from 'lib0/encoding';
import { decrypt, deriveKey, encrypt } from '../../../../src/sync/webrtc/crypto';

// Kehu change: decrypt() returns its rejection for an unknown algorithm; upstream dropped it and
// went on to read the bytes and decrypt them anyway.
describe('vendored y-webrtc: crypto', () => {
  afterEach(() => vi.restoreAllMocks());

  it('rejects a message of another algorithm without trying to decrypt it', async () => {
    const key = await deriveKey('workspace secret', 'room');
    const subtleDecrypt = vi.spyOn(crypto.subtle, 'decrypt');
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, 'ROT13');
    encoding.writeVarUint8Array(encoder, new Uint8Array(12));
    encoding.writeVarUint8Array(encoder, new Uint8Array(32));
    await expect(decrypt(encoding.toUint8Array(encoder), key)).rejects.toThrow('Unknown encryption algorithm');
    expect(subtleDecrypt).not.toHaveBeenCalled();
  });

  it('still round-trips AES-GCM', async () => {
    const key = await deriveKey('workspace secret', 'room');
    const sealed = await encrypt(Uint8Array.of(1, 2, 3), key);
    expect(await decrypt(sealed, key)).toEqual(Uint8Array.of(1, 2, 3));
  });
});
