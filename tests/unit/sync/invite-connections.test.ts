import { describe, expect, it, test } from 'vitest';
import { decodeConnections, encodeConnections, inviteLink, parseInvite } from '../../../src/sync/invite';
import { toBase64Url } from '../../../src/sync/base64url';

const id = '01938f2e-7b1c-7a00-8000-0123456789ab';
const secret = toBase64Url(Uint8Array.from({ length: 32 }, (_, i) => i * 7));
const connections = {
  relays: ['wss://relay.example.org/signal'],
  iceServers: [{ urls: ['stun:stun.example.org:3478'] }, { urls: ['turn:turn.example.org:3478?transport=udp'], username: '1796702400:kehu', credential: 'k8Jm+/a=' }],
};
const b64 = (text: string) => toBase64Url(new TextEncoder().encode(text));

describe('invite links with the team’s connection settings', () => {
  it('round-trip relays and STUN/TURN servers with their credentials, all in the fragment', () => {
    const link = inviteLink('https://kehu.example/app/', { workspaceId: id, secret, name: '门店 A&B', connections });
    const url = new URL(link);
    expect(url.search).toBe('');
    expect(url.hash).toMatch(/\?name=.*&c=[A-Za-z0-9_-]+$/);
    expect(parseInvite(link)).toEqual({ ok: true, invite: { workspaceId: id, secret, name: '门店 A&B', connections } });
  });

  it('carries no c= when the team has no settings, and an old link (without it) still works', () => {
    const link = inviteLink('https://kehu.example/', { workspaceId: id, secret, name: '', connections: { relays: [], iceServers: [] } });
    expect(link).not.toContain('c=');
    expect(parseInvite(link)).toEqual({ ok: true, invite: { workspaceId: id, secret, name: '' } });
    expect(parseInvite(inviteLink('https://kehu.example/', { workspaceId: id, secret, name: 'Shop' })).ok).toBe(true);
  });

  it('keeps the check of id and secret: a changed secret is refused whatever c= holds', () => {
    const link = inviteLink('https://kehu.example/', { workspaceId: id, secret, name: '', connections });
    const changed = link.replace(`/${secret}/`, `/${secret[0] === 'A' ? 'B' : 'A'}${secret.slice(1)}/`);
    expect(parseInvite(changed)).toEqual({ ok: false, error: 'errors.inviteMistyped' });
  });

  const base = inviteLink('https://kehu.example/', { workspaceId: id, secret, name: 'Shop' });
  const encoded = encodeConnections(connections);

  test.each([
    ['cut short', encoded.slice(0, encoded.length - 7)],
    ['not base64url', 'a+b/c=='],
    ['one character', 'A'],
    ['base64 of text that is not JSON', b64('hello')],
    ['JSON that is not an object', b64('[1,2,3]')],
    ['invalid UTF-8', toBase64Url(Uint8Array.of(0xff, 0xfe, 0x7b))],
    ['very long', 'A'.repeat(20_000)],
    ['empty', ''],
  ])('a mangled c= (%s): the link joins, with no settings and a note', (_n, c) => {
    expect(parseInvite(`${base}&c=${c}`)).toEqual({ ok: true, invite: { workspaceId: id, secret, name: 'Shop', connectionsUnreadable: true } });
  });

  it('keeps the valid servers of a partly invalid c= and notes the rest', () => {
    const c = b64(JSON.stringify({ r: ['http://nope', 'wss://ok.example.org'], i: [{ u: 'turn:t.example.org' }, { u: ['stun:s.example.org'] }, 'x'] }));
    expect(parseInvite(`${base}&c=${c}`)).toEqual({
      ok: true,
      invite: { workspaceId: id, secret, name: 'Shop', connections: { relays: ['wss://ok.example.org'], iceServers: [{ urls: ['stun:s.example.org'] }] }, connectionsUnreadable: true },
    });
  });

  it('decodes the compact form and nothing more', () => {
    expect(decodeConnections(encodeConnections(connections))).toEqual({ settings: connections, complete: true });
    expect(decodeConnections(b64('{"r":[],"i":[],"x":{"deep":[[[[1]]]]}}'))).toEqual({ settings: { relays: [], iceServers: [] }, complete: true });
  });

  it('reads a c= written from docs/sync-protocol.md alone (Node base64url of the compact JSON)', () => {
    const c = Buffer.from(JSON.stringify({ r: ['wss://relay.example.org/signal'], i: [{ u: ['turn:turn.example.org:3478'], n: 'alice', c: 'pw' }] })).toString('base64url');
    const link = inviteLink('http://localhost:8420/', { workspaceId: id, secret, name: 'Acme' });
    expect(parseInvite(`${link}&c=${c}`)).toEqual({
      ok: true,
      invite: { workspaceId: id, secret, name: 'Acme', connections: { relays: ['wss://relay.example.org/signal'], iceServers: [{ urls: ['turn:turn.example.org:3478'], username: 'alice', credential: 'pw' }] } },
    });
    const made = inviteLink('http://localhost:8420/', { workspaceId: id, secret, name: 'Acme', connections: { relays: [], iceServers: [{ urls: ['stun:s.example.org'] }] } });
    expect(JSON.parse(Buffer.from(/&c=(.*)$/.exec(made)![1]!, 'base64url').toString('utf8'))).toEqual({ r: [], i: [{ u: ['stun:s.example.org'] }] });
  });
});
