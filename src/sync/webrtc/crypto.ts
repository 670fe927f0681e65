// Vendored from y-webrtc 10.3.0 (src/crypto.js; MIT, see LICENSE), in TypeScript. Changes from
// upstream are marked "Kehu change" and listed in README.md.
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as promise from 'lib0/promise';
import * as error from 'lib0/error';
import * as string from 'lib0/string';

export const deriveKey = (secret: string, roomName: string): PromiseLike<CryptoKey> => {
  const secretBuffer = string.encodeUtf8(secret).buffer as ArrayBuffer;
  const salt = string.encodeUtf8(roomName).buffer as ArrayBuffer;
  return crypto.subtle
    .importKey('raw', secretBuffer, 'PBKDF2', false, ['deriveKey'])
    .then((keyMaterial) =>
      crypto.subtle.deriveKey(
        {
          name: 'PBKDF2',
          salt,
          iterations: 100000,
          hash: 'SHA-256',
        },
        keyMaterial,
        {
          name: 'AES-GCM',
          length: 256,
        },
        true,
        ['encrypt', 'decrypt'],
      ),
    );
};

/**
 * Kehu change (types only): Web Crypto takes no view of a SharedArrayBuffer; lib0's buffers
 * never are one.
 */
const ownBuffer = (bytes: Uint8Array) => bytes as Uint8Array<ArrayBuffer>;

/** The message encrypted with `key` (AES-GCM, a random 12-byte IV); with no key, the message itself. */
export const encrypt = (data: Uint8Array, key: CryptoKey | null): PromiseLike<Uint8Array> => {
  if (!key) {
    return promise.resolveWith(data);
  }
  const iv = crypto.getRandomValues(new Uint8Array(12));
  return crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, ownBuffer(data)).then((cipher) => {
    const encryptedDataEncoder = encoding.createEncoder();
    encoding.writeVarString(encryptedDataEncoder, 'AES-GCM');
    encoding.writeVarUint8Array(encryptedDataEncoder, iv);
    encoding.writeVarUint8Array(encryptedDataEncoder, new Uint8Array(cipher));
    return encoding.toUint8Array(encryptedDataEncoder);
  });
};

export const encryptJson = (data: encoding.AnyEncodable, key: CryptoKey | null): PromiseLike<Uint8Array> => {
  const dataEncoder = encoding.createEncoder();
  encoding.writeAny(dataEncoder, data);
  return encrypt(encoding.toUint8Array(dataEncoder), key);
};

export const decrypt = (data: Uint8Array, key: CryptoKey | null): PromiseLike<Uint8Array> => {
  if (!key) {
    return promise.resolveWith(data);
  }
  const dataDecoder = decoding.createDecoder(data);
  const algorithm = decoding.readVarString(dataDecoder);
  if (algorithm !== 'AES-GCM') {
    // Kehu change: returned; before, the rejection went nowhere and the bytes were read on anyway.
    return promise.reject(error.create('Unknown encryption algorithm'));
  }
  const iv = decoding.readVarUint8Array(dataDecoder);
  const cipher = decoding.readVarUint8Array(dataDecoder);
  return crypto.subtle.decrypt({ name: 'AES-GCM', iv: ownBuffer(iv) }, key, ownBuffer(cipher)).then((data) => new Uint8Array(data));
};

/** Kehu change (types only): what it decrypts is unknown (upstream: any); the caller checks it. */
export const decryptJson = (data: Uint8Array, key: CryptoKey | null): PromiseLike<unknown> =>
  decrypt(data, key).then((decryptedValue): unknown => decoding.readAny(decoding.createDecoder(new Uint8Array(decryptedValue))));
