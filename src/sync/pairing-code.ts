import { deflateSync, inflateSync } from 'fflate';
import { fromBase64Url, toBase64Url } from './base64url';
import { hkdf, secretBytes } from './keys';

/**
 * The two codes of a pairing without any server (docs/sync-protocol.md, "Pairing by code"): an
 * offer and an answer, each one device's whole WebRTC description (every ICE candidate in it,
 * no trickle), deflated and sealed with AES-GCM under a key derived from the workspace secret.
 * An offer for a new device also carries the workspace id and secret in the clear, as an invite
 * link does: whoever holds it can join.
 */
export type PairingKind = 'offer' | 'invite' | 'answer';

/** What a code carries inside its sealed part. */
export interface PairingPayload {
  /** The y-webrtc peer id of the device that made it (the other side addresses it by this). */
  peerId: string;
  /** The session description (an offer for 'offer' and 'invite', an answer for 'answer'). */
  sdp: string;
  /** The workspace's name, for the join screen of a new device ('invite' only; a label, not trusted). */
  name?: string;
}

export interface PairingKeys {
  key: CryptoKey;
  /** 8 bytes naming the workspace without revealing it: tells "another workspace's code" apart from damage. */
  tag: Uint8Array;
}

export type PairingCodeError =
  | 'errors.pairingEmpty'
  | 'errors.pairingTooLong'
  | 'errors.pairingNotACode'
  | 'errors.pairingVersion'
  | 'errors.pairingTruncated'
  | 'errors.pairingWrongKind'
  | 'errors.pairingOtherWorkspace'
  | 'errors.pairingDamaged';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: PairingCodeError };

const VERSION = 1;
const KIND_BYTES: Record<PairingKind, number> = { offer: 1, invite: 2, answer: 3 };
const TAG_BYTES = 8;
const IV_BYTES = 12;
const SECRET_BYTES = 32;
/** Far above a real code (~500 to 900 characters); a QR code holds at most 2,953 bytes. */
export const MAX_CODE_CHARS = 4_000;
const MAX_PAYLOAD_BYTES = 16 * 1024;
const MAX_SDP_CHARS = 12 * 1024;

/**
 * Text that session descriptions of a data channel repeat: deflate finds it here instead of
 * spelling it out, which takes a code from ~700 to ~450 characters.
 */
const DICTIONARY = new TextEncoder().encode(
  'v=0\r\no=- 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\na=extmap-allow-mixed\r\na=msid-semantic: WMS\r\n' +
    'm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n' +
    'a=candidate: 1 udp 2122260223 192.168.1. 9 typ host generation 0 network-id 1\r\n' +
    'a=candidate: 1 tcp 1518280447 typ host tcptype passive generation 0 network-id network-cost 10\r\n' +
    'a=candidate: 1 udp 1686052607 typ srflx raddr rport typ relay .local\r\n' +
    'a=ice-ufrag:\r\na=ice-pwd:\r\na=ice-options:trickle\r\na=fingerprint:sha-256 \r\n' +
    'a=setup:actpass\r\na=setup:active\r\na=mid:0\r\na=sctp-port:5000\r\na=max-message-size:262144\r\n{"p":"","s":"","n":""}',
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function derivePairingKeys(workspaceId: string, secret: string): Promise<PairingKeys> {
  const raw = secretBytes(secret);
  const [key, tag] = await Promise.all([hkdf(raw, workspaceId, 'kehu/pair/v1', 256), hkdf(raw, workspaceId, 'kehu/pair-tag/v1', TAG_BYTES * 8)]);
  return { key: await crypto.subtle.importKey('raw', key as BufferSource, 'AES-GCM', false, ['encrypt', 'decrypt']), tag };
}

function uuidBytes(id: string): Uint8Array {
  const hex = id.replace(/-/g, '');
  return Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

function uuidText(bytes: Uint8Array): string {
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The header's size for a kind: version, kind, total length (2), then the tag or the invite's id and secret. */
function headerLength(kind: PairingKind): number {
  return 4 + (kind === 'invite' ? 16 + SECRET_BYTES : TAG_BYTES);
}

export interface InviteOfferFields {
  workspaceId: string;
  secret: string;
}

/** The code as text (base64url, no line breaks: a chat app may wrap it, and reading ignores whitespace). */
export async function encodePairingCode(kind: PairingKind, payload: PairingPayload, keys: PairingKeys, invite?: InviteOfferFields): Promise<string> {
  if ((kind === 'invite') !== Boolean(invite)) throw new Error('An invite offer, and only one, carries the workspace id and secret');
  const plain = deflateSync(new TextEncoder().encode(JSON.stringify({ p: payload.peerId, s: payload.sdp, ...(payload.name ? { n: payload.name } : {}) })), {
    level: 9,
    dictionary: DICTIONARY,
  });
  const header = new Uint8Array(headerLength(kind));
  header[0] = VERSION;
  header[1] = KIND_BYTES[kind];
  if (invite) {
    header.set(uuidBytes(invite.workspaceId), 4);
    header.set(secretBytes(invite.secret), 20);
  } else header.set(keys.tag, 4);
  const total = header.length + IV_BYTES + plain.length + 16;
  header[2] = total >>> 8;
  header[3] = total & 0xff;
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: header }, keys.key, plain));
  const bytes = new Uint8Array(total);
  bytes.set(header, 0);
  bytes.set(iv, header.length);
  bytes.set(sealed, header.length + IV_BYTES);
  return toBase64Url(bytes);
}

