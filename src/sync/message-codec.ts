import { deflateMessage, inflateMessage, type Inflated } from './deflated-messages';
import { answerCodecRequest as inline, type CodecRequest, type CodecResponse } from './codec-requests';

/**
 * Deflates and inflates the large messages of a data channel (deflated-messages.ts). The
 * answer to a joining teammate is about 55 MB at 100k customers: deflating it took 39% of the
 * sending page's main-thread time, and inflating 9% of the receiving page's. In a worker that
 * time no longer freezes either page. A result may be a promise; the channel keeps its
 * messages in order either way.
 */
export interface MessageCodec {
  deflate(message: Uint8Array): Uint8Array | null | Promise<Uint8Array | null>;
  inflate(payload: Uint8Array, maxMessage: number): Inflated | Promise<Inflated>;
}

/** In the calling thread, synchronously: where there are no workers (Node, tests). */
export const inlineCodec: MessageCodec = { deflate: deflateMessage, inflate: inflateMessage };

type Waiting = { request: CodecRequest; resolve: (result: CodecResponse['result']) => void };

/**
 * One worker for every channel of the page, started at the first large message. Requests are
 * answered in the order they were made. Should the worker fail, what it had not answered and
 * everything after is done in this thread: a message is never lost to a broken worker.
 */
export class WorkerCodec implements MessageCodec {
  #worker: Worker | null = null;
  #broken = false;
  #next = 1;
  readonly #waiting = new Map<number, Waiting>();

  constructor(private readonly create: () => Worker = () => new Worker(new URL('./message-codec.worker.ts', import.meta.url), { type: 'module' })) {}

  deflate(message: Uint8Array): Promise<Uint8Array | null> {
    return this.#call({ id: this.#next++, op: 'deflate', bytes: message }) as Promise<Uint8Array | null>;
  }

  inflate(payload: Uint8Array, maxMessage: number): Promise<Inflated> {
    return this.#call({ id: this.#next++, op: 'inflate', bytes: payload, maxMessage });
  }

  /**
   * The bytes go to the worker copied, not transferred: y-webrtc sends one message to every
   * peer, and a worker that fails must leave them here to be done inline.
   */
  #call(request: CodecRequest): Promise<CodecResponse['result']> {
    if (this.#broken) return Promise.resolve(inline(request));
    return new Promise((resolve) => {
      const worker = this.#started();
      if (!worker) return resolve(inline(request));
      this.#waiting.set(request.id, { request, resolve });
      worker.postMessage(request);
    });
  }

  #started(): Worker | null {
    if (this.#worker) return this.#worker;
    try {
      const worker = this.create();
      worker.onmessage = (event: MessageEvent<CodecResponse>) => {
        const waiting = this.#waiting.get(event.data.id);
        this.#waiting.delete(event.data.id);
        waiting?.resolve(event.data.result);
      };
      worker.onerror = () => this.#fail();
      this.#worker = worker;
      return worker;
    } catch {
      this.#fail();
      return null;
    }
  }

  #fail() {
    this.#broken = true;
    this.#worker?.terminate();
    this.#worker = null;
    const waiting = [...this.#waiting.values()];
    this.#waiting.clear();
    for (const { request, resolve } of waiting) resolve(inline(request));
  }
}

let shared: MessageCodec | null = null;

/** The page's codec: a worker where the platform has one. */
export function defaultMessageCodec(): MessageCodec {
  return (shared ??= typeof Worker === 'undefined' ? inlineCodec : new WorkerCodec());
}
