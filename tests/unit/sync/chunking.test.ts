import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FrameAssembler, MAX_FRAME_BYTES, splitIntoFrames, type ReassemblyProblem } from '../../../src/sync/chunked-channel';

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
