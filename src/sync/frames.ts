/**
 * The frames of a chunked data channel (docs/sync-protocol.md, "Chunking"):
 *   byte 0: 0 = whole message, 1 = first frame (bytes 1..4: total length, uint32 BE), 2 = middle, 3 = last,
 *   4 = hello, 5 and 6 = as 0 and 1 for a deflated message; then the payload bytes. Messages are
 *   sent one after another on an ordered, reliable channel, so frames of two messages never interleave.
 */
import { HELLO_TEXT, type Inflated } from './deflated-messages';
import { inlineCodec, type MessageCodec } from './message-codec';

export const MAX_FRAME_BYTES = 16 * 1024;
export const MAX_MESSAGE_BYTES = 512 * 1024 * 1024;

const WHOLE = 0;
const FIRST = 1;
const MIDDLE = 2;
const LAST = 3;
const HELLO = 4;
const WHOLE_DEFLATED = 5;
const FIRST_DEFLATED = 6;

/** The hello frame each side sends first: a peer that never sends one gets no deflated message. */
export function helloFrame(): Uint8Array {
  const text = new TextEncoder().encode(HELLO_TEXT);
  const frame = new Uint8Array(text.length + 1);
  frame[0] = HELLO;
  frame.set(text, 1);
  return frame;
}

/** What a channel sends frame by frame: `next` writes the next frame into `into` (a scratch array the send copies from). */
export interface FrameSource {
  /** The bytes of the frames not written yet. */
  readonly bytes: number;
  readonly done: boolean;
  next(into: Uint8Array): Uint8Array;
}

/**
 * The frames of one message, written one at a time when the channel has room for them: built
 * ahead of time, a large answer's frames were another ArrayBuffer each, and ArrayBuffers count
 * against the page's heap limit (see message-buffers.ts).
 */
export class MessageFrames implements FrameSource {
  /** Payload bytes written so far; -1 until the first frame is. */
  #at = -1;
  /** The message fits in one frame. */
  readonly #whole: boolean;
  bytes: number;

  constructor(
    readonly message: Uint8Array,
    readonly deflated = false,
    readonly maxFrame = MAX_FRAME_BYTES,
  ) {
    this.#whole = message.length + 1 <= maxFrame;
    const rest = this.#whole ? 0 : message.length - (maxFrame - 5);
    this.bytes = this.#whole ? message.length + 1 : maxFrame + rest + Math.ceil(rest / (maxFrame - 1));
  }

  get done(): boolean {
    return this.#at >= this.message.length;
  }

  next(into: Uint8Array): Uint8Array {
    const { message, maxFrame } = this;
    let length: number;
    if (this.#at < 0 && this.#whole) {
      into[0] = this.deflated ? WHOLE_DEFLATED : WHOLE;
      into.set(message, 1);
      length = message.length + 1;
      this.#at = message.length;
    } else if (this.#at < 0) {
      into[0] = this.deflated ? FIRST_DEFLATED : FIRST;
      new DataView(into.buffer, into.byteOffset, 5).setUint32(1, message.length);
      into.set(message.subarray(0, maxFrame - 5), 5);
      length = maxFrame;
      this.#at = maxFrame - 5;
    } else {
      const part = message.subarray(this.#at, Math.min(this.#at + maxFrame - 1, message.length));
      this.#at += part.length;
      into[0] = this.done ? LAST : MIDDLE;
      into.set(part, 1);
      length = part.length + 1;
    }
    this.bytes -= length;
    return into.subarray(0, length);
  }
}

/** A frame that is ready as it is (the hello). */
export class ReadyFrame implements FrameSource {
  done = false;
  constructor(readonly frame: Uint8Array) {}
  get bytes(): number {
    return this.done ? 0 : this.frame.length;
  }
  next(): Uint8Array {
    this.done = true;
    return this.frame;
  }
}

/** Every frame of a message, each in its own array. */
export function splitIntoFrames(message: Uint8Array, maxFrame = MAX_FRAME_BYTES, deflated = false): Uint8Array[] {
  const frames = new MessageFrames(message, deflated, maxFrame);
  const scratch = new Uint8Array(maxFrame);
  const out: Uint8Array[] = [];
  while (!frames.done) out.push(frames.next(scratch).slice());
  return out;
}

export type ReassemblyProblem = 'unexpected-frame' | 'too-large' | 'length-mismatch' | 'empty-frame' | 'bad-deflate';

/** A message on its way to delivery: its bytes or its problem once known. */
type Slot = { done: false } | { done: true; result: Uint8Array | ReassemblyProblem };

/**
 * Reassembles frames in order; a broken sequence is dropped and reported, the channel goes on.
 * Messages are delivered in the order they arrived, also when a deflated one is still being
 * inflated (the codec may answer later): what follows it waits.
 */
export class FrameAssembler {
  #buffer: Uint8Array | null = null;
  #filled = 0;
  #deflated = false;
  /** Messages still being inflated, and those waiting behind them. */
  #inbox: Slot[] = [];
  /** True once the peer said (in a hello) that it reads deflated messages. */
  peerInflates = false;

