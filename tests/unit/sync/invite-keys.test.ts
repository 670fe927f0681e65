import { describe, expect, it } from 'vitest';
import { inviteCheck, inviteLink, parseInvite } from '../../../src/sync/invite';
import { deriveWorkspaceKeys, InvalidSecretError } from '../../../src/sync/keys';
import { toBase64Url } from '../../../src/sync/base64url';

const id = '01938f2e-7b1c-7a00-8000-0123456789ab';
const secret = toBase64Url(Uint8Array.from({ length: 32 }, (_, i) => i * 7));

describe('invite links', () => {
  it('round-trips id, secret and name, all in the fragment', () => {
    const link = inviteLink('https://kehu.example/app/#/team', { workspaceId: id, secret, name: '门店 A&B' });
    const url = new URL(link);
    expect(url.pathname).toBe('/app/');
    expect(url.search).toBe('');
    expect(url.hash.startsWith('#/join/')).toBe(true);
    expect(parseInvite(link)).toEqual({ ok: true, invite: { workspaceId: id, secret, name: '门店 A&B' } });
  });

  const check = inviteCheck(id, secret);

  it.each([
    ['the fragment alone', `#/join/${id}/${secret}/${check}`],
    ['with spaces around', `  https://x.test/#/join/${id}/${secret}/${check}  `],
    ['no name', `https://x.test/#/join/${id}/${secret}/${check}`],
    ['an id in upper case', `https://x.test/#/join/${id.toUpperCase()}/${secret}/${check}`],
  ])('accepts %s', (_n, text) => {
    expect(parseInvite(text)).toEqual({ ok: true, invite: { workspaceId: id, secret, name: '' } });
  });

  /** The link with the character at `at` of the given part replaced by another valid one. */
  const changed = (part: string, at: number, alphabet: string) => {
    const other = alphabet.replace(part[at]!, '')[at % 10]!;
    return part.slice(0, at) + other + part.slice(at + 1);
  };
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  it('says a link with any one character changed is mistyped, wherever it is', () => {
    for (let at = 0; at < secret.length; at++) {
      const text = `https://x.test/#/join/${id}/${changed(secret, at, B64)}/${check}`;
      expect(parseInvite(text)).toEqual({ ok: false, error: 'errors.inviteMistyped' });
    }
    for (const at of [0, 9, 20, 35]) {
      if (id[at] === '-') continue;
      expect(parseInvite(`#/join/${changed(id, at, '0123456789abcdef')}/${secret}/${check}`)).toEqual({ ok: false, error: 'errors.inviteMistyped' });
    }
    for (let at = 0; at < check.length; at++) {
      expect(parseInvite(`#/join/${id}/${secret}/${changed(check, at, B64)}`)).toEqual({ ok: false, error: 'errors.inviteMistyped' });
    }
    // Two characters swapped, as a person typing it might.
    const swapped = secret.slice(0, 10) + secret[11] + secret[10] + secret.slice(12);
    if (swapped !== secret) expect(parseInvite(`#/join/${id}/${swapped}/${check}`)).toEqual({ ok: false, error: 'errors.inviteMistyped' });
  });

  it.each([
    ['a web page', 'https://example.com/', 'errors.inviteInvalid'],
    ['random text', 'hello', 'errors.inviteInvalid'],
    ['a cut-off secret', `https://x.test/#/join/${id}/${secret.slice(0, 20)}`, 'errors.inviteTruncated'],
    ['a cut-off id', `https://x.test/#/join/${id.slice(0, 20)}`, 'errors.inviteTruncated'],
    ['no secret', `https://x.test/#/join/${id}`, 'errors.inviteTruncated'],
    ['no check', `https://x.test/#/join/${id}/${secret}`, 'errors.inviteTruncated'],
    ['a cut-off check', `https://x.test/#/join/${id}/${secret}/${check.slice(0, 4)}`, 'errors.inviteTruncated'],
    ['a check too long', `https://x.test/#/join/${id}/${secret}/${check}A`, 'errors.inviteInvalid'],
    ['more after the check', `https://x.test/#/join/${id}/${secret}/${check}/more`, 'errors.inviteInvalid'],
    ['a secret with bad characters', `https://x.test/#/join/${id}/${secret.slice(0, 42)}!/${check}`, 'errors.inviteInvalid'],
    ['a secret too long', `https://x.test/#/join/${id}/${secret}AAAA/${check}`, 'errors.inviteInvalid'],
    ['an id that is not a uuid', `https://x.test/#/join/${'z'.repeat(36)}/${secret}/${check}`, 'errors.inviteInvalid'],
  ])('rejects %s', (_n, text, error) => {
    expect(parseInvite(text)).toEqual({ ok: false, error });
  });
});

describe('key derivation', () => {
  it('is deterministic, and differs by secret and by workspace', async () => {
    const a = await deriveWorkspaceKeys(id, secret);
    const b = await deriveWorkspaceKeys(id, secret);
    const otherSecret = await deriveWorkspaceKeys(id, toBase64Url(new Uint8Array(32).fill(1)));
    const otherId = await deriveWorkspaceKeys(id.replace('ab', 'ac'), secret);
    expect(a.room).toBe(b.room);
    expect(a.password).toBe(b.password);
    expect(a.room).toMatch(/^kehu-[0-9a-f]{32}$/);
    expect(new Set([a.room, otherSecret.room, otherId.room]).size).toBe(3);
    expect(new Set([a.password, otherSecret.password, otherId.password]).size).toBe(3);
    // Neither the secret nor the id can be read from what the relay sees.
    expect(a.room).not.toContain(secret);
    expect(a.password).not.toBe(secret);
  });

  it('refuses a secret that is too short', async () => {
    await expect(deriveWorkspaceKeys(id, 'abc')).rejects.toBeInstanceOf(InvalidSecretError);
  });
});
