/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/consistent-type-imports -- made by scripts/webrtc-types.sh from the JSDoc of the .js beside it; edit that, not this */
export function deriveKey(secret: string, roomName: string): PromiseLike<CryptoKey>;
export function encrypt(data: Uint8Array, key: CryptoKey | null): PromiseLike<Uint8Array>;
export function encryptJson(data: import("lib0/encoding").AnyEncodable, key: CryptoKey | null): PromiseLike<Uint8Array>;
export function decrypt(data: Uint8Array, key: CryptoKey | null): PromiseLike<Uint8Array>;
export function decryptJson(data: Uint8Array, key: CryptoKey | null): PromiseLike<any>;
