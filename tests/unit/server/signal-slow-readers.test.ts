// Subscribers that stop reading (server/signal-outbox.js): what the relay queues for them stays under the
// documented ceiling, they are closed, and subscribers that read get every message. Loopback only.
import { describe, expect, it } from 'vitest';
import { SIGNAL_RELAY_DEFAULTS, type SignalRelayOptions } from '../../../server/signal.js';
import { connect, startRelay, subscriber, type Client } from './support/relay-clients';

const MESSAGE_BYTES = 60 * 1024;
const PUBLISHERS = 4;
const ROUNDS = 60; // 60 messages per publisher: within the burst of 500, so the rate limit never closes one

/** docs/sync-protocol.md, "Limits": what the relay may queue for its sockets, whatever they do. */
const ceiling = (limits: Required<Pick<SignalRelayOptions, 'maxConnections' | 'maxBufferedBytes' | 'maxTotalBufferedBytes'>>) =>
  Math.min(limits.maxTotalBufferedBytes, limits.maxConnections * limits.maxBufferedBytes);

const publishes = (client: Client) => client.received.filter((text) => text.startsWith('{"type":"publish"')).length;

async function run(options: SignalRelayOptions, slowCount: number, fastCount: number) {
  // Every client comes from 127.0.0.1: the per-address limits are another test's subject.
  const { url, relay } = await startRelay({ maxConnectionsPerIp: 1000, upgradeBurstPerIp: 1000, ...options });
  const slow: Client[] = [];
  for (let i = 0; i < slowCount; i++) slow.push(await subscriber(url, ['room']));
  // They stop reading: the relay's writes pile up in the kernel, then in the relay.
  for (const client of slow) client.ws.pause();
  const fast: Client[] = [];
  for (let i = 0; i < fastCount; i++) fast.push(await subscriber(url, ['room']));
  const publishers: Client[] = [];
  for (let i = 0; i < PUBLISHERS; i++) publishers.push(await connect(url));

  let largestBufferedAmount = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [index, publisher] of publishers.entries()) {
      publisher.send(JSON.stringify({ type: 'publish', topic: 'room', data: `${round}/${index}`.padEnd(MESSAGE_BYTES, '.') }));
    }
    // Publishers go on only as fast as the readers read: a fast reader is never far behind.
    await Promise.all(
      fast.map((client) => client.waitUntil(() => publishes(client) >= round * PUBLISHERS, `round ${round} at a fast reader`)),
    );
    largestBufferedAmount = Math.max(largestBufferedAmount, relay.usage().bufferedAmount);
  }
  return { relay, slow, fast, largestBufferedAmount };
}

describe('signalling relay: subscribers that stop reading', () => {
  it('has a per-socket and a total bound, so that the ceiling is 64 MiB', () => {
    expect(SIGNAL_RELAY_DEFAULTS).toMatchObject({ maxBufferedBytes: 1024 * 1024, maxTotalBufferedBytes: 64 * 1024 * 1024 });
    expect(ceiling(SIGNAL_RELAY_DEFAULTS)).toBe(64 * 1024 * 1024);
  });

  it('closes 40 slow readers once each has 1 MiB queued; 5 fast readers get all 240 messages of 60 KB', async () => {
    const { relay, fast, largestBufferedAmount } = await run({}, 40, 5);
    const usage = relay.usage();
    expect(usage.slowReadersClosed).toBe(40);
    // 1 MiB at most for each slow reader, plus the one round a fast reader may not have read yet
    // (publishers wait for every fast reader before the next round; 1 KiB per message covers the
    // JSON envelope and frame header), and never past the ceiling.
    const round = PUBLISHERS * (MESSAGE_BYTES + 1024);
    expect(usage.peakQueuedBytes).toBeLessThanOrEqual(40 * SIGNAL_RELAY_DEFAULTS.maxBufferedBytes + 5 * round);
    expect(usage.peakQueuedBytes).toBeLessThanOrEqual(ceiling(SIGNAL_RELAY_DEFAULTS));
    expect(largestBufferedAmount).toBeLessThanOrEqual(ceiling(SIGNAL_RELAY_DEFAULTS));
    for (const client of fast) expect(publishes(client)).toBe(PUBLISHERS * ROUNDS);
    expect(relay.stats()).toEqual({ connections: PUBLISHERS + 5, topics: 1 });
  }, 60_000);

  it('past the total bound, closes the longest queues first and keeps the readers that read', async () => {
    const limits = { maxConnections: 1000, maxBufferedBytes: 1024 * 1024, maxTotalBufferedBytes: 2 * 1024 * 1024 };
    const { relay, fast, largestBufferedAmount } = await run(limits, 40, 5);
    const usage = relay.usage();
    expect(usage.slowReadersClosed).toBe(40);
    expect(usage.peakQueuedBytes).toBeLessThanOrEqual(ceiling(limits));
    expect(largestBufferedAmount).toBeLessThanOrEqual(ceiling(limits));
    for (const client of fast) expect(publishes(client)).toBe(PUBLISHERS * ROUNDS);
    expect(relay.stats()).toEqual({ connections: PUBLISHERS + 5, topics: 1 });
    // what is still queued is what the fast readers have not read yet
    expect(usage.queuedBytes).toBeLessThanOrEqual(5 * PUBLISHERS * (MESSAGE_BYTES + 100));
  }, 60_000);
});
