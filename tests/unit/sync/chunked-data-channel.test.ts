import { describe, expect, it } from 'vitest';
import { ChunkedDataChannel, type ChannelGuard } from '../../../src/sync/chunked-channel';
import { MAX_FRAME_BYTES } from '../../../src/sync/frames';
import { inlineCodec, type MessageCodec } from '../../../src/sync/message-codec';

/** Just enough of RTCDataChannel: records what is sent, lets the test drain and deliver. */
class FakeChannel {
  label = 'test';
  readyState: RTCDataChannelState = 'open';
  binaryType = 'blob';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  sent: Uint8Array[] = [];
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onbufferedamountlow: (() => void) | null = null;
  onopen: ((e: unknown) => void) | null = null;
  onclose: ((e: unknown) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  send(frame: Uint8Array) {
    this.sent.push(frame.slice());
    this.bufferedAmount += frame.length;
  }
  drain() {
    this.bufferedAmount = 0;
    this.onbufferedamountlow?.();
  }
  close() {
    this.readyState = 'closed';
  }
}

/** `hello`: whether the two sides' hello frames reach each other (otherwise neither deflates). */
function pair(guard: Partial<ChannelGuard> = {}, hello = false, codec: MessageCodec = inlineCodec) {
  const problems: string[] = [];
  const full: ChannelGuard = { rejectReason: () => null, onProblem: (p) => problems.push(p), ...guard };
  const aRaw = new FakeChannel();
  const bRaw = new FakeChannel();
  const a = new ChunkedDataChannel(aRaw as unknown as RTCDataChannel, full, codec);
  const b = new ChunkedDataChannel(bRaw as unknown as RTCDataChannel, full, codec);
  for (const [from, to] of [[aRaw, bRaw], [bRaw, aRaw]] as const) {
    for (const frame of from.sent.splice(0)) if (hello) to.onmessage?.({ data: frame.buffer.slice(0) });
    from.bufferedAmount = 0;
  }
  const received: Uint8Array[] = [];
  b.onmessage = (e) => received.push(new Uint8Array(e.data));
  /** Moves what A's real channel sent to B, draining A so its queue continues. */
  const flush = () => {
    while (aRaw.sent.length > 0) {
      for (const frame of aRaw.sent.splice(0)) bRaw.onmessage?.({ data: frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength) });
      aRaw.drain();
    }
  };
  return { a, b, aRaw, bRaw, received, problems, flush };
}

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 13) & 0xff);

