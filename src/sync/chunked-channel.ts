/**
 * A data channel facade that splits every message into frames of at most 16 KiB and reassembles
 * them, with backpressure on the real channel's bufferedAmount. y-webrtc sends a joining peer's
 * whole missing state as one message and swallows send errors; Chromium drops messages over
 * 256 KiB and other browsers fail above ~64 KiB (yjs/y-webrtc #20, #42), so without this a
 * real workspace never syncs. Frame format (docs/sync-protocol.md, "Chunking"):
 *   byte 0: 0 = whole message, 1 = first frame (bytes 1..4: total length, uint32 BE), 2 = middle, 3 = last,
 *   4 = hello, 5 and 6 = as 0 and 1 for a deflated message; then the payload bytes. Messages are
 *   sent one after another on an ordered, reliable channel, so frames of two messages never interleave.
 */
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import { isSyncStep } from './sync-messages';
import { DEFLATE_FROM, deflateMessage, HELLO_TEXT, inflateMessage } from './deflated-messages';

export const MAX_FRAME_BYTES = 16 * 1024;
export const MAX_MESSAGE_BYTES = 512 * 1024 * 1024;
const HIGH_WATER = 1024 * 1024;
const LOW_WATER = 256 * 1024;

const EMPTY = new Uint8Array(0);
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

export function splitIntoFrames(message: Uint8Array, maxFrame = MAX_FRAME_BYTES, deflated = false): Uint8Array[] {
  if (message.length + 1 <= maxFrame) {
    const frame = new Uint8Array(message.length + 1);
    frame[0] = deflated ? WHOLE_DEFLATED : WHOLE;
    frame.set(message, 1);
    return [frame];
  }
  const frames: Uint8Array[] = [];
  const firstPayload = maxFrame - 5;
  const first = new Uint8Array(maxFrame);
  first[0] = deflated ? FIRST_DEFLATED : FIRST;
  new DataView(first.buffer).setUint32(1, message.length);
  first.set(message.subarray(0, firstPayload), 5);
  frames.push(first);
  for (let at = firstPayload; at < message.length; at += maxFrame - 1) {
    const part = message.subarray(at, Math.min(at + maxFrame - 1, message.length));
    const frame = new Uint8Array(part.length + 1);
    frame[0] = at + part.length >= message.length ? LAST : MIDDLE;
    frame.set(part, 1);
    frames.push(frame);
  }
  return frames;
}

export type ReassemblyProblem = 'unexpected-frame' | 'too-large' | 'length-mismatch' | 'empty-frame' | 'bad-deflate';

/** The sending side of a channel, as an interceptor answering on it sees it. */
export interface ChannelSender {
  send(data: Uint8Array): void;
  readonly bufferedAmount: number;
  readonly readyState: RTCDataChannelState;
}

export interface ChannelGuard {
  /** Called for every reassembled message; a non-null reason drops the message. */
  rejectReason(message: Uint8Array): string | null;
  onProblem(problem: string): void;
  /** Sees every message that passed rejectReason first; returning true means it answered and y-webrtc never sees it. */
  intercept?(message: Uint8Array, channel: ChannelSender): boolean;
  /**
   * Next, may apply the message itself instead of y-webrtc (returning true). It runs as part of
   * the delivery: what it makes y-webrtc re-broadcast is not sent back on this channel. An
   * interceptor's answer must not be, since it would be taken for that echo.
   */
  apply?(message: Uint8Array): boolean;
}

/** Reassembles frames in order; a broken sequence is dropped and reported, the channel goes on. */
export class FrameAssembler {
  #buffer: Uint8Array | null = null;
  #filled = 0;
  #deflated = false;
  /** True once the peer said (in a hello) that it reads deflated messages. */
  peerInflates = false;

  constructor(
    private readonly onMessage: (message: Uint8Array) => void,
    private readonly onProblem: (problem: ReassemblyProblem) => void,
    private readonly maxMessage = MAX_MESSAGE_BYTES,
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
    if (!deflated) return this.onMessage(payload);
    const message = inflateMessage(payload, this.maxMessage);
    if (message === 'too-large' || message === null) return this.onProblem(message ?? 'bad-deflate');
    this.onMessage(message);
  }

  #fail(problem: ReassemblyProblem) {
    this.#buffer = null;
    this.#filled = 0;
    this.onProblem(problem);
  }
}

type Handler = ((event: never) => void) | null;

/**
 * Looks like an RTCDataChannel to simple-peer (the fields and handlers it uses), sends through the
 * real one in frames, and only lets the real buffer grow to HIGH_WATER before waiting for it to drain.
 */
export class ChunkedDataChannel {
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onopen: Handler = null;
  onclose: Handler = null;
  onerror: ((event: unknown) => void) | null = null;
  onbufferedamountlow: (() => void) | null = null;
  bufferedAmountLowThreshold = 0;
  #queue: Uint8Array[] = [];
  #head = 0;
  #queuedBytes = 0;
  readonly #assembler: FrameAssembler;
  /** When a frame last arrived (or the channel opened): a peer that answers nothing is not connected. */
  lastHeardAt = Date.now();
  /**
   * When this side last asked the peer for what it lacks (sent a sync step 1) while the answer
   * (which ends with a sync step 2) has not arrived yet; null once it has.
   */
  askedAt: number | null = null;
  /** The channel whose incoming message is being applied right now (delivery is synchronous). */
  static #delivering: ChunkedDataChannel | null = null;