  constructor(
    private readonly onMessage: (message: Uint8Array) => void,
    private readonly onProblem: (problem: ReassemblyProblem) => void,
    private readonly maxMessage = MAX_MESSAGE_BYTES,
    private readonly codec: MessageCodec = inlineCodec,
  ) {}

  get pendingBytes(): number {
    return this.#buffer ? this.#filled : 0;
  }

  push(frame: Uint8Array): void {
    if (frame.length === 0) return this.onProblem('empty-frame');
    const kind = frame[0];
    const payload = frame.subarray(1);
    if (kind === HELLO) {
      this.peerInflates = new TextDecoder().decode(payload).split(',').includes(HELLO_TEXT);
      return;
    }
    if (kind === WHOLE || kind === WHOLE_DEFLATED) {
      if (this.#buffer) this.#fail('unexpected-frame');
      return this.#deliver(payload, kind === WHOLE_DEFLATED);
    }
    if (kind === FIRST || kind === FIRST_DEFLATED) {
      if (this.#buffer) this.#fail('unexpected-frame');
      if (frame.length < 5) return this.onProblem('unexpected-frame');
      const total = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(1);
      if (total > this.maxMessage) return this.onProblem('too-large');
      this.#buffer = new Uint8Array(total);
      this.#filled = 0;
      this.#deflated = kind === FIRST_DEFLATED;
      return this.#append(frame.subarray(5), false);
    }
    if (kind === MIDDLE || kind === LAST) {
      if (!this.#buffer) return this.onProblem('unexpected-frame');
      return this.#append(payload, kind === LAST);
    }
    this.#fail('unexpected-frame');
  }

  #append(part: Uint8Array, last: boolean) {
    const buffer = this.#buffer!;
    if (this.#filled + part.length > buffer.length) return this.#fail('length-mismatch');
    buffer.set(part, this.#filled);
    this.#filled += part.length;
    if (last) {
      if (this.#filled !== buffer.length) return this.#fail('length-mismatch');
      this.#buffer = null;
      this.#deliver(buffer, this.#deflated);
    }
  }

  #deliver(payload: Uint8Array, deflated: boolean) {
    if (!deflated) return this.#arrived(payload);
    const inflated = this.codec.inflate(payload, this.maxMessage);
    if (!(inflated instanceof Promise)) return this.#arrived(asResult(inflated));
    const slot: Slot = { done: false };
    this.#inbox.push(slot);
    const settle = (result: Uint8Array | ReassemblyProblem) => {
      Object.assign(slot, { done: true, result });
      this.#drain();
    };
    inflated.then((value) => settle(asResult(value)), () => settle('bad-deflate'));
  }

  /** A message (or its problem) whose turn may have to wait for an earlier one still inflating. */
  #arrived(result: Uint8Array | ReassemblyProblem) {
    if (this.#inbox.length === 0) return this.#emit(result);
    this.#inbox.push({ done: true, result });
  }

  #drain() {
    while (this.#inbox[0]?.done) {
      const slot = this.#inbox.shift() as Extract<Slot, { done: true }>;
      // Run from a promise: a throw would otherwise leave every later message waiting.
      try {
        this.#emit(slot.result);
      } catch (error) {
        console.error('a sync message failed', error);
      }
    }
  }

  #emit(result: Uint8Array | ReassemblyProblem) {
    if (typeof result === 'string') this.onProblem(result);
    else this.onMessage(result);
  }

  #fail(problem: ReassemblyProblem) {
    this.#buffer = null;
    this.#filled = 0;
    this.onProblem(problem);
  }
}

function asResult(inflated: Inflated): Uint8Array | ReassemblyProblem {
  return inflated === null ? 'bad-deflate' : inflated;
}