describe('ChunkedDataChannel', () => {
  it('sends a 3 MiB message as frames of at most 16 KiB, never more than 1 MiB buffered, and delivers it whole', () => {
    const { a, aRaw, received, flush } = pair();
    const message = bytes(3 * 1024 * 1024);
    a.send(message);
    expect(aRaw.sent.every((f) => f.length <= MAX_FRAME_BYTES)).toBe(true);
    // Backpressure: the real channel holds at most ~1 MiB; the rest waits in the facade.
    expect(aRaw.bufferedAmount).toBeLessThanOrEqual(1024 * 1024 + MAX_FRAME_BYTES);
    expect(a.bufferedAmount).toBeGreaterThanOrEqual(message.length);
    flush();
    expect(received).toHaveLength(1);
    expect(Buffer.compare(received[0]!, message)).toBe(0);
    expect(a.bufferedAmount).toBe(0);
  });

  it('releases a message once its last frame went out, having sent the bytes it had then', () => {
    const { a, received, flush } = pair();
    const message = bytes(3 * 1024 * 1024);
    const expected = message.slice();
    let released = 0;
    a.send(message, () => released++);
    expect(released).toBe(0); // 2 MiB still wait for room in the real channel
    flush();
    expect(released).toBe(1);
    message.fill(0); // the caller may reuse it now
    expect(Buffer.compare(received[0]!, expected)).toBe(0);
  });

  it('releases what it still holds when it is closed', () => {
    const { a } = pair();
    const released: string[] = [];
    a.send(bytes(3 * 1024 * 1024), () => released.push('large'));
    a.send(bytes(10), () => released.push('small'));
    a.close();
    expect(released).toEqual(['large', 'small']);
  });

  it('sends nothing before the channel opens, then everything in order', () => {
    const { a, aRaw, received, flush } = pair();
    aRaw.readyState = 'connecting';
    a.send(bytes(10));
    a.send(bytes(40_000));
    expect(aRaw.sent).toHaveLength(0);
    aRaw.readyState = 'open';
    aRaw.onopen?.({});
    flush();
    expect(received.map((m) => m.length)).toEqual([10, 40_000]);
  });

  it('reports an update that fails to apply and keeps working', () => {
    const { a, b, received, problems, flush } = pair();
    b.onmessage = (e) => {
      const m = new Uint8Array(e.data);
      if (m[0] === 0xee) throw new Error('Unexpected end of array');
      received.push(m);
    };
    a.send(Uint8Array.of(0xee, 1, 2));
    a.send(Uint8Array.of(1, 2, 3));
    flush();
    expect(problems).toEqual(['malformed-update']);
    expect(received).toEqual([Uint8Array.of(1, 2, 3)]);
  });

  it('drops messages the guard rejects', () => {
    const { a, received, problems, flush } = pair({ rejectReason: (m) => (m[0] === 9 ? 'oversized-update' : null) });
    a.send(Uint8Array.of(9, 9));
    a.send(Uint8Array.of(1));
    flush();
    expect(problems).toEqual(['oversized-update']);
    expect(received).toEqual([Uint8Array.of(1)]);
  });

  it('lets an interceptor answer a message instead of y-webrtc', () => {
    const answers: number[] = [];
    const { a, received, flush } = pair({
      intercept: (m, channel) => {
        if (m[0] !== 7) return false;
        answers.push(m.length);
        expect(channel.readyState).toBe('open');
        return true;
      },
    });
    a.send(Uint8Array.of(7, 0));
    a.send(Uint8Array.of(1));
    flush();
    expect(answers).toEqual([2]);
    expect(received).toEqual([Uint8Array.of(1)]);
  });

  it('sends an interceptor answer at once, even pieces that look like updates', () => {
    const { a, b, bRaw, flush } = pair({
      intercept: (m, channel) => {
        if (m[1] !== 0) return false;
        channel.send(Uint8Array.of(0, 2, 1, 5)); // the first piece of an answer to sync step 1
        return true;
      },
    });
    b.onmessage = () => {};
    a.send(Uint8Array.of(0, 0, 1, 0));
    flush();
    expect(bRaw.sent).toHaveLength(1);
  });

  it('lets a guard apply an update itself; what that re-broadcasts does not go back to the sender', () => {
    const applied: number[][] = [];
    const { a, b, bRaw, received, flush } = pair({
      apply: (m) => {
        if (m[1] !== 2) return false;
        applied.push([...m]);
        b.send(m); // y-webrtc's re-broadcast of the applied update
        return true;
      },
    });
    a.send(Uint8Array.of(0, 2, 1, 5));
    flush();
    expect(applied).toEqual([[0, 2, 1, 5]]);
    expect(received).toEqual([]);
    expect(bRaw.sent).toEqual([]);
  });

  it('does not echo an update back to the peer it came from, but answers it and forwards to others', () => {
    const { a, b, bRaw, flush } = pair();
    const other = new FakeChannel();
    const otherChannel = new ChunkedDataChannel(other as unknown as RTCDataChannel, { rejectReason: () => null, onProblem: () => {} });
    other.sent = []; // its hello
    b.onmessage = () => {
      b.send(Uint8Array.of(0, 2, 1, 5)); // the re-broadcast of the applied update: dropped for A
      otherChannel.send(Uint8Array.of(0, 2, 1, 5)); // forwarded to another peer
      b.send(Uint8Array.of(1, 0)); // an awareness reply: sent
    };
    a.send(Uint8Array.of(0, 2, 1, 5));
    flush();
    expect(bRaw.sent.map((f) => [...f])).toEqual([[0, 1, 0]]);
    expect(other.sent).toHaveLength(1);
  });
});

