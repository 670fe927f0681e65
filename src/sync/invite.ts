import { fromBase64Url, toBase64Url } from './base64url';
import { readConnectionSettings, type ConnectionSettings } from '../domain/connection-settings';

/**
 * Invite link: `<app url>#/join/<workspace id>/<secret>/<check>?name=<workspace name>`. Everything
 * is in the fragment, which browsers never send to a server; the name only labels the join screen.
 * `check` catches a link changed by hand or by a chat app: without it a single wrong character
 * of the secret joined a workspace that could never sync.
 *
 * `&c=<base64url of a compact JSON>` carries the team's connection settings (relays, STUN/TURN
 * servers with their credentials), so a new device connects with no setup before it has the
 * workspace. The check does not cover it: it is read by its schema, entry by entry, and a part
 * that cannot be read at all is ignored (the join page says so) rather than refusing a link
 * whose workspace key is intact.
 */
export interface Invite {
  workspaceId: string;
  secret: string;
  name: string;
  /** The team's relays and STUN/TURN servers, when the link carries any that are valid. */
  connections?: ConnectionSettings;
  /** The link carried connection settings of which some or all could not be read. */
  connectionsUnreadable?: true;
}

/** Compact, as the link has to fit in a chat message: {r: relays, i: [{u: urls, n: username, c: credential}]}. */
export function encodeConnections(settings: ConnectionSettings): string {
  const compact = {
    r: settings.relays,
    i: settings.iceServers.map((s) => ({ u: s.urls, ...(s.username !== undefined ? { n: s.username } : {}), ...(s.credential !== undefined ? { c: s.credential } : {}) })),
  };
  return toBase64Url(new TextEncoder().encode(JSON.stringify(compact)));
}

/** The link's part may have been cut or changed by hand: null when it is not a compact object at all. */
export function decodeConnections(text: string): { settings: ConnectionSettings; complete: boolean } | null {
  if (text.length > 8000) return null;
  const bytes = fromBase64Url(text);
  if (!bytes) return null;
  let compact: unknown;
  try {
    compact = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  if (typeof compact !== 'object' || compact === null || Array.isArray(compact)) return null;
  const { r, i } = compact as { r?: unknown; i?: unknown };
  const servers = Array.isArray(i)
    ? i.map((s: unknown) => (typeof s === 'object' && s !== null && !Array.isArray(s) ? { urls: (s as { u?: unknown }).u, username: (s as { n?: unknown }).n, credential: (s as { c?: unknown }).c } : s))
    : i;
  const { settings, problems } = readConnectionSettings({ relays: r, iceServers: servers });
  return { settings, complete: Object.keys(problems).length === 0 };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SECRET_LENGTH = 43; // 32 bytes in base64url without padding
const CHECK_LENGTH = 6; // 4 bytes

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (as in zip and PNG): it detects every change of one character, and every burst of up to 32 bits. */
function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The link's check: CRC-32 of `<workspace id>/<secret>` (ASCII), big-endian, in base64url. */
export function inviteCheck(workspaceId: string, secret: string): string {
  const crc = crc32(`${workspaceId.toLowerCase()}/${secret}`);
  return toBase64Url(Uint8Array.of(crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff));
}

export function inviteLink(appUrl: string, invite: Invite): string {
  const base = appUrl.split('#')[0]!;
  const params = [
    ...(invite.name ? [`name=${encodeURIComponent(invite.name)}`] : []),
    ...(invite.connections && (invite.connections.relays.length > 0 || invite.connections.iceServers.length > 0) ? [`c=${encodeConnections(invite.connections)}`] : []),
  ];
  const query = params.length > 0 ? `?${params.join('&')}` : '';
  return `${base}#/join/${invite.workspaceId}/${invite.secret}/${inviteCheck(invite.workspaceId, invite.secret)}${query}`;
}

export type InviteParseError = 'errors.inviteInvalid' | 'errors.inviteTruncated' | 'errors.inviteMistyped';

/** Accepts the whole link or only its fragment (people paste either). */
export function parseInvite(text: string): { ok: true; invite: Invite } | { ok: false; error: InviteParseError } {
  const trimmed = text.trim();
  const hashAt = trimmed.indexOf('#');
  const fragment = hashAt >= 0 ? trimmed.slice(hashAt + 1) : trimmed;
  const [path = '', query = ''] = fragment.split('?');
  const parts = path.split('/').filter(Boolean);
  if (parts[0] !== 'join') return { ok: false, error: 'errors.inviteInvalid' };
  const [, workspaceId = '', secret = '', check = ''] = parts;
  if (!UUID.test(workspaceId)) return { ok: false, error: workspaceId.length < 36 ? 'errors.inviteTruncated' : 'errors.inviteInvalid' };
  if (secret.length < SECRET_LENGTH) return { ok: false, error: 'errors.inviteTruncated' };
  const bytes = fromBase64Url(secret);
  if (secret.length !== SECRET_LENGTH || !bytes || bytes.length !== 32) return { ok: false, error: 'errors.inviteInvalid' };
  if (check.length < CHECK_LENGTH) return { ok: false, error: 'errors.inviteTruncated' };
  if (check.length !== CHECK_LENGTH || parts.length > 4) return { ok: false, error: 'errors.inviteInvalid' };
  if (check !== inviteCheck(workspaceId, secret)) return { ok: false, error: 'errors.inviteMistyped' };
  const params = new URLSearchParams(query);
  const name = params.get('name')?.slice(0, 200) ?? '';
  const invite: Invite = { workspaceId: workspaceId.toLowerCase(), secret, name };
  const c = params.get('c');
  if (c !== null) {
    const read = decodeConnections(c);
    if (read && (read.settings.relays.length > 0 || read.settings.iceServers.length > 0)) invite.connections = read.settings;
    if (!read || !read.complete) invite.connectionsUnreadable = true;
  }
  return { ok: true, invite };
}
