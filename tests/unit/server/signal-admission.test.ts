// Who gets a relay connection (server/signal.js, server/signal-admission.js): per-address limits, allowed
// origins and idle connections. Addresses are loopback only: 127.0.0.2 is a second client address on Linux lo.
import { describe, expect, it, vi } from 'vitest';
import { parseAllowedOrigins } from '../../../server/signal-admission.js';
import { SIGNAL_RELAY_DEFAULTS } from '../../../server/signal.js';
import { WAIT_MS, connect, parse, startRelay, subscriber, within, type Client } from './support/relay-clients';

/** Tries `count` upgrades from one local address, `batch` at a time; the opened clients and the refusals. */
async function flood(url: string, count: number, localAddress = '127.0.0.1', batch = 100) {
  const opened: Client[] = [];
  const refusals = new Map<string, number>();
  for (let start = 0; start < count; start += batch) {
    const attempts = Array.from({ length: Math.min(batch, count - start) }, () => connect(url, { localAddress }));
    for (const result of await Promise.allSettled(attempts)) {
      if (result.status === 'fulfilled') opened.push(result.value);
      else refusals.set(String(result.reason), (refusals.get(String(result.reason)) ?? 0) + 1);
    }
  }
  return { opened, refusals };
}

/** A second address still gets in and is relayed to a subscriber of the first. */
async function secondAddressConnects(url: string, listener: Client) {
  const other = await connect(url, { localAddress: '127.0.0.2' });
  const from = listener.received.length;
  other.send({ type: 'publish', topic: 'room', data: 'from 127.0.0.2' });
  expect(parse(await listener.waitFor((m) => m.type === 'publish', 'the publish from 127.0.0.2', from)).data).toBe('from 127.0.0.2');
}

describe('signalling relay: one address cannot take every slot', () => {
  it('has per-address limits well under the relay-wide one', () => {
    expect(SIGNAL_RELAY_DEFAULTS).toMatchObject({ maxConnectionsPerIp: 64, upgradesPerSecondPerIp: 10, upgradeBurstPerIp: 40 });
    expect(SIGNAL_RELAY_DEFAULTS.maxConnectionsPerIp * 10).toBeLessThanOrEqual(SIGNAL_RELAY_DEFAULTS.maxConnections);
  });

  it('1,000 upgrades at once from one address: the first 40 get in, the rest 429; another address still connects', async () => {
    vi.useFakeTimers({ toFake: ['performance'] }); // no allowance comes back during the flood
    const { url, relay } = await startRelay();
    const { opened, refusals } = await flood(url, 1000);
    expect(opened).toHaveLength(40);
    expect(Object.fromEntries(refusals)).toEqual({ 'Error: HTTP 429': 960 });
    const listener = opened[0]!;
    listener.send({ type: 'subscribe', topics: ['room'] });
    await listener.roundTrip();
    await secondAddressConnects(url, listener);
    expect(relay.stats().connections).toBe(41);
  }, 30_000); // 1,000 handshakes: room for a busy machine, not a speed claim

  it('with upgrades allowed to come fast, 1,000 idle sockets from one address still hold only 64 slots', async () => {
    const { url, relay } = await startRelay({ upgradesPerSecondPerIp: 1e6, upgradeBurstPerIp: 1e6 });
    const { opened, refusals } = await flood(url, 1000);
    expect(opened).toHaveLength(64);
    expect(Object.fromEntries(refusals)).toEqual({ 'Error: HTTP 429': 936 });
    const listener = opened[0]!;
    listener.send({ type: 'subscribe', topics: ['room'] });
    await listener.roundTrip();
    await secondAddressConnects(url, listener);
    expect(relay.stats().connections).toBe(65);
    expect(relay.usage().trackedAddresses).toBe(2);

    // a slot given back can be taken again
    opened[1]!.ws.close();
    await vi.waitFor(() => expect(relay.stats().connections).toBe(64), { timeout: WAIT_MS });
    await connect(url);
  }, 30_000);

  it('refuses upgrades past the burst with 429 even once connections close, until the allowance comes back', async () => {
    const { url } = await startRelay({ upgradeBurstPerIp: 3, upgradesPerSecondPerIp: 0.001 });
    const first = await connect(url);
    await connect(url);
    await connect(url);
    first.ws.close();
    await within(first.closed, 'first closed');
    await expect(connect(url)).rejects.toThrow('HTTP 429');
    await connect(url, { localAddress: '127.0.0.2' });
  });

  it('counts by X-Forwarded-For only when told the proxy in front sets it', async () => {
    const forwardedFor = (address: string) => ({ headers: { 'X-Forwarded-For': `203.0.113.9, ${address}` } });
    const trusting = await startRelay({ maxConnectionsPerIp: 1, trustForwardedFor: true });
    await connect(trusting.url, forwardedFor('198.51.100.1'));
    await connect(trusting.url, forwardedFor('198.51.100.2'));
    await expect(connect(trusting.url, forwardedFor('198.51.100.1'))).rejects.toThrow('HTTP 429');

    const direct = await startRelay({ maxConnectionsPerIp: 1 });
    await connect(direct.url, forwardedFor('198.51.100.1'));
    await expect(connect(direct.url, forwardedFor('198.51.100.2'))).rejects.toThrow('HTTP 429');
  });

  it('forgets an address once it has nothing open and its allowance is full again', async () => {
    const { url, relay } = await startRelay({ idleTimeoutMs: 40, upgradesPerSecondPerIp: 1e6 });
    const client = await connect(url);
    expect(relay.usage().trackedAddresses).toBe(1);
    client.ws.close();
    await vi.waitFor(() => expect(relay.usage().trackedAddresses).toBe(0), { timeout: WAIT_MS });
  });
});

