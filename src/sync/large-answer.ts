import type { ChunkedDataChannel } from './chunked-channel';

/** An answer whose pieces pass this many bytes is large: a whole workspace, or weeks offline. */
export const LARGE_ANSWER_BYTES = 1024 * 1024;

/**
 * A peer asked for what this device lacks answers in pieces for as long as that takes (seconds
 * for a large workspace); asking again meanwhile would have it send the same pieces again.
 * Silence this long means the answer is not coming: ask again.
 */
export const ANSWER_SILENCE_MS = 5_000;

/** What the asking side reads of a ChunkedDataChannel: when it last heard, and when it last asked. */
export type ChannelTimes = Partial<Pick<ChunkedDataChannel, 'lastHeardAt' | 'askedAt'>>;

/** True while a peer asked for the missing state is still sending its answer. */
export function answerOnItsWay(channel: ChannelTimes | undefined, now: number): boolean {
  return channel?.askedAt != null && now - (channel.lastHeardAt ?? 0) < ANSWER_SILENCE_MS;
}

/**
 * Notices a teammate's answer that is large and keeps a hold (Projection.hold) from then until
 * the answer ends: its sync step 2 arrives, nothing more of it arrives for `silenceMs`, or the
 * provider goes away. A live edit or a small answer never takes the hold.
 */
export class LargeAnswerWatch {
  #bytes = 0;
  #release: (() => void) | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly hold: () => () => void,
    /** Called when a large answer starts and when it ends, for the status line. */
    private readonly changed: () => void = () => {},
    private readonly silenceMs = ANSWER_SILENCE_MS,
    private readonly largeBytes = LARGE_ANSWER_BYTES,
  ) {}

  /** What a large answer in progress has brought so far; null when none is. */
  get receivingBytes(): number | null {
    return this.#release ? this.#bytes : null;
  }

  /** An update of `bytes` arrived; `answerAwaited` says whether this device is waiting for an answer. */
  piece(bytes: number, answerAwaited: boolean): void {
    if (!answerAwaited) return this.end();
    this.#bytes += bytes;
    if (!this.#release && this.#bytes >= this.largeBytes) {
      this.#release = this.hold();
      this.changed();
    }
    if (!this.#release) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.end(), this.silenceMs);
  }

  end(): void {
    this.#bytes = 0;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const release = this.#release;
    this.#release = null;
    if (!release) return;
    release();
    this.changed();
  }
}