  constructor(
    readonly channel: RTCDataChannel,
    guard: ChannelGuard,
  ) {
    const onProblem = (problem: string) => guard.onProblem(problem);
    channel.binaryType = 'arraybuffer';
    channel.bufferedAmountLowThreshold = LOW_WATER;
    // First on the channel, whenever it opens (a channel handed over by ondatachannel may be open already).
    this.#enqueue([helloFrame()]);
    this.#assembler = new FrameAssembler((message) => {
      if (isSyncStep(message, messageYjsSyncStep2)) this.askedAt = null;
      const reason = guard.rejectReason(message);
      if (reason) return onProblem(reason);
      if (guard.intercept?.(message, this)) return;
      ChunkedDataChannel.#delivering = this;
      try {
        if (guard.apply?.(message)) return;
        const copy = message.byteOffset === 0 && message.byteLength === message.buffer.byteLength ? message : message.slice();
        this.onmessage?.({ data: copy.buffer as ArrayBuffer });
      } catch {
        // y-webrtc applies the update inside this call: one that does not parse lands here.
        onProblem('malformed-update');
      } finally {
        ChunkedDataChannel.#delivering = null;
      }
    }, onProblem);
    channel.onmessage = (event: MessageEvent) => {
      this.lastHeardAt = Date.now();
      const data = event.data;
      if (data instanceof ArrayBuffer) this.#assembler.push(new Uint8Array(data));
      else onProblem('unexpected-frame');
    };
    channel.onbufferedamountlow = () => this.#pump();
    channel.onopen = (event) => {
      this.lastHeardAt = Date.now();
      (this.onopen as ((e: Event) => void) | null)?.(event);
      this.#pump();
    };
    channel.onclose = (event) => (this.onclose as ((e: Event) => void) | null)?.(event);
    channel.onerror = (event) => this.onerror?.(event);
    this.#pump();
  }

  get label() {
    return this.channel.label;
  }
  get readyState() {
    return this.channel.readyState;
  }
  get binaryType() {
    return 'arraybuffer';
  }
  set binaryType(_value: string) {
    // Frames are always ArrayBuffers; simple-peer asks for that anyway.
  }
  get bufferedAmount() {
    return this.channel.bufferedAmount + this.#queuedBytes;
  }

  send(data: ArrayBuffer | ArrayBufferView | string): void {
    const bytes =
      typeof data === 'string'
        ? new TextEncoder().encode(data)
        : data instanceof ArrayBuffer
          ? new Uint8Array(data)
          : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    // y-webrtc re-broadcasts every update it applies to all peers, including the one it came
    // from. Peers reached through this device still get it; the sender does not need it back.
    if (ChunkedDataChannel.#delivering === this && isSyncStep(bytes, messageYjsUpdate)) return;
    if (isSyncStep(bytes, messageYjsSyncStep1)) this.askedAt = Date.now();
    const deflated = this.#assembler.peerInflates && bytes.length >= DEFLATE_FROM ? deflateMessage(bytes) : null;
    this.#enqueue(deflated ? splitIntoFrames(deflated, MAX_FRAME_BYTES, true) : splitIntoFrames(bytes));
    this.#pump();
  }

  #enqueue(frames: Uint8Array[]) {
    for (const frame of frames) {
      this.#queue.push(frame);
      this.#queuedBytes += frame.length;
    }
  }

  #pump() {
    if (this.channel.readyState !== 'open') return;
    while (this.#head < this.#queue.length && this.channel.bufferedAmount < HIGH_WATER) {
      const frame = this.#queue[this.#head]!;
      this.#queue[this.#head++] = EMPTY;
      this.#queuedBytes -= frame.length;
      this.channel.send(frame as Uint8Array<ArrayBuffer>);
    }
    if (this.#head === this.#queue.length) {
      this.#queue = [];
      this.#head = 0;
    }
    if (this.#queue.length === 0 && this.channel.bufferedAmount <= this.bufferedAmountLowThreshold) this.onbufferedamountlow?.();
  }

  close() {
    this.#queue = [];
    this.#head = 0;
    this.#queuedBytes = 0;
    this.channel.close();
  }
}

/**
 * An RTCPeerConnection whose data channels are chunked, given to simple-peer through y-webrtc's
 * `peerOpts.wrtc`, so y-webrtc's signalling and sync protocol stay exactly as they are.
 */
export function chunkingWrtc(guard: ChannelGuard) {
  class ChunkingPeerConnection extends RTCPeerConnection {
    override createDataChannel(label: string, init?: RTCDataChannelInit): RTCDataChannel {
      return new ChunkedDataChannel(super.createDataChannel(label, init), guard) as unknown as RTCDataChannel;
    }
    override set ondatachannel(handler: ((event: RTCDataChannelEvent) => void) | null) {
      super.ondatachannel = handler && ((event) => handler({ channel: new ChunkedDataChannel(event.channel, guard) } as unknown as RTCDataChannelEvent));
    }
    override get ondatachannel() {
      return super.ondatachannel;
    }
  }
  return { RTCPeerConnection: ChunkingPeerConnection, RTCSessionDescription, RTCIceCandidate };
}
