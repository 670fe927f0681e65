import { createHmac } from 'node:crypto';
import { describe, expect, it, test } from 'vitest';
import {
  CONNECTION_LIMITS,
  ConnectionProblem,
  connectionSettingsDraftSchema,
  iceUrlValid,
  mergeConnections,
  migrateDevicePrefs,
  readConnectionSettings,
  relayUrlValid,
  sameConnections,
  turnCredentialExpiry,
  turnCredentialStatus,
} from '../../../src/domain/connection-settings';

/** What a team's server mints (coturn `use-auth-secret`): username `<expiry>:<name>`, credential base64(HMAC-SHA1(secret, username)). */
function restCredential(secret: string, name: string, expiresAt: Date) {
  const username = `${Math.floor(expiresAt.getTime() / 1000)}:${name}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}

describe('addresses', () => {
  test.each([
    ['ws://192.168.1.20:8420/signal', true],
    ['wss://relay.example.org/signal', true],
    ['WSS://Relay.Example.org', true],
    ['http://relay.example.org', false],
    ['ws://a b', false],
    ['ws://', false],
    ['ws://user:pw@relay.example.org', false],
    ['', false],
    [`wss://${'a'.repeat(400)}.org`, false],
  ])('relay %s -> %s', (url, ok) => expect(relayUrlValid(url)).toBe(ok));

  test.each([
    ['stun:stun.cloudflare.com:3478', true],
    ['stun:10.0.0.1', true],
    ['turn:turn.example.org:3478?transport=udp', true],
    ['turns:turn.example.org:5349?transport=tcp', true],
    ['TURN:[2001:db8::1]:3478', true],
    ['stun:stun.example.org?transport=udp', false],
    ['stun:host:99999', false],
    ['stun:host:0', false],
    ['https://stun.example.org', false],
    ['stun://stun.example.org', false],
    ['turn:', false],
    ['turn:host?transport=sctp', false],
    ['stun:exa mple.org', false],
    ['stun:-bad.org', false],
  ])('ice %s -> %s', (url, ok) => expect(iceUrlValid(url)).toBe(ok));
});

