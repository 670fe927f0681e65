import { describe, expect, it } from 'vitest';
import { derivePairingKeys, encodePairingCode, MAX_CODE_CHARS, openPairingCode, readPairingHeader, type PairingKind, type PairingPayload } from '../../../src/sync/pairing-code';
import { fromBase64Url, toBase64Url } from '../../../src/sync/base64url';
import { en } from '../../../src/i18n/messages/en';
import { zhCN as zh } from '../../../src/i18n/messages/zh-CN';

const id = '01938f2e-7b1c-7a00-8000-0123456789ab';
const otherId = '01938f2e-7b1c-7a00-8000-0123456789ac';
const secret = toBase64Url(Uint8Array.from({ length: 32 }, (_, i) => i * 7));

/** What Chromium offers for one data channel with two host candidates and a reflexive one. */
const SDP = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'a=extmap-allow-mixed',
  'a=msid-semantic: WMS',
  'm=application 50421 UDP/DTLS/SCTP webrtc-datachannel',
  'c=IN IP4 10.20.0.2',
  'a=candidate:3415129426 1 udp 2122260223 10.20.0.2 50421 typ host generation 0 network-id 1',
  'a=candidate:2371424954 1 tcp 1518280447 10.20.0.2 9 typ host tcptype passive generation 0 network-id 1',
  'a=candidate:1829371824 1 udp 1686052607 203.0.113.7 50421 typ srflx raddr 10.20.0.2 rport 50421 generation 0 network-id 1',
  'a=ice-ufrag:q1Zk',
  'a=ice-pwd:0sQ9r3M3x8m4VbGk1wq2Z7+a',
  'a=ice-options:trickle',
  'a=fingerprint:sha-256 5C:1D:9E:0A:77:3B:44:C1:7F:AA:02:91:36:E8:0B:5D:C2:19:4F:70:8A:6B:E3:12:D4:55:08:9C:A1:3E:F6:27',
  'a=setup:actpass',
  'a=mid:0',
  'a=sctp-port:5000',
  'a=max-message-size:262144',
  '',
].join('\r\n');

const payload: PairingPayload = { peerId: '6f1c1f0e-3f1e-4b55-9a7c-1f2e3d4c5b6a', sdp: SDP };

async function read(text: string, kinds: readonly PairingKind[] = ['offer', 'invite', 'answer'], workspace = id) {
  const header = readPairingHeader(text, kinds);
  if (!header.ok) return header;
  return openPairingCode(header.value, await derivePairingKeys(workspace, secret));
}

describe('pairing codes', async () => {
  const keys = await derivePairingKeys(id, secret);
  const offer = await encodePairingCode('offer', payload, keys);
  const answer = await encodePairingCode('answer', payload, keys);
  const invite = await encodePairingCode('invite', { ...payload, name: '门店 A' }, keys, { workspaceId: id, secret });

  it('round-trip an offer and an answer, short enough for a QR code at normal size', async () => {
    expect(await read(offer, ['offer'])).toEqual({ ok: true, value: payload });
    expect(await read(answer, ['answer'])).toEqual({ ok: true, value: payload });
    // Version 25 at level L holds 1,273 bytes; base64url text goes in byte mode.
    expect(offer.length).toBeLessThan(700);
    expect(offer).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('carries the workspace id and secret in an offer for a new device, which reads it with no key of its own', async () => {
    const header = readPairingHeader(invite, ['invite']);
    expect(header.ok && header.value.invite).toEqual({ workspaceId: id, secret });
    expect(await read(invite, ['invite'])).toEqual({ ok: true, value: { ...payload, name: '门店 A' } });
  });

  it('reads a code inside the link its QR code holds', async () => {
    expect(await read(`https://kehu.example/team/#/pair/${offer}`, ['offer'])).toEqual({ ok: true, value: payload });
  });

  it('reads a code that a chat app wrapped, indented or quoted', async () => {
    const wrapped = `  "${offer.match(/.{1,60}/g)!.join('\r\n  ')}"\n\u200b`;
    expect(await read(wrapped, ['offer'])).toEqual({ ok: true, value: payload });
  });

  const flip = (code: string, at: number) => {
    const bytes = fromBase64Url(code)!;
    bytes[at] = bytes[at]! ^ 0x01;
    return toBase64Url(bytes);
  };
  const withVersion = (code: string, version: number) => {
    const bytes = fromBase64Url(code)!;
    bytes[0] = version;
    return toBase64Url(bytes);
  };
  const binary = String.fromCharCode(...Array.from({ length: 300 }, (_, i) => (i * 37) % 256));

  it.each([
    ['empty', '', 'errors.pairingEmpty'],
    ['only whitespace', ' \n\t ', 'errors.pairingEmpty'],
    ['an invite link', 'https://kehu.example/#/join/x', 'errors.pairingNotACode'],
    ['binary', binary, 'errors.pairingNotACode'],
    ['huge', 'A'.repeat(MAX_CODE_CHARS + 1), 'errors.pairingTooLong'],
    ['huge, beyond what is even cleaned', ' '.repeat(MAX_CODE_CHARS * 5), 'errors.pairingTooLong'],
    ['cut short', offer.slice(0, offer.length - 20), 'errors.pairingTruncated'],
    ['cut to its first characters', offer.slice(0, 4), 'errors.pairingTruncated'],
    ['with text added', offer + 'AAAA', 'errors.pairingDamaged'],
    ['of another version', withVersion(offer, 2), 'errors.pairingVersion'],
    ['of version 0', withVersion(offer, 0), 'errors.pairingNotACode'],
    ['with its ciphertext changed', flip(offer, 60), 'errors.pairingDamaged'],
    ['with its tag changed (reads as another workspace)', flip(offer, 5), 'errors.pairingOtherWorkspace'],
    ['with its kind changed to answer', (() => { const b = fromBase64Url(offer)!; b[1] = 3; return toBase64Url(b); })(), 'errors.pairingDamaged'],
    ['with its invite secret changed', flip(invite, 30), 'errors.pairingDamaged'],
  ])('refuses a code %s with a clear message', async (_name, text, error) => {
    expect(await read(text)).toEqual({ ok: false, error });
  });

  it('says which code was given when it is the other one of the pair', async () => {
    expect(await read(offer, ['answer'])).toEqual({ ok: false, error: 'errors.pairingWrongKind' });
    expect(await read(answer, ['offer', 'invite'])).toEqual({ ok: false, error: 'errors.pairingWrongKind' });
  });

  it("says a code of another workspace is one, without the other's key", async () => {
    expect(await read(offer, ['offer'], otherId)).toEqual({ ok: false, error: 'errors.pairingOtherWorkspace' });
    const theirs = await encodePairingCode('answer', payload, await derivePairingKeys(otherId, secret));
    expect(await read(theirs, ['answer'])).toEqual({ ok: false, error: 'errors.pairingOtherWorkspace' });
  });

  it('refuses a sealed payload that is not a description, even with the right key', async () => {
    const bad = await encodePairingCode('offer', { peerId: 'x', sdp: 'hello' }, keys);
    expect(await read(bad, ['offer'])).toEqual({ ok: false, error: 'errors.pairingDamaged' });
  });

  it('has every error in both languages', () => {
    for (const key of ['Empty', 'TooLong', 'NotACode', 'Version', 'Truncated', 'WrongKind', 'OtherWorkspace', 'Damaged']) {
      expect((en.errors as Record<string, unknown>)[`pairing${key}`], key).toBeTypeOf('string');
      expect((zh.errors as Record<string, unknown>)[`pairing${key}`], key).toBeTypeOf('string');
    }
  });
});