describe('ChunkedDataChannel deflating', () => {
  const text = (n: number) => new TextEncoder().encode(`{"name":"王建国","city":"Beijing"}`.repeat(Math.ceil(n / 34)).slice(0, n));

  it('sends its hello first, before anything else, even on a channel that opens later', () => {
    const raw = new FakeChannel();
    raw.readyState = 'connecting';
    const channel = new ChunkedDataChannel(raw as unknown as RTCDataChannel, { rejectReason: () => null, onProblem: () => {} });
    channel.send(Uint8Array.of(0, 0, 1, 0));
    raw.readyState = 'open';
    raw.onopen?.({});
    expect(raw.sent.map((f) => f[0])).toEqual([4, 0]);
  });

  it('deflates large messages to a peer that said hello, and never to one that did not', () => {
    const message = text(300 * 1024);
    for (const hello of [true, false]) {
      const { a, aRaw, received, problems, flush } = pair({}, hello);
      a.send(message);
      a.send(Uint8Array.of(0, 2, 1, 5)); // small: plain either way
      const kinds = aRaw.sent.map((f) => f[0]);
      const sentBytes = aRaw.sent.reduce((n, f) => n + f.length, 0);
      flush();
      expect(problems).toEqual([]);
      expect(received.map((m) => m.length)).toEqual([message.length, 4]);
      expect(Buffer.compare(received[0]!, message)).toBe(0);
      if (hello) {
        expect([5, 6]).toContain(kinds[0]);
        expect(kinds.at(-1)).toBe(0);
        expect(sentBytes).toBeLessThan(message.length / 4);
      } else {
        expect(kinds.filter((k) => k === undefined || k >= 4)).toEqual([]);
        expect(sentBytes).toBeGreaterThan(message.length);
      }
    }
  });
});

/**
 * Resolves once every promise in `given` has settled. The channel takes each codec answer with
 * then() when it asks, before this looks at it: when this resumes, the channel has used them all.
 */
async function used(given: Promise<unknown>[]) {
  await Promise.allSettled(given.splice(0));
}

/** A codec that answers only when the test says so, as a worker answers some time later. */
function laterCodec() {
  const waiting: (() => void)[] = [];
  const given: Promise<unknown>[] = [];
  const later = <T>(work: () => T) => {
    const answer = new Promise<T>((resolve) => waiting.push(() => resolve(work())));
    given.push(answer);
    return answer;
  };
  const codec: MessageCodec = {
    deflate: (message) => later(() => inlineCodec.deflate(message) as Uint8Array | null),
    inflate: (payload, max) => later(() => inlineCodec.inflate(payload, max) as Awaited<ReturnType<MessageCodec['inflate']>>),
  };
  /** Answers every request so far, and resolves once the channels have used the answers. */
  const release = async () => {
    while (waiting.length) waiting.shift()!();
    await used(given);
  };
  return { codec, release, pending: () => waiting.length };
}