describe('the form (draft)', () => {
  it('accepts relays and servers, one URL or a list, and stores URLs as a list', () => {
    const parsed = connectionSettingsDraftSchema.parse({
      relays: [' wss://relay.example.org/signal '],
      iceServers: [{ urls: 'stun:stun.example.org' }, { urls: ['turn:t.example.org', 'turns:t.example.org:5349'], username: 'u', credential: 'p' }],
    });
    expect(parsed).toEqual({
      relays: ['wss://relay.example.org/signal'],
      iceServers: [{ urls: ['stun:stun.example.org'] }, { urls: ['turn:t.example.org', 'turns:t.example.org:5349'], username: 'u', credential: 'p' }],
    });
  });

  it('refuses a TURN server without both username and credential (the browser would throw)', () => {
    const parsed = connectionSettingsDraftSchema.safeParse({ relays: [], iceServers: [{ urls: 'turn:t.example.org', username: 'u', credential: '' }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(ConnectionProblem.turnCredentials);
    expect(parsed.error?.issues[0]?.path).toEqual(['iceServers', 0, 'credential']);
  });

  it('keeps each relay and server once (the list is keyed by them)', () => {
    const parsed = connectionSettingsDraftSchema.parse({
      relays: ['wss://r.example.org/', 'wss://R.example.org'],
      iceServers: [{ urls: 'stun:s.example.org' }, { urls: ['stun:s.example.org'] }],
    });
    expect(parsed).toEqual({ relays: ['wss://r.example.org/'], iceServers: [{ urls: ['stun:s.example.org'] }] });
  });

  it('is bounded', () => {
    const relays = Array.from({ length: CONNECTION_LIMITS.relays + 1 }, (_, i) => `wss://r${i}.example.org`);
    expect(connectionSettingsDraftSchema.safeParse({ relays, iceServers: [] }).error?.issues[0]?.message).toBe(ConnectionProblem.tooMany);
    const long = { relays: [], iceServers: [{ urls: 'turn:t.example.org', username: 'u', credential: 'x'.repeat(CONNECTION_LIMITS.credential + 1) }] };
    expect(connectionSettingsDraftSchema.safeParse(long).error?.issues[0]?.message).toBe(ConnectionProblem.tooLong);
  });
});

describe('reading what a peer or a link gave (untrusted)', () => {
  const good = { urls: ['stun:stun.example.org'] };
  test.each<[string, unknown, { relays: string[]; iceServers: unknown[] }, Record<string, string>]>([
    ['a string', 'wss://x', { relays: [], iceServers: [] }, { '': ConnectionProblem.invalid }],
    ['null', null, { relays: [], iceServers: [] }, { '': ConnectionProblem.invalid }],
    ['an array', [1, 2], { relays: [], iceServers: [] }, { '': ConnectionProblem.invalid }],
    ['an empty object', {}, { relays: [], iceServers: [] }, {}],
    ['relays not a list', { relays: 'wss://x.org', iceServers: [good] }, { relays: [], iceServers: [good] }, { relays: ConnectionProblem.invalid }],
    ['a number among relays', { relays: [7, 'wss://ok.example.org'] }, { relays: ['wss://ok.example.org'], iceServers: [] }, { 'relays.0': ConnectionProblem.relayUrl }],
    ['an http relay', { relays: ['http://x.org'] }, { relays: [], iceServers: [] }, { 'relays.0': ConnectionProblem.relayUrl }],
    ['a server that is a string', { iceServers: ['stun:x.org', good] }, { relays: [], iceServers: [good] }, { 'iceServers.0': ConnectionProblem.invalid }],
    ['a server with an object as URL', { iceServers: [{ urls: { toString: 1 } }, good] }, { relays: [], iceServers: [good] }, { 'iceServers.0': ConnectionProblem.iceUrl }],
    ['a TURN server with no credential', { iceServers: [{ urls: 'turn:t.org', username: 'u' }] }, { relays: [], iceServers: [] }, { 'iceServers.0': ConnectionProblem.turnCredentials }],
    ['a credential that is a number', { iceServers: [{ urls: 'turn:t.org', username: 'u', credential: 5 }] }, { relays: [], iceServers: [] }, { 'iceServers.0': ConnectionProblem.invalid }],
    ['duplicates', { relays: ['wss://X.example.org/', 'wss://x.example.org'], iceServers: [good, { urls: 'stun:stun.example.org' }] }, { relays: ['wss://X.example.org/'], iceServers: [good] }, {}],
    ['unknown keys (a newer app)', { relays: [], iceServers: [], more: { deep: true } }, { relays: [], iceServers: [] }, {}],
  ])('%s', (_name, raw, settings, problems) => {
    expect(readConnectionSettings(raw)).toEqual({ settings, problems });
  });

  it('keeps the first entries within the bounds and reports the rest', () => {
    const relays = Array.from({ length: 1000 }, (_, i) => `wss://r${i}.example.org`);
    const read = readConnectionSettings({ relays });
    expect(read.settings.relays).toHaveLength(CONNECTION_LIMITS.relays);
    expect(read.problems).toEqual({ relays: ConnectionProblem.tooMany });
  });
});

describe('time-limited TURN credentials', () => {
  const now = new Date('2026-12-08T04:00:00Z');

  it('reads the expiry of a REST API username and says whether it has passed', () => {
    const fresh = restCredential('team-secret', 'kehu', new Date('2026-12-09T04:00:00Z'));
    const server = { urls: ['turn:turn.example.org:3478'], ...fresh };
    expect(connectionSettingsDraftSchema.safeParse({ relays: [], iceServers: [server] }).success).toBe(true);
    expect(turnCredentialStatus(server, now)).toEqual({ kind: 'valid', expiresAt: new Date('2026-12-09T04:00:00Z') });
    const old = { urls: ['turn:turn.example.org'], ...restCredential('team-secret', 'kehu', new Date('2026-12-01T00:00:00Z')) };
    expect(turnCredentialStatus(old, now)).toEqual({ kind: 'expired', expiresAt: new Date('2026-12-01T00:00:00Z') });
  });

  test.each([
    ['1796702400', new Date(1796702400 * 1000)],
    ['1796702400:alice', new Date(1796702400 * 1000)],
    ['alice', null],
    ['12345:alice', null],
    ['17967024001:alice', null],
    ['1796702400x', null],
    ['', null],
    [42, null],
    [undefined, null],
  ])('expiry of %j', (username, expected) => expect(turnCredentialExpiry(username)).toEqual(expected));

  it('says nothing of a long-term credential or a STUN server', () => {
    expect(turnCredentialStatus({ urls: ['turn:t.org'], username: 'alice', credential: 'pw' }, now)).toEqual({ kind: 'none' });
    expect(turnCredentialStatus({ urls: ['stun:t.org'], username: '1796702400:x', credential: 'pw' }, now)).toEqual({ kind: 'none' });
  });
});

describe('merge', () => {
  const team = { relays: ['wss://team.example.org/signal', 'ws://localhost:8420/signal/'], iceServers: [{ urls: ['stun:s.example.org'] }] };

  it('is the device relays (the app relay until it chose) then the team relays, each once', () => {
    expect(mergeConnections(team, null, 'ws://localhost:8420/signal')).toEqual({
      relays: ['ws://localhost:8420/signal', 'wss://team.example.org/signal'],
      iceServers: team.iceServers,
    });
    expect(mergeConnections(team, ['wss://mine.example.org'], 'ws://localhost:8420/signal').relays).toEqual([
      'wss://mine.example.org',
      'wss://team.example.org/signal',
      'ws://localhost:8420/signal/',
    ]);
    expect(mergeConnections({ relays: [], iceServers: [] }, null, null)).toEqual({ relays: [], iceServers: [] });
  });

  it('tells a change that connects differently from one that does not', () => {
    const a = mergeConnections(team, null, 'ws://localhost:8420/signal');
    expect(sameConnections(a, mergeConnections({ ...team }, ['ws://LOCALHOST:8420/signal/'], null))).toBe(true);
    expect(sameConnections(a, mergeConnections({ ...team, iceServers: [] }, null, 'ws://localhost:8420/signal'))).toBe(false);
  });
});

describe('moving a device’s old prefs into the workspace', () => {
  const defaultRelay = 'ws://localhost:8420/signal';

  it('moves STUN/TURN servers and non-default relays once, when the workspace has none', () => {
    expect(
      migrateDevicePrefs({ teamHasSettings: false, deviceRelays: [defaultRelay, 'ws://192.168.1.20:8420/signal'], deviceIceServers: [{ urls: 'stun:s.example.org' }], defaultRelay }),
    ).toEqual({ team: { relays: ['ws://192.168.1.20:8420/signal'], iceServers: [{ urls: ['stun:s.example.org'] }] }, deviceRelays: [defaultRelay] });
  });

  it('moves nothing when there is nothing to move, or the team has settings already (its relays stay this device’s own)', () => {
    expect(migrateDevicePrefs({ teamHasSettings: false, deviceRelays: undefined, deviceIceServers: undefined, defaultRelay })).toEqual({ team: null, deviceRelays: null });
    expect(migrateDevicePrefs({ teamHasSettings: false, deviceRelays: [defaultRelay], deviceIceServers: [], defaultRelay })).toEqual({ team: null, deviceRelays: [defaultRelay] });
    expect(
      migrateDevicePrefs({ teamHasSettings: true, deviceRelays: ['ws://192.168.1.20:8420/signal'], deviceIceServers: [{ urls: 'stun:s.example.org' }], defaultRelay }),
    ).toEqual({ team: null, deviceRelays: ['ws://192.168.1.20:8420/signal'] });
  });

  it('survives garbage prefs: invalid entries are dropped, valid ones moved', () => {
    expect(migrateDevicePrefs({ teamHasSettings: false, deviceRelays: 'nope', deviceIceServers: [null, { urls: 'stun:ok.example.org' }, { urls: 'turn:t.org' }], defaultRelay })).toEqual({
      team: { relays: [], iceServers: [{ urls: ['stun:ok.example.org'] }] },
      deviceRelays: null,
    });
  });
});
