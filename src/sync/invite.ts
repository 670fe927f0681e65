import { fromBase64Url } from './base64url';

/**
 * Invite link: `<app url>#/join/<workspace id>/<secret>?name=<workspace name>`. Everything is in
 * the fragment, which browsers never send to a server; the name only labels the join screen.
 */
export interface Invite {
  workspaceId: string;
  secret: string;
  name: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SECRET_LENGTH = 43; // 32 bytes in base64url without padding

export function inviteLink(appUrl: string, invite: Invite): string {
  const base = appUrl.split('#')[0]!;
  const query = invite.name ? `?name=${encodeURIComponent(invite.name)}` : '';
  return `${base}#/join/${invite.workspaceId}/${invite.secret}${query}`;
}

export type InviteParseError = 'errors.inviteInvalid' | 'errors.inviteTruncated';

/** Accepts the whole link or only its fragment (people paste either). */
export function parseInvite(text: string): { ok: true; invite: Invite } | { ok: false; error: InviteParseError } {
  const trimmed = text.trim();
  const hashAt = trimmed.indexOf('#');
  const fragment = hashAt >= 0 ? trimmed.slice(hashAt + 1) : trimmed;
  const [path = '', query = ''] = fragment.split('?');
  const parts = path.split('/').filter(Boolean);
  if (parts[0] !== 'join') return { ok: false, error: 'errors.inviteInvalid' };
  const [, workspaceId = '', secret = ''] = parts;
  if (!UUID.test(workspaceId)) return { ok: false, error: workspaceId.length < 36 ? 'errors.inviteTruncated' : 'errors.inviteInvalid' };
  if (secret.length < SECRET_LENGTH) return { ok: false, error: 'errors.inviteTruncated' };
  const bytes = fromBase64Url(secret);
  if (secret.length !== SECRET_LENGTH || !bytes || bytes.length !== 32) return { ok: false, error: 'errors.inviteInvalid' };
  const name = new URLSearchParams(query).get('name')?.slice(0, 200) ?? '';
  return { ok: true, invite: { workspaceId: workspaceId.toLowerCase(), secret, name } };
}