/** A code read as far as it can be without the workspace key. */
export interface PairingHeader {
  kind: PairingKind;
  /** An invite offer's workspace id and secret. */
  invite?: InviteOfferFields;
  tag?: Uint8Array;
  bytes: Uint8Array;
}

/** A code inside a link (an offer's QR code opens the app at it). */
export const PAIR_LINK_PATH = '#/pair/';

/** What chat apps and QR readers add: spaces, line breaks, zero-width characters, quotes around it; or the link around it. */
function cleaned(text: string): string {
  const at = text.lastIndexOf(PAIR_LINK_PATH);
  return (at >= 0 ? text.slice(at + PAIR_LINK_PATH.length) : text).replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '').replace(/^["'`“”‘’<]+|["'`“”‘’>.]+$/g, '');
}

/** Reads the clear part of a code; never throws. `expected` names the kinds the caller can use. */
export function readPairingHeader(text: string, expected: readonly PairingKind[]): Parsed<PairingHeader> {
  if (text.length > MAX_CODE_CHARS * 4) return { ok: false, error: 'errors.pairingTooLong' };
  const code = cleaned(text);
  if (!code) return { ok: false, error: 'errors.pairingEmpty' };
  if (code.length > MAX_CODE_CHARS) return { ok: false, error: 'errors.pairingTooLong' };
  const bytes = fromBase64Url(code);
  if (!bytes || bytes.length < 2) return { ok: false, error: 'errors.pairingNotACode' };
  if (bytes[0]! > VERSION) return { ok: false, error: 'errors.pairingVersion' };
  const kind = (Object.keys(KIND_BYTES) as PairingKind[]).find((k) => KIND_BYTES[k] === bytes[1]);
  if (bytes[0] !== VERSION || !kind) return { ok: false, error: 'errors.pairingNotACode' };
  const header = headerLength(kind);
  if (bytes.length < 4) return { ok: false, error: 'errors.pairingTruncated' };
  const total = (bytes[2]! << 8) | bytes[3]!;
  if (total < header + IV_BYTES + 16) return { ok: false, error: 'errors.pairingNotACode' };
  if (bytes.length < total) return { ok: false, error: 'errors.pairingTruncated' };
  if (bytes.length > total) return { ok: false, error: 'errors.pairingDamaged' };
  if (!expected.includes(kind)) return { ok: false, error: 'errors.pairingWrongKind' };
  if (kind !== 'invite') return { ok: true, value: { kind, tag: bytes.slice(4, 4 + TAG_BYTES), bytes } };
  const workspaceId = uuidText(bytes.subarray(4, 20));
  if (!UUID.test(workspaceId)) return { ok: false, error: 'errors.pairingDamaged' };
  return { ok: true, value: { kind, invite: { workspaceId, secret: toBase64Url(bytes.slice(20, 20 + SECRET_BYTES)) }, bytes } };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** Opens a code's sealed part with this workspace's keys; a code of another workspace or a changed byte is an error. */
export async function openPairingCode(header: PairingHeader, keys: PairingKeys): Promise<Parsed<PairingPayload>> {
  if (header.tag && !sameBytes(header.tag, keys.tag)) return { ok: false, error: 'errors.pairingOtherWorkspace' };
  const length = headerLength(header.kind);
  let plain: Uint8Array;
  try {
    const iv = header.bytes.slice(length, length + IV_BYTES);
    const opened = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: header.bytes.slice(0, length) },
      keys.key,
      header.bytes.slice(length + IV_BYTES),
    );
    plain = inflateSync(new Uint8Array(opened), { dictionary: DICTIONARY });
  } catch {
    return { ok: false, error: 'errors.pairingDamaged' };
  }
  if (plain.length > MAX_PAYLOAD_BYTES) return { ok: false, error: 'errors.pairingDamaged' };
  return payloadOf(plain);
}

function payloadOf(plain: Uint8Array): Parsed<PairingPayload> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  } catch {
    return { ok: false, error: 'errors.pairingDamaged' };
  }
  if (typeof value !== 'object' || value === null) return { ok: false, error: 'errors.pairingDamaged' };
  const { p, s, n } = value as Record<string, unknown>;
  if (typeof p !== 'string' || !p || p.length > 64 || typeof s !== 'string' || !s.startsWith('v=0') || s.length > MAX_SDP_CHARS) {
    return { ok: false, error: 'errors.pairingDamaged' };
  }
  return { ok: true, value: { peerId: p, sdp: s, ...(typeof n === 'string' && n ? { name: n.slice(0, 200) } : {}) } };
}
