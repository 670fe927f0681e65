import { fromBase64Url, toBase64Url } from './base64url';

/**
 * Everything a workspace's peers share is derived from its id and secret (docs/sync-protocol.md):
 * the relay sees only the room name, a one-way hash, and payloads encrypted with the password.
 */
export interface WorkspaceKeys {
  /** y-webrtc room name: "kehu-" + 32 hex digits of HKDF(secret, id, "kehu/room/v1"). */
  room: string;
  /** y-webrtc password (it derives its AES-GCM key with PBKDF2): base64url of HKDF(secret, id, "kehu/signal/v1"). */
  password: string;
  /** AES-GCM 256 key for change files: HKDF(secret, id, "kehu/file/v1"). */
  fileKey: CryptoKey;
}

const encoder = new TextEncoder();

export async function hkdf(secret: Uint8Array, salt: string, info: string, bits: number): Promise<Uint8Array> {
  const base = await crypto.subtle.importKey('raw', secret as BufferSource, 'HKDF', false, ['deriveBits']);
  const out = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode(salt), info: encoder.encode(info) },
    base,
    bits,
  );
  return new Uint8Array(out);
}

export class InvalidSecretError extends Error {
  override name = 'InvalidSecretError';
}

export function secretBytes(secret: string): Uint8Array {
  const bytes = fromBase64Url(secret);
  if (!bytes || bytes.length < 16) throw new InvalidSecretError('A workspace secret is at least 16 bytes of base64url');
  return bytes;
}

export async function deriveWorkspaceKeys(workspaceId: string, secret: string): Promise<WorkspaceKeys> {
  const raw = secretBytes(secret);
  const [room, password, file] = await Promise.all([
    hkdf(raw, workspaceId, 'kehu/room/v1', 128),
    hkdf(raw, workspaceId, 'kehu/signal/v1', 256),
    hkdf(raw, workspaceId, 'kehu/file/v1', 256),
  ]);
  const fileKey = await crypto.subtle.importKey('raw', file as BufferSource, 'AES-GCM', false, ['encrypt', 'decrypt']);
  return {
    room: 'kehu-' + [...room].map((b) => b.toString(16).padStart(2, '0')).join(''),
    password: toBase64Url(password),
    fileKey,
  };
}