describe('ChunkedDataChannel with a codec that answers later (a worker)', () => {
  const text = (n: number) => new TextEncoder().encode(`{"name":"王建国","city":"Beijing"}`.repeat(Math.ceil(n / 34)).slice(0, n));

  it('sends what follows a message being deflated after it, and counts it as buffered meanwhile', async () => {
    const { codec, release } = laterCodec();
    const { a, aRaw, received, problems, flush } = pair({}, true, codec);
    const large = text(200_000);
    a.send(large);
    a.send(Uint8Array.of(0, 2, 1, 5));
    expect(aRaw.sent).toEqual([]);
    expect(a.bufferedAmount).toBeGreaterThanOrEqual(large.length);
    await release();
    expect([5, 6]).toContain(aRaw.sent[0]![0]);
    flush();
    await release(); // B inflates
    expect(problems).toEqual([]);
    expect(received.map((m) => m.length)).toEqual([large.length, 4]);
    expect(Buffer.compare(received[0]!, large)).toBe(0);
    expect(a.bufferedAmount).toBe(0);
  });

  it('releases a message being deflated only once the codec answered and its frames went out', async () => {
    const { codec, release } = laterCodec();
    const { a, received, problems, flush } = pair({}, true, codec);
    const large = text(200_000);
    const expected = large.slice();
    let released = 0;
    a.send(large, () => released++);
    expect(released).toBe(0); // the codec still reads it
    await release();
    expect(released).toBe(1);
    large.fill(0);
    flush();
    await release(); // B inflates
    expect(problems).toEqual([]);
    expect(Buffer.compare(received[0]!, expected)).toBe(0);
  });

  it('delivers what arrives after a message being inflated after it, in order', async () => {
    const { codec, release, pending } = laterCodec();
    const { a, b, aRaw, bRaw, received, flush } = pair({}, true, codec);
    const messages = [text(100_000), Uint8Array.of(0, 2, 1, 5), text(70_000), Uint8Array.of(0, 2, 1, 6)];
    for (const m of messages) a.send(m);
    await release(); // A deflates both large ones
    flush();
    expect(pending()).toBe(2); // B is inflating both
    expect(received).toEqual([]);
    await release();
    expect(received.map((m) => Buffer.from(m).toString('hex'))).toEqual(messages.map((m) => Buffer.from(m).toString('hex')));
    // Nothing was lost or left waiting on either side.
    expect([aRaw.sent.length, bRaw.sent.length, a.bufferedAmount, b.bufferedAmount]).toEqual([0, 0, 0, 0]);
  });

  it('drops a deflated message that cannot be inflated, reports it, and delivers the next', async () => {
    const failed: Promise<unknown>[] = [];
    const failing: MessageCodec = {
      deflate: inlineCodec.deflate,
      inflate: () => {
        const answer = Promise.reject(new Error('worker gone'));
        failed.push(answer);
        return answer;
      },
    };
    const { a, received, problems, flush } = pair({}, true, failing);
    a.send(text(100_000));
    a.send(Uint8Array.of(0, 2, 1, 5));
    flush();
    expect(failed).toHaveLength(1);
    await used(failed);
    expect(problems).toEqual(['bad-deflate']);
    expect(received).toEqual([Uint8Array.of(0, 2, 1, 5)]);
  });

  it('sends nothing of a message whose deflating ends after the channel closed', async () => {
    const { codec, release } = laterCodec();
    const { a, aRaw } = pair({}, true, codec);
    a.send(text(100_000));
    a.close();
    aRaw.readyState = 'open'; // even if the real channel still said open
    await release();
    expect(aRaw.sent).toEqual([]);
    expect(a.bufferedAmount).toBe(0);
  });
});

describe('ChunkedDataChannel.lastHeardAt', () => {
  it('moves when a frame arrives, so a connection that carries nothing can be told apart', () => {
    const { a, b, flush } = pair();
    b.lastHeardAt = 0;
    a.send(bytes(10));
    expect(b.lastHeardAt).toBe(0);
    flush();
    expect(b.lastHeardAt).toBeGreaterThan(0);
  });
});

describe('ChunkedDataChannel.askedAt', () => {
  it('is set when a sync step 1 leaves and cleared when the answer ends with a sync step 2', () => {
    const { a, b, flush, aRaw, bRaw } = pair();
    const toA = () => {
      for (const frame of bRaw.sent.splice(0)) aRaw.onmessage?.({ data: frame.buffer.slice(0) });
    };
    expect(a.askedAt).toBeNull();
    a.send(Uint8Array.of(0, 0, 1, 0)); // sync step 1: "here is my state vector"
    expect(a.askedAt).toBeGreaterThan(0);
    a.send(Uint8Array.of(0, 2, 1, 5)); // an update on the way does not count as the answer
    expect(a.askedAt).toBeGreaterThan(0);
    b.onmessage = () => {};
    flush();
    // B answers: pieces as updates, then the step 2 that ends the answer.
    b.send(Uint8Array.of(0, 2, 1, 5));
    a.onmessage = () => {};
    toA();
    expect(a.askedAt).toBeGreaterThan(0);
    b.send(Uint8Array.of(0, 1, 1, 0));
    toA();
    expect(a.askedAt).toBeNull();
  });
});
