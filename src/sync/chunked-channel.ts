/**
 * A data channel facade that splits every message into frames of at most 16 KiB and reassembles
 * them, with backpressure on the real channel's bufferedAmount. y-webrtc sends a joining peer's
 * whole missing state as one message and swallows send errors; Chromium drops messages over
 * 256 KiB and other browsers fail above ~64 KiB (yjs/y-webrtc #20, #42), so without this a
 * real workspace never syncs. The frames are described in frames.ts.
 */
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import { isSyncStep } from './sync-messages';
import { DEFLATE_FROM } from './deflated-messages';
import { FrameAssembler, helloFrame, MAX_FRAME_BYTES, MessageFrames, ReadyFrame, type FrameSource } from './frames';
import { defaultMessageCodec, type MessageCodec } from './message-codec';

const HIGH_WATER = 1024 * 1024;
const LOW_WATER = 256 * 1024;

/** The sending side of a channel, as an interceptor answering on it sees it. */
export interface ChannelSender {
  /** `released`, if given, is called once the channel no longer reads `data`: its bytes may then be reused. */
  send(data: Uint8Array, released?: () => void): void;
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

/** The frames of a message: deflated when the codec made it smaller. */
function framesOf(message: Uint8Array, deflated: Uint8Array | null): MessageFrames {
  return deflated ? new MessageFrames(deflated, true) : new MessageFrames(message);
}

/**
 * A message waiting to go: its frames, or null while it is being deflated (its `bytes` count as
 * buffered meanwhile; then its frames count their own). `released` is called once it is sent or dropped.
 */
interface Outgoing {
  frames: FrameSource | null;
  bytes: number;
  released?: () => void;
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
  #queue: Outgoing[] = [];
  #queuedBytes = 0;
  /** Each frame is written here just before it is sent (send copies it). */
  readonly #frame = new Uint8Array(MAX_FRAME_BYTES);
  readonly #assembler: FrameAssembler;
  /** When a frame last arrived (or the channel opened): a peer that answers nothing is not connected. */
  lastHeardAt = Date.now();
  /**
   * When this side last asked the peer for what it lacks (sent a sync step 1) while the answer
   * (which ends with a sync step 2) has not arrived yet; null once it has.
   */
  askedAt: number | null = null;
  /** When the peer's answer to our last sync step 1 (its sync step 2) arrived: an exchange completed. */
  answeredAt: number | null = null;
  /** The channel whose incoming message is being applied right now (delivery is synchronous). */
  static #delivering: ChunkedDataChannel | null = null;

  constructor(
    readonly channel: RTCDataChannel,
    guard: ChannelGuard,
    private readonly codec: MessageCodec = defaultMessageCodec(),
  ) {
    const onProblem = (problem: string) => guard.onProblem(problem);
    channel.binaryType = 'arraybuffer';
    channel.bufferedAmountLowThreshold = LOW_WATER;
    // First on the channel, whenever it opens (a channel handed over by ondatachannel may be open already).
    this.#enqueue(new ReadyFrame(helloFrame()));
    this.#assembler = new FrameAssembler((message) => {
      if (isSyncStep(message, messageYjsSyncStep2)) {
        this.askedAt = null;
        this.answeredAt = Date.now();
      }
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
    }, onProblem, undefined, codec);
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

  /** The channel reads `data` until `released` is called: a caller must not change it before. */
  send(data: ArrayBuffer | ArrayBufferView | string, released?: () => void): void {
    const bytes =
      typeof data === 'string'
        ? new TextEncoder().encode(data)
        : data instanceof ArrayBuffer
          ? new Uint8Array(data)
          : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    // y-webrtc re-broadcasts every update it applies to all peers, including the one it came
    // from. Peers reached through this device still get it; the sender does not need it back.
    if (ChunkedDataChannel.#delivering === this && isSyncStep(bytes, messageYjsUpdate)) return released?.();
    if (isSyncStep(bytes, messageYjsSyncStep1)) this.askedAt = Date.now();
    if (!this.#assembler.peerInflates || bytes.length < DEFLATE_FROM) {
      this.#enqueue(new MessageFrames(bytes), bytes.length, released);
      return;
    }
    const deflated = this.codec.deflate(bytes);
    if (!(deflated instanceof Promise)) {
      this.#enqueue(framesOf(bytes, deflated), bytes.length, released);
      return;
    }
    // Its place in the queue is kept while the codec works: what is sent after it goes after it.
    const outgoing = this.#enqueue(null, bytes.length, released);
    const ready = (packed: Uint8Array | null) => {
      if (this.#queue.includes(outgoing)) this.#fill(outgoing, framesOf(bytes, packed)); // else the channel closed meanwhile
    };
    deflated.then(ready, () => ready(null));
  }

  /** Queues a message: its frames, or null and the bytes it counts as until #fill gives them. */
  #enqueue(frames: FrameSource | null, bytes = 0, released?: () => void): Outgoing {
    const outgoing: Outgoing = { frames: null, bytes, released };
    this.#queue.push(outgoing);
    this.#queuedBytes += bytes;
    if (frames) this.#fill(outgoing, frames);
    return outgoing;
  }

  #fill(outgoing: Outgoing, frames: FrameSource) {
    this.#queuedBytes += frames.bytes - outgoing.bytes;
    outgoing.frames = frames;
    this.#pump();
  }

  #pump() {
    if (this.channel.readyState !== 'open') return;
    while (this.#queue[0]?.frames && this.channel.bufferedAmount < HIGH_WATER) {
      const outgoing = this.#queue[0];
      const frame = outgoing.frames!.next(this.#frame);
      this.#queuedBytes -= frame.length;
      if (outgoing.frames!.done) {
        this.#queue.shift();
        outgoing.released?.();
      }
      this.channel.send(frame as Uint8Array<ArrayBuffer>);
    }
    if (this.#queue.length === 0 && this.channel.bufferedAmount <= this.bufferedAmountLowThreshold) this.onbufferedamountlow?.();
  }

  close() {
    for (const outgoing of this.#queue.splice(0)) outgoing.released?.();
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
