import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateRawSync } from 'node:zlib';
import { FrameAssembler, helloFrame, MAX_FRAME_BYTES, MAX_MESSAGE_BYTES, splitIntoFrames, type ReassemblyProblem } from '../../../src/sync/frames';
import { deflateMessage, inflateMessage } from '../../../src/sync/deflated-messages';

function collect(maxMessage?: number) {
  const messages: Uint8Array[] = [];
  const problems: ReassemblyProblem[] = [];
  const assembler = new FrameAssembler((m) => messages.push(m.slice()), (p) => problems.push(p), maxMessage);
  return { messages, problems, assembler };
}

const bytes = (n: number, seed = 7) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

describe('splitIntoFrames', () => {
  it.each([0, 1, MAX_FRAME_BYTES - 1, MAX_FRAME_BYTES, MAX_FRAME_BYTES * 3 + 5, 300 * 1024, 5 * 1024 * 1024])(
    'a message of %i bytes travels in frames of at most 16 KiB and comes back whole',
    (size) => {
      const message = bytes(size);
      const frames = splitIntoFrames(message);
      expect(frames.every((f) => f.length <= MAX_FRAME_BYTES)).toBe(true);
      const { messages, problems, assembler } = collect();
      for (const f of frames) assembler.push(f);
      expect(problems).toEqual([]);
      expect(messages).toHaveLength(1);
      expect(Buffer.compare(messages[0]!, message)).toBe(0);
    },
  );

  it('reassembles any sequence of messages of any size, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40_000 }), { maxLength: 6 }), fc.integer({ min: 8, max: 4096 }), (messages, frameSize) => {
        const { messages: out, problems, assembler } = collect();
        for (const m of messages) for (const f of splitIntoFrames(m, frameSize)) assembler.push(f);
        expect(problems).toEqual([]);
        expect(out).toEqual(messages);
      }),
      { numRuns: 60 },
    );
  });
});

describe('FrameAssembler with broken input', () => {
  const big = splitIntoFrames(bytes(MAX_FRAME_BYTES * 3));
  it.each<[string, Uint8Array[], ReassemblyProblem[]]>([
    ['an empty frame', [new Uint8Array(0)], ['empty-frame']],
    ['an unknown frame kind', [Uint8Array.of(9, 1, 2)], ['unexpected-frame']],
    ['a middle frame with no start', [big[1]!], ['unexpected-frame']],
    ['a start frame without its length', [Uint8Array.of(1, 0, 0)], ['unexpected-frame']],
    ['a last frame too early', [big[0]!, big[big.length - 1]!], ['length-mismatch']],
    ['a new start before the end', [big[0]!, big[0]!], ['unexpected-frame']],
  ])('%s is reported and dropped', (_name, frames, expected) => {
    const { messages, problems, assembler } = collect();
    for (const f of frames) assembler.push(f);
    expect(problems).toEqual(expected);
    expect(messages).toEqual([]);
  });

  it('refuses a message announced larger than the limit without allocating it', () => {
    const { problems, assembler } = collect(1024);
    assembler.push(splitIntoFrames(bytes(5000), 512)[0]!);
    expect(problems).toEqual(['too-large']);
    expect(assembler.pendingBytes).toBe(0);
  });

  it('goes on working after a broken sequence', () => {
    const { messages, assembler } = collect();
    assembler.push(big[1]!);
    const ok = bytes(40_000, 3);
    for (const f of splitIntoFrames(ok)) assembler.push(f);
    expect(messages).toEqual([ok]);
  });
});

describe('deflated messages', () => {
  /** Text-like bytes, compressible as a Yjs update of customer records is. */
  const text = (n: number) => new TextEncoder().encode(Array.from({ length: Math.ceil(n / 40) }, (_, i) => `{"name":"Customer ${i}","city":"Beijing"}`).join('').slice(0, n));

  it('come back whole from frames 5 and 6, any size, alone or between plain ones', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 200_000 }), fc.boolean()), { maxLength: 6 }), (specs) => {
        const sent = specs.map(([size, deflate]) => ({ message: text(size), deflate }));
        const { messages, problems, assembler } = collect();
        for (const { message, deflate } of sent) {
          const packed = deflate ? deflateMessage(message) : null;
          for (const f of packed ? splitIntoFrames(packed, MAX_FRAME_BYTES, true) : splitIntoFrames(message)) assembler.push(f);
        }
        expect(problems).toEqual([]);
        expect(messages.map((m) => Buffer.from(m).toString())).toEqual(sent.map((s) => Buffer.from(s.message).toString()));
      }),
      { numRuns: 40 },
    );
  });

  it('are a plain deflate-raw stream after a uint32 length, as docs/sync-protocol.md says', () => {
    const message = text(100_000);
    const packed = inflateMessage(Uint8Array.of(0, 1, 0x86, 0xa0, ...deflateRawSync(message)), MAX_MESSAGE_BYTES);
    expect(packed instanceof Uint8Array && Buffer.compare(packed, message)).toBe(0);
    expect(deflateMessage(message)!.length).toBeLessThan(message.length / 4);
  });

  it('are not worth it for bytes that do not compress', () => {
    const noise = crypto.getRandomValues(new Uint8Array(65_536));
    expect(deflateMessage(noise)).toBeNull();
  });

  it('that are broken, longer or shorter than announced, or announced too large, are dropped and reported', () => {
    const message = text(50_000);
    const good = deflateMessage(message)!;
    const withLength = (n: number) => {
      const copy = good.slice();
      new DataView(copy.buffer).setUint32(0, n);
      return copy;
    };
    const { messages, problems, assembler } = collect(60_000);
    const cases = [good.subarray(0, good.length - 10), withLength(49_999), withLength(50_001), withLength(70_000), Uint8Array.of(1, 2)];
    for (const payload of cases) for (const f of splitIntoFrames(payload, MAX_FRAME_BYTES, true)) assembler.push(f);
    expect(problems).toEqual(['bad-deflate', 'bad-deflate', 'bad-deflate', 'too-large', 'bad-deflate']);
    for (const f of splitIntoFrames(good, MAX_FRAME_BYTES, true)) assembler.push(f);
    expect(messages).toHaveLength(1);
  });

  it('a hello frame says the peer reads them, and is not a message', () => {
    const { messages, problems, assembler } = collect();
    expect(assembler.peerInflates).toBe(false);
    assembler.push(helloFrame());
    expect(assembler.peerInflates).toBe(true);
    expect(messages).toEqual([]);
    expect(problems).toEqual([]);
  });
});
