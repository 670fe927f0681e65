import type { ReadDb } from './read-db';
import { inOrder, ProjectionWriter } from './projection-writer';
import type { ProjectedChange, ProjectionBatch } from './projection-batches';
import type { WriterRequest, WriterResponse } from './projection-protocol';

type Listener = (change: ProjectedChange) => void;

/**
 * Where the projection sends what it read from the document. Batches are committed one after
 * another in the order they were sent; each committed change goes to the listeners and ports.
 */
export interface ProjectionSink {
  /** Resolves once the batch is committed. */
  write(batch: ProjectionBatch): Promise<void>;
  onChange(listener: Listener): () => void;
  /** Posts each committed change to this port (the list worker's), without passing through the page. */
  sendChangesTo(port: MessagePort): () => void;
  close(): void;
}

/** Validates and writes on the calling thread: unit tests, and anywhere without workers. */
export class InThreadSink implements ProjectionSink {
  #listeners = new Set<Listener>();
  #ports = new Set<MessagePort>();
  readonly #write: (batch: ProjectionBatch) => Promise<void>;

  constructor(db: ReadDb) {
    this.#write = inOrder(new ProjectionWriter(db), (change) => {
      for (const port of this.#ports) port.postMessage(change);
      for (const listener of this.#listeners) listener(change);
    });
  }

  write(batch: ProjectionBatch): Promise<void> {
    return this.#write(batch);
  }

  onChange(listener: Listener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  sendChangesTo(port: MessagePort) {
    this.#ports.add(port);
    return () => this.#ports.delete(port);
  }

  close() {
    this.#listeners.clear();
    this.#ports.clear();
  }
}

/**
 * Validates and writes in the projection worker. The worker starts with the first batch (at
 * 100k customers the page's first seconds are busy enough); what is asked of it before that
 * waits for it.
 */
export class WorkerSink implements ProjectionSink {
  #worker: Worker | null = null;
  #queued: { message: WriterRequest; transfer: Transferable[] }[] = [];
  #next = 1;
  #waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  #listeners = new Set<Listener>();
  #closed = false;

  constructor(
    private readonly workspaceId: string,
    private readonly create: () => Worker = () => new Worker(new URL('./projection.worker.ts', import.meta.url), { type: 'module' }),
  ) {}

  write(batch: ProjectionBatch): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('projection closed'));
    const id = this.#next++;
    const done = new Promise<void>((resolve, reject) => this.#waiting.set(id, { resolve, reject }));
    this.#started().postMessage({ type: 'write', id, batch } satisfies WriterRequest);
    return done;
  }

  onChange(listener: Listener) {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.#post({ type: 'echo', on: true });
    return () => {
      if (this.#listeners.delete(listener) && this.#listeners.size === 0) this.#post({ type: 'echo', on: false });
    };
  }

  sendChangesTo(port: MessagePort) {
    const id = this.#next++;
    this.#post({ type: 'port', id, port }, [port]);
    return () => this.#post({ type: 'unport', id });
  }

  close() {
    this.#closed = true;
    this.#worker?.terminate();
    this.#fail(new Error('projection closed'));
    this.#listeners.clear();
  }

  #post(message: WriterRequest, transfer: Transferable[] = []) {
    if (this.#worker) this.#worker.postMessage(message, transfer);
    else this.#queued.push({ message, transfer });
  }

  #started(): Worker {
    if (this.#worker) return this.#worker;
    const worker = (this.#worker = this.create());
    worker.onmessage = (event: MessageEvent<WriterResponse>) => this.#receive(event.data);
    worker.onerror = (event) => this.#fail(new Error(`projection worker failed: ${event.message}`));
    worker.postMessage({ type: 'open', workspaceId: this.workspaceId } satisfies WriterRequest);
    for (const { message, transfer } of this.#queued.splice(0)) worker.postMessage(message, transfer);
    return worker;
  }

  #receive(message: WriterResponse) {
    if (message.type === 'change') {
      for (const listener of this.#listeners) listener(message.change);
      return;
    }
    const waiting = this.#waiting.get(message.id);
    this.#waiting.delete(message.id);
    if (message.type === 'written') waiting?.resolve();
    else waiting?.reject(Object.assign(new Error(message.message), message.quota ? { name: 'QuotaExceededError' } : {}));
  }

  #fail(error: Error) {
    for (const waiting of this.#waiting.values()) waiting.reject(error);
    this.#waiting.clear();
  }
}
