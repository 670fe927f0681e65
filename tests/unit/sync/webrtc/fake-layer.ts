import { ObservableV2 } from 'lib0/observable';

/**
 * Stand-ins for simple-peer and lib0's WebsocketClient, put in place with vi.mock by each test
 * file, so the vendored y-webrtc runs its real signalling and connection logic with no network.
 */

type Handler = (...args: unknown[]) => void;
export type Signal = { type?: string; [field: string]: unknown };

/** A simple-peer: records what it is given and sends; a test emits its events. */
export class FakePeer {
  static made: FakePeer[] = [];
  readonly initiator: boolean;
  readonly signals: Signal[] = [];
  readonly sent: Uint8Array[] = [];
  destroyed = false;
  _channel: unknown = undefined;
  readonly #handlers = new Map<string, Handler[]>();

  static #onMade: (() => void)[] = [];
  #closed!: () => void;
  /** Settles once 'close' was emitted: after every handler y-webrtc put on it has run. */
  readonly closed = new Promise<void>((resolve) => (this.#closed = resolve));

  constructor(opts: { initiator?: boolean } = {}) {
    this.initiator = opts.initiator === true;
    FakePeer.made.push(this);
    for (const made of FakePeer.#onMade.splice(0)) made();
  }

  /** Resolves once `count` peers have been made. */
  static async whenMade(count: number): Promise<void> {
    while (FakePeer.made.length < count) await new Promise<void>((resolve) => FakePeer.#onMade.push(resolve));
  }

  on(event: string, handler: Handler) {
    this.#handlers.set(event, [...(this.#handlers.get(event) ?? []), handler]);
    return this;
  }

  emit(event: string, ...args: unknown[]) {
    for (const handler of this.#handlers.get(event) ?? []) handler(...args);
  }

  signal(signal: Signal) {
    this.signals.push(signal);
  }

  send(data: Uint8Array) {
    if (this.destroyed) throw new Error('cannot send after peer is destroyed');
    this.sent.push(data);
  }

  /** As simple-peer does: 'close' follows in a microtask, not during destroy(). */
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    queueMicrotask(() => {
      this.emit('close');
      this.#closed();
    });
  }
}

/** A relay socket: records what y-webrtc sends; a test opens it and delivers what peers publish. */
export class FakeSignalling extends ObservableV2<Record<string, Handler>> {
  static made = new Map<string, FakeSignalling>();
  connected = false;
  readonly sent: unknown[] = [];

  constructor(readonly url: string) {
    super();
    FakeSignalling.made.set(url, this);
  }

  send(message: unknown) {
    this.sent.push(message);
  }

  open() {
    this.connected = true;
    this.emit('connect', []);
  }

  /** What another peer published on `topic`, as the relay hands it on. */
  deliver(topic: string, data: unknown) {
    this.emit('message', [{ type: 'publish', topic, data }]);
  }

  disconnect() {
    this.connected = false;
  }
}
