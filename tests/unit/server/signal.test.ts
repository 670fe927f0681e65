// The signalling relay (server/signal.js), over real sockets on 127.0.0.1.
import { describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { SIGNAL_RELAY_DEFAULTS } from '../../../server/signal.js';
import { WAIT_MS, connect, parse, relayed, startRelay, subscriber, within } from './support/relay-clients';

describe('signalling relay: protocol', () => {
  it('answers {type:"ping"} with {type:"pong"}', async () => {
    const { url } = await startRelay();
    const client = await connect(url);
    client.send({ type: 'ping' });
    await client.waitFor((m) => m.type === 'pong', 'pong');
    expect(client.received).toEqual(['{"type":"pong"}']);
  });

  it('forwards a publish verbatim to every subscriber of the topic, the sender included, adding clients', async () => {
    const { url } = await startRelay();
    const a = await subscriber(url, ['room-1']);
    const b = await subscriber(url, ['room-1', 'room-2']);
    const c = await subscriber(url, ['room-2']);
    const [aFrom, bFrom] = [a.received.length, b.received.length];
    const text = '{"type":"publish", "topic":"room-1","data":"bG9yZW0=","extra":[1,{"x":null}]} \n';
    a.send(text);
    const expected = '{"type":"publish", "topic":"room-1","data":"bG9yZW0=","extra":[1,{"x":null}],"clients":2}';
    expect(await b.waitFor((m) => m.type === 'publish', 'publish at b', bFrom)).toBe(expected);
    expect(await a.waitFor((m) => m.type === 'publish', 'publish at a', aFrom)).toBe(expected);
    await c.roundTrip();
    expect(c.received.map(parse).filter((m) => m.type === 'publish')).toEqual([]);
  });

  it('sets clients to the subscriber count even when the publisher sent its own', async () => {
    const { url } = await startRelay();
    const a = await subscriber(url, ['t']);
    const from = a.received.length;
    a.send({ type: 'publish', topic: 't', clients: 999, data: 'x' });
    const message = parse(await a.waitFor((m) => m.type === 'publish', 'publish', from));
    expect(message).toEqual({ type: 'publish', topic: 't', data: 'x', clients: 1 });
  });

  it('lets a connection that is not subscribed publish (as y-webrtc servers do)', async () => {
    const { url } = await startRelay();
    const b = await subscriber(url, ['t']);
    const a = await connect(url);
    const text = JSON.stringify({ type: 'publish', topic: 't', data: { type: 'announce', from: 'a' } });
    a.send(text);
    expect(await b.waitFor((m) => m.type === 'publish', 'publish')).toBe(relayed(text, 1));
  });

  it('delivers once per subscriber even if a topic is subscribed twice', async () => {
    const { url, relay } = await startRelay();
    const a = await subscriber(url, ['t', 't']);
    a.send({ type: 'subscribe', topics: ['t'] });
    const from = a.received.length;
    a.send({ type: 'publish', topic: 't', data: 1 });
    await a.roundTrip();
    expect(a.received.slice(from).map(parse)).toEqual([{ type: 'publish', topic: 't', data: 1, clients: 1 }, { type: 'pong' }]);
    expect(relay.stats()).toEqual({ connections: 1, topics: 1 });
  });

  it('unsubscribe stops delivery and forgets a topic nobody is left in', async () => {
    const { url, relay } = await startRelay();
    const a = await subscriber(url, ['t', 'u']);
    const b = await subscriber(url, ['t']);
    b.send({ type: 'unsubscribe', topics: ['t'] });
    await b.roundTrip();
    const [aFrom, bFrom] = [a.received.length, b.received.length];
    a.send({ type: 'publish', topic: 't', data: 1 });
    expect(parse(await a.waitFor((m) => m.type === 'publish', 'publish', aFrom)).clients).toBe(1);
    await b.roundTrip();
    expect(b.received.slice(bFrom).map(parse)).toEqual([{ type: 'pong' }]);
    expect(relay.stats()).toEqual({ connections: 2, topics: 2 });
    a.send({ type: 'unsubscribe', topics: ['t', 'u', 'never-subscribed'] });
    await a.roundTrip();
    expect(relay.stats()).toEqual({ connections: 2, topics: 0 });
  });

  it('treats names like __proto__ as ordinary topic names', async () => {
    const { url, relay } = await startRelay();
    const a = await subscriber(url, ['__proto__', 'constructor', 'hasOwnProperty']);
    const b = await subscriber(url, ['__proto__']);
    a.send({ type: 'publish', topic: '__proto__', data: 1 });
    expect(parse(await b.waitFor((m) => m.type === 'publish', 'publish')).clients).toBe(2);
    expect(relay.stats()).toEqual({ connections: 2, topics: 3 });
  });
});

describe('signalling relay: upgrades', () => {
  it.each(['/', '/signalx', '/signal/', '/signal/extra', '/other', '/assets/signal'])('refuses an upgrade to %s with 404', async (path) => {
    const { origin, relay } = await startRelay();
    await expect(connect(`${origin}${path}`)).rejects.toThrow('HTTP 404');
    expect(relay.stats().connections).toBe(0);
  });

  it('accepts /signal with a query string', async () => {
    const { origin } = await startRelay();
    const client = await connect(`${origin}/signal?room=abc`);
    await client.roundTrip();
  });

  it('refuses upgrades past maxConnections with 503 and accepts again once one closes', async () => {
    const { url, relay } = await startRelay({ maxConnections: 2 });
    const first = await connect(url);
    await connect(url);
    await expect(connect(url)).rejects.toThrow('HTTP 503');
    first.ws.close();
    await vi.waitFor(() => expect(relay.stats().connections).toBe(1), { timeout: WAIT_MS });
    const again = await connect(url);
    await again.roundTrip();
  });
});

describe('signalling relay: nothing kept after disconnect', () => {
  it('empties the topic map once every client has gone, however they went', async () => {
    const { url, relay } = await startRelay();
    const a = await subscriber(url, ['shared', 'a-only', 'a-and-b']);
    const b = await subscriber(url, ['shared', 'a-and-b', 'b-only']);
    const c = await subscriber(url, ['shared', 'c-only']);
    const d = await subscriber(url, ['shared']);
    expect(relay.stats()).toEqual({ connections: 4, topics: 5 });

    a.ws.close(); // clean close handshake
    await vi.waitFor(() => expect(relay.stats()).toEqual({ connections: 3, topics: 4 }), { timeout: WAIT_MS });
    b.ws.terminate(); // TCP connection dropped without a close frame
    await vi.waitFor(() => expect(relay.stats()).toEqual({ connections: 2, topics: 2 }), { timeout: WAIT_MS });

    // the survivors still talk to each other, and to nobody who left
    const from = d.received.length;
    c.send({ type: 'publish', topic: 'shared', data: 1 });
    expect(parse(await d.waitFor((m) => m.type === 'publish', 'publish', from)).clients).toBe(2);

    c.ws.close(1000);
    d.ws.terminate();
    await vi.waitFor(() => expect(relay.stats()).toEqual({ connections: 0, topics: 0 }), { timeout: WAIT_MS });
  });

  it('close() closes every socket with 1001, forgets everything and refuses new upgrades', async () => {
    const { url, relay } = await startRelay();
    const a = await subscriber(url, ['t']);
    const b = await subscriber(url, ['t', 'u']);
    await relay.close();
    expect(relay.stats()).toEqual({ connections: 0, topics: 0 });
    expect((await within(a.closed, 'a closed')).code).toBe(1001);
    expect((await within(b.closed, 'b closed')).code).toBe(1001);
    await expect(connect(url)).rejects.toThrow();
    await relay.close(); // a second close is harmless
  });
});

describe('signalling relay: limits', () => {
  it('has the documented defaults', () => {
    expect(SIGNAL_RELAY_DEFAULTS).toMatchObject({
      path: '/signal',
      maxPayload: 64 * 1024,
      maxTopicsPerConnection: 32,
      maxTopicLength: 256,
      maxConnections: 1000,
      messagesPerSecond: 100,
      messageBurst: 500,
      pingIntervalMs: 30_000,
    });
  });

  it('relays a burst of messages, then closes a connection that goes on faster than 100 a second with 1008', async () => {
    const { url, relay } = await startRelay();
    const a = await subscriber(url, ['t']);
    const b = await subscriber(url, ['t']);
    const publishes = () => b.received.filter((m) => m.includes('"type":"publish"')).length;
    // Within the burst of 500 (subscribing took two).
    for (let i = 0; i < 480; i++) a.send(JSON.stringify({ type: 'publish', topic: 't', n: i }));
    await vi.waitFor(() => expect(publishes()).toBe(480), { timeout: WAIT_MS });
    for (let i = 0; i < 100; i++) a.send(JSON.stringify({ type: 'publish', topic: 't', n: 480 + i }));
    expect((await within(a.closed, 'a closed')).code).toBe(1008);
    // The others stay connected, and what came past the allowance never reached them.
    await vi.waitFor(() => expect(relay.stats()).toEqual({ connections: 1, topics: 1 }), { timeout: WAIT_MS });
    expect(publishes()).toBeLessThan(580);
    await b.roundTrip();
  });

  it('gives messages back at messagesPerSecond', async () => {
    // The allowance comes back on the monotonic clock, which only the test moves; sockets stay real.
    vi.useFakeTimers({ toFake: ['performance'] });
    const { url } = await startRelay({ messagesPerSecond: 50, messageBurst: 5 });
    const a = await connect(url);
    const pongs = () => a.received.filter((m) => m.includes('pong')).length;
    for (let round = 1; round <= 3; round++) {
      for (let i = 0; i < 5; i++) a.send(JSON.stringify({ type: 'ping' }));
      // The relay answered every ping of this round: the whole burst is spent. (Not vi.waitFor:
      // under fake timers it moves the clock while it waits.)
      await a.waitUntil(() => pongs() === 5 * round, `the pongs of round ${round}`);
      vi.advanceTimersByTime(100); // exactly 5 messages' worth
    }
    expect(a.ws.readyState).toBe(a.ws.OPEN);
  });

  /** A publish to `topic` whose JSON text is exactly `bytes` long. */
  const publishOfSize = (topic: string, bytes: number) => {
    const empty = JSON.stringify({ type: 'publish', topic, data: '' });
    return JSON.stringify({ type: 'publish', topic, data: 'x'.repeat(bytes - empty.length) });
  };

  it('relays a 64 KiB message; a larger one closes that connection only, with 1009', async () => {
    const { url, relay } = await startRelay();
    const a = await subscriber(url, ['t']);
    const b = await subscriber(url, ['t']);
    const big = publishOfSize('t', 64 * 1024);
    expect(Buffer.byteLength(big)).toBe(65536);
    a.send(big);
    expect(await b.waitFor((m) => m.type === 'publish', 'publish of 64 KiB')).toBe(relayed(big, 2));

    const from = b.received.length;
    a.send(publishOfSize('t', 64 * 1024 + 1));
    expect((await within(a.closed, 'a closed')).code).toBe(1009);
    await vi.waitFor(() => expect(relay.stats()).toEqual({ connections: 1, topics: 1 }), { timeout: WAIT_MS });

    const c = await connect(url);
    const text = JSON.stringify({ type: 'publish', topic: 't', data: 'after' });
    c.send(text);
    expect(await b.waitFor((m) => m.type === 'publish', 'publish after the oversized one', from)).toBe(relayed(text, 1));
    expect(b.received.slice(from)).toEqual([relayed(text, 1)]);
  });

  it('honours a configured maxPayload', async () => {
    const { url } = await startRelay({ maxPayload: 100 });
    const a = await connect(url);
    a.send(publishOfSize('t', 101));
    expect((await within(a.closed, 'a closed')).code).toBe(1009);
  });

  it('subscribes a connection to at most 32 topics; extra ones are ignored', async () => {
    const { url, relay } = await startRelay();
    const names = Array.from({ length: 40 }, (_, i) => `topic-${i}`);
    const a = await subscriber(url, names);
    expect(relay.stats().topics).toBe(32);
    a.send({ type: 'subscribe', topics: ['one-more'] });
    await a.roundTrip();
    expect(relay.stats().topics).toBe(32);

    const other = await subscriber(url, ['topic-31', 'topic-32', 'one-more']);
    for (const [topic, clients] of [['topic-31', 2], ['topic-32', 1], ['one-more', 1]] as const) {
      const from = other.received.length;
      other.send({ type: 'publish', topic, data: 0 });
      expect(parse(await other.waitFor((m) => m.type === 'publish', `publish to ${topic}`, from)).clients).toBe(clients);
    }

    a.send({ type: 'unsubscribe', topics: ['topic-0'] });
    a.send({ type: 'subscribe', topics: ['one-more'] });
    await a.roundTrip();
    const from = other.received.length;
    other.send({ type: 'publish', topic: 'one-more', data: 0 });
    expect(parse(await other.waitFor((m) => m.type === 'publish', 'publish to one-more', from)).clients).toBe(2);
  });

  it('honours a configured maxTopicsPerConnection', async () => {
    const { url, relay } = await startRelay({ maxTopicsPerConnection: 2 });
    await subscriber(url, ['a', 'b', 'c']);
    expect(relay.stats().topics).toBe(2);
  });

  it('accepts topic names of up to 256 characters and ignores longer or empty ones', async () => {
    const { url, relay } = await startRelay();
    const longest = 'h'.repeat(256);
    const tooLong = 'h'.repeat(257);
    const a = await subscriber(url, [longest, tooLong, '']);
    expect(relay.stats().topics).toBe(1);
    const from = a.received.length;
    a.send({ type: 'publish', topic: tooLong, data: 0 });
    a.send({ type: 'publish', topic: '', data: 0 });
    a.send({ type: 'publish', topic: longest, data: 0 });
    const message = parse(await a.waitFor((m) => m.type === 'publish', 'publish', from));
    expect(message.topic).toBe(longest);
    await a.roundTrip();
    expect(a.received.slice(from).map(parse).filter((m) => m.type === 'publish')).toHaveLength(1);
  });
});

describe('signalling relay: heartbeat', () => {
  // Only the interval is faked: sockets, setTimeout and the rest of the event loop stay real.
  const fakeIntervals = () => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });

  it('terminates a socket that did not answer the previous ping and keeps one that did', async () => {
    fakeIntervals();
    const interval = 1000;
    const { url, relay } = await startRelay({ pingIntervalMs: interval });
    const answering = await subscriber(url, ['t']);
    const silent = await connect(url, { autoPong: false });
    silent.send({ type: 'subscribe', topics: ['t', 'silent-only'] });
    await silent.roundTrip();
    expect(relay.stats()).toEqual({ connections: 2, topics: 2 });

    vi.advanceTimersByTime(interval); // first ping to both
    await answering.waitForPing(1);
    await silent.waitForPing(1);
    await answering.roundTrip(); // its automatic pong was sent before this and has been handled
    // an application-level message is not an answer to a ping
    await silent.roundTrip();

    vi.advanceTimersByTime(interval); // the silent one is terminated, the answering one pinged again
    expect((await within(silent.closed, 'silent closed')).code).toBe(1006);
    await answering.waitForPing(2);
    // Under fake timers vi.waitFor moves the clock at each check (more pings): it stops here.
    vi.useRealTimers();
    await vi.waitFor(() => expect(relay.stats()).toEqual({ connections: 1, topics: 1 }), { timeout: WAIT_MS });
    expect(answering.ws.readyState).toBe(WebSocket.OPEN);
    await answering.roundTrip();
  });

  it('pings every 30 s by default', async () => {
    fakeIntervals();
    const { url } = await startRelay();
    const client = await connect(url);
    vi.advanceTimersByTime(29_999);
    await client.roundTrip(); // a ping sent during advance would have arrived before this pong
    expect(client.pings).toBe(0);
    vi.advanceTimersByTime(1);
    await client.waitForPing(1);
  });

  it('clears its intervals (heartbeat, idle sweep) on close(), and when the HTTP server closes', async () => {
    fakeIntervals();
    const first = await startRelay();
    expect(vi.getTimerCount()).toBe(2);
    await first.relay.close();
    expect(vi.getTimerCount()).toBe(0);

    const second = await startRelay();
    expect(vi.getTimerCount()).toBe(2);
    await new Promise<void>((resolve) => second.server.close(() => resolve()));
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('signalling relay: garbage input', () => {
  // what the attacker tries to get through, and the valid publish sent afterwards by a subscriber
  const smuggled = JSON.stringify({ type: 'publish', topic: 't', data: { type: 'announce', from: 'attacker' } });
  const valid = JSON.stringify({ type: 'publish', topic: 't', data: { type: 'announce', from: 'a' } });
  const isValid = (m: Record<string, unknown>) => m.type === 'publish' && (m.data as { from?: unknown } | undefined)?.from === 'a';
  /** A JSON array of `length` copies of `item` (choose them to stay under 64 KiB unless the row expects 1009). */
  const hugeArray = (item: unknown, length: number) => `[${Array.from({ length }, () => JSON.stringify(item)).join(',')}]`;
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  type Row = [name: string, frame: string | Buffer, binary: boolean, outcome: 'ignored' | number];
  const rows: Row[] = [
    ['binary frame', Buffer.from([0, 1, 2, 255]), true, 'ignored'],
    ['binary frame holding a valid publish', Buffer.from(smuggled), true, 'ignored'],
    ['binary frame holding a ping', Buffer.from('{"type":"ping"}'), true, 'ignored'],
    ['empty text', '', false, 'ignored'],
    ['whitespace', ' \n', false, 'ignored'],
    ['not JSON', 'hello relay', false, 'ignored'],
    ['truncated JSON', smuggled.slice(0, -1), false, 'ignored'],
    ['JSON with a trailing comma', '{"type":"publish","topic":"t",}', false, 'ignored'],
    ['number', '42', false, 'ignored'],
    ['string', '"publish"', false, 'ignored'],
    ['boolean', 'true', false, 'ignored'],
    ['null', 'null', false, 'ignored'],
    ['empty array', '[]', false, 'ignored'],
    ['array holding a publish', `[${smuggled}]`, false, 'ignored'],
    ['deeply nested arrays', nested(30_000), false, 'ignored'],
    ['empty object', '{}', false, 'ignored'],
    ['type missing', '{"topic":"t","data":1}', false, 'ignored'],
    ['type a number', '{"type":1,"topic":"t"}', false, 'ignored'],
    ['type null', '{"type":null,"topic":"t"}', false, 'ignored'],
    ['type an array', '{"type":["publish"],"topic":"t"}', false, 'ignored'],
    ['type an object', '{"type":{"toString":"publish"},"topic":"t"}', false, 'ignored'],
    ['type in capitals', '{"type":"PUBLISH","topic":"t"}', false, 'ignored'],
    ['unknown type', '{"type":"announce","topic":"t"}', false, 'ignored'],
    ['type hidden in __proto__', '{"__proto__":{"type":"publish"},"topic":"t"}', false, 'ignored'],
    ['publish without topic', '{"type":"publish","data":1}', false, 'ignored'],
    ['publish to a numeric topic', '{"type":"publish","topic":1}', false, 'ignored'],
    ['publish to a null topic', '{"type":"publish","topic":null}', false, 'ignored'],
    ['publish to an array topic', '{"type":"publish","topic":["t"]}', false, 'ignored'],
    ['publish to an object topic', '{"type":"publish","topic":{"t":1}}', false, 'ignored'],
    ['publish to an empty topic', '{"type":"publish","topic":""}', false, 'ignored'],
    ['publish to a too long topic', JSON.stringify({ type: 'publish', topic: 't'.repeat(10_000) }), false, 'ignored'],
    ['publish to a topic nobody is in', '{"type":"publish","topic":"nobody"}', false, 'ignored'],
    ['subscribe without topics', '{"type":"subscribe"}', false, 'ignored'],
    ['subscribe with topics null', '{"type":"subscribe","topics":null}', false, 'ignored'],
    ['subscribe with topics a string', '{"type":"subscribe","topics":"abc"}', false, 'ignored'],
    ['subscribe with topics array-like', '{"type":"subscribe","topics":{"0":"abc","length":1}}', false, 'ignored'],
    ['subscribe with topics that are not strings', '{"type":"subscribe","topics":[1,null,true,{},[],["abc"]]}', false, 'ignored'],
    ['subscribe with topics too long', JSON.stringify({ type: 'subscribe', topics: ['x'.repeat(257), 'y'.repeat(60_000)] }), false, 'ignored'],
    ['subscribe with a huge array of numbers', `{"type":"subscribe","topics":${hugeArray(0, 30_000)}}`, false, 'ignored'],
    ['subscribe with a huge array of empty strings', `{"type":"subscribe","topics":${hugeArray('', 20_000)}}`, false, 'ignored'],
    ['subscribe with a huge array of arrays', `{"type":"subscribe","topics":${hugeArray([], 20_000)}}`, false, 'ignored'],
    ['subscribe with deeply nested topics', `{"type":"subscribe","topics":${nested(25_000)}}`, false, 'ignored'],
    ['unsubscribe with topics a string', '{"type":"unsubscribe","topics":"t"}', false, 'ignored'],
    ['unsubscribe with topics null', '{"type":"unsubscribe","topics":null}', false, 'ignored'],
    ['unsubscribe from a topic only others are in', '{"type":"unsubscribe","topics":["t"]}', false, 'ignored'],
    ['unsubscribe with a huge array', `{"type":"unsubscribe","topics":${hugeArray('t', 15_000)}}`, false, 'ignored'],
    ['invalid UTF-8 in a text frame', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), false, 1007],
    ['a frame over 64 KiB', `{"type":"subscribe","topics":${hugeArray('abcdef', 20_000)}}`, false, 1009],
    ['a huge string', 'x'.repeat(1024 * 1024), false, 1009],
  ];

  it.each(rows)('%s: ignored or closes only that socket; the relay keeps relaying', async (_name, frame, binary, outcome) => {
    const { url, relay } = await startRelay();
    const a = await subscriber(url, ['t']);
    const b = await subscriber(url, ['t']);
    const attacker = await connect(url);
    const [aFrom, bFrom] = [a.received.length, b.received.length];

    attacker.ws.send(frame, { binary });
    if (outcome === 'ignored') {
      await attacker.roundTrip(); // the garbage has been handled
      expect(attacker.ws.readyState).toBe(WebSocket.OPEN);
      expect(attacker.received).toEqual(['{"type":"pong"}']); // the answer to its own ping, nothing else
      expect(relay.stats()).toEqual({ connections: 3, topics: 1 });
    } else {
      expect((await within(attacker.closed, 'the attacker closed')).code).toBe(outcome);
      await vi.waitFor(() => expect(relay.stats()).toEqual({ connections: 2, topics: 1 }), { timeout: WAIT_MS });
    }

    a.send(valid);
    expect(await b.waitFor(isValid, 'the valid publish at b', bFrom)).toBe(relayed(valid, 2));
    expect(await a.waitFor(isValid, 'the valid publish at a', aFrom)).toBe(relayed(valid, 2));
    // nothing the attacker sent reached the subscribers
    expect(b.received.slice(bFrom)).toEqual([relayed(valid, 2)]);
    expect(a.received.slice(aFrom)).toEqual([relayed(valid, 2)]);
  });
});

describe('signalling relay: with the real y-webrtc client', () => {
  it('carries a WebrtcProvider’s subscribe and encrypted announce, and forgets it when it is destroyed', async () => {
    const { url, relay } = await startRelay();
    vi.stubGlobal('WebSocket', WebSocket); // lib0's client uses the browser global
    const { WebrtcProvider } = await import('../../../src/sync/webrtc/y-webrtc');
    const room = 'kehu-6f1c2a9e0b'; // the app passes a derived room name, not a workspace name
    const observer = await subscriber(url, [room]);

    const doc = new Y.Doc();
    const provider = new WebrtcProvider(room, doc, { signaling: [url], password: 'workspace secret' });
    try {
      const announce = parse(await observer.waitFor((m) => m.type === 'publish' && m.topic === room, 'the provider’s announce'));
      expect(announce.clients).toBe(2);
      expect(typeof announce.data).toBe('string'); // encrypted, base64: the relay never sees peer ids or SDP
      expect(String(announce.data)).not.toContain('announce');
      expect(relay.stats()).toEqual({ connections: 2, topics: 1 });
    } finally {
      // destroy() alone unsubscribes but leaves y-webrtc's shared signalling socket open (and reconnecting)
      provider.disconnect();
      provider.destroy();
      doc.destroy();
    }
    await vi.waitFor(() => expect(relay.stats()).toEqual({ connections: 1, topics: 1 }), { timeout: WAIT_MS });
  });
});
