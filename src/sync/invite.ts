import { fromBase64Url, toBase64Url } from './base64url';

/**
 * Invite link: `<app url>#/join/<workspace id>/<secret>/<check>?name=<workspace name>`. Everything
 * is in the fragment, which browsers never send to a server; the name only labels the join screen.
 * `check` catches a link changed by hand or by a chat app: without it a single wrong character
 * of the secret joined a workspace that could never sync.
 */
export interface Invite {
  workspaceId: string;
  secret: string;
  name: string;
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
  const query = invite.name ? `?name=${encodeURIComponent(invite.name)}` : '';
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
  const name = new URLSearchParams(query).get('name')?.slice(0, 200) ?? '';
  return { ok: true, invite: { workspaceId: workspaceId.toLowerCase(), secret, name } };
}