describe('signalling relay: origins', () => {
  type Row = [origin: string | undefined, host: string | undefined, allowedOrigins: string[] | undefined, outcome: 'open' | 403];
  const rows: Row[] = [
    ['https://evil.example', undefined, undefined, 403],
    ['null', undefined, undefined, 403],
    ['file://', undefined, undefined, 403],
    ['not an origin', undefined, undefined, 403],
    ['http://127.0.0.1.evil.example', undefined, undefined, 403],
    ['http://localhost.evil.example:8420', undefined, undefined, 403],
    ['https://kehu.example', 'kehu.example:8420', undefined, 403], // same name, another port
    [undefined, undefined, undefined, 'open'], // not a browser
    ['https://kehu.example', 'kehu.example', undefined, 'open'], // the page's own server, behind a TLS proxy
    ['http://Kehu.Example:8420', 'KEHU.example:8420', undefined, 'open'],
    ['http://localhost:8420', undefined, undefined, 'open'], // Kehu served on this machine, a LAN relay added
    ['http://127.0.0.1:5173', undefined, undefined, 'open'],
    ['http://[::1]:8420', undefined, undefined, 'open'],
    ['https://kehu.example', undefined, ['https://kehu.example'], 'open'],
    ['https://evil.example', undefined, ['https://kehu.example'], 403],
    ['https://evil.example', undefined, ['*'], 'open'],
  ];

  it.each(rows)('Origin %s, Host %s, allowed %j: %s', async (origin, host, allowedOrigins, outcome) => {
    const { url, relay } = await startRelay(allowedOrigins ? { allowedOrigins } : {});
    const headers: Record<string, string> = {};
    if (origin !== undefined) headers.Origin = origin;
    if (host !== undefined) headers.Host = host;
    if (outcome === 403) {
      await expect(connect(url, { headers })).rejects.toThrow('HTTP 403');
      expect(relay.stats().connections).toBe(0);
    } else {
      const client = await connect(url, { headers });
      await client.roundTrip();
    }
  });

  it('lets in a page served by this relay’s own server, under the address it was reached at', async () => {
    const { url, origin } = await startRelay();
    const client = await connect(url, { headers: { Origin: origin.replace('ws:', 'http:') } });
    await client.roundTrip();
  });

  it('reads KEHU_RELAY_ORIGINS and refuses what is not an origin', () => {
    expect(parseAllowedOrigins(undefined)).toEqual([]);
    expect(parseAllowedOrigins(' https://kehu.example, http://192.168.1.20:8420/ ')).toEqual(['https://kehu.example', 'http://192.168.1.20:8420']);
    expect(parseAllowedOrigins('*')).toEqual(['*']);
    for (const bad of ['kehu.example', 'ftp://kehu.example', 'https://kehu.example/app', 'https://']) {
      expect(() => parseAllowedOrigins(bad)).toThrow('is not an origin');
    }
  });
});

describe('signalling relay: idle connections', () => {
  it('closes a connection that sent nothing, or was subscribed to nothing, for idleTimeoutMs, pings answered or not', async () => {
    // Only intervals and the monotonic clock are faked: sockets and setTimeout stay real.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    const { url, relay } = await startRelay({ idleTimeoutMs: 1000 });
    const silent = await connect(url); // answers WebSocket pings, sends nothing
    const lurker = await subscriber(url, ['room']); // then sends nothing
    const loner = await connect(url); // pings, never subscribes
    const member = await subscriber(url, ['room']); // pings, stays subscribed
    const leaver = await subscriber(url, ['room']); // pings, unsubscribes at 500
    // who sends a ping at which time; each stops before the sweep that should close it
    const pinging = new Map([
      [500, [loner, member, leaver]],
      [1000, [member, leaver]],
      [1500, [member]],
      [2000, [member]],
    ]);

    for (let elapsed = 250; elapsed <= 2000; elapsed += 250) {
      vi.advanceTimersByTime(250);
      for (const client of pinging.get(elapsed) ?? []) await client.roundTrip();
      if (elapsed === 500) {
        leaver.send({ type: 'unsubscribe', topics: ['room'] });
        await leaver.roundTrip();
      }
      if (elapsed === 750) expect(relay.stats().connections).toBe(5); // nobody idle for 1000 yet
    }

    for (const client of [silent, lurker, loner, leaver]) {
      expect(await within(client.closed, 'an idle client closed')).toEqual({ code: 1000, reason: 'Idle' });
    }
    // Under fake timers vi.waitFor moves the clock at each check, and enough checks would make the
    // member idle too: the clock stops here (no sweep runs again) while the relay counts the closes.
    vi.useRealTimers();
    await vi.waitFor(() => expect(relay.stats()).toEqual({ connections: 1, topics: 1 }), { timeout: WAIT_MS });
    await member.roundTrip();
  });

  it('waits 60 s by default', () => {
    expect(SIGNAL_RELAY_DEFAULTS.idleTimeoutMs).toBe(60_000);
  });
});
