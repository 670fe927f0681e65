import type { ListFilter } from '../domain/list-filter';
import type { Projection, ProjectedChange } from '../storage/projection';
import { ReadDb } from '../storage/read-db';
import type { ListRow } from './list-row';
import { ListEngine, type ListResult, type ListLoadReport } from './list-engine';
import type { Facets, ListRequest, ListResponse } from './list-protocol';
import type { StorageHealth } from '../storage/storage-health';

/**
 * The page's handle on the customer list: queries, windows of rows for the virtual list, and a
 * signal when the data changed. The engine runs in a worker where there is one (always, in a
 * browser), in-thread otherwise (unit tests).
 */
export interface ListSource {
  /** `slot` names the view asking (the page, the palette): each keeps its own last result. */
  /** `window`: rows [from, to) of the result to send back with it. */
  query(filter: ListFilter, slot?: string, window?: [number, number]): Promise<ListResult>;
  window(from: number, to: number, slot?: string): Promise<ListRow[]>;
  ids(slot?: string): Promise<string[]>;
  facets(): Promise<Facets>;
  /** Called when rows changed (a local edit, a peer's, the initial load): query again. */
  onChange(listener: () => void): () => void;
  /** True once every stored customer has been read. */
  readonly loaded: boolean;
  /** How the list started, once loaded: from its saved state or by reading every table. */
  readonly loadReport: ListLoadReport | null;
  close(): void;
}

/** `startAfter`: the worker starts reading once the first screen is up (its reads would delay it). */
/** `health` hears whether the list's saved state could be written (it is derived: a failure costs only a slower start). */
export function openListSource(workspaceId: string, projection: Projection, startAfter: Promise<void> = Promise.resolve(), health?: StorageHealth): ListSource {
  return typeof Worker === 'undefined' ? new InThreadList(workspaceId, projection) : new WorkerList(workspaceId, projection, startAfter, health);
}

abstract class BaseList {
  protected listeners = new Set<() => void>();
  loaded = false;
  loadReport: ListLoadReport | null = null;
  /** Stops the projection's changes reaching this list. */
  protected off: () => void = () => {};

  onChange(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected changed() {
    for (const listener of this.listeners) listener();
  }

  close() {
    this.off();
    this.listeners.clear();
  }
}

class WorkerList extends BaseList implements ListSource {
  #worker = new Worker(new URL('./list.worker.ts', import.meta.url), { type: 'module' });
  #next = 1;
  #waiting = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void }>();

  constructor(
    workspaceId: string,
    projection: Projection,
    startAfter: Promise<void>,
    private readonly health?: StorageHealth,
  ) {
    super();
    this.#worker.onmessage = (event: MessageEvent<ListResponse>) => this.#receive(event.data);
    document.addEventListener('visibilitychange', this.#hidden);
    // The saved state is read at once (one read, in the worker); reading every table waits for
    // the first screen, whose own reads it would delay.
    this.#send({ type: 'open', workspaceId });
    // Rows of a teammate's whole workspace go from the projection worker to this one directly.
    const changes = new MessageChannel();
    this.#worker.postMessage({ type: 'changes', port: changes.port2 } satisfies ListRequest, [changes.port2]);
    this.off = projection.sendChangesTo(changes.port1);
    void startAfter.then(() => this.#send({ type: 'start' }));
  }

  #hidden = () => {
    if (document.visibilityState === 'hidden') this.#send({ type: 'save' });
  };

  #send(request: ListRequest) {
    this.#worker.postMessage(request);
  }

  #receive(message: ListResponse) {
    switch (message.type) {
      case 'changed':
        return this.changed();
      case 'loaded':
        this.loaded = true;
        this.loadReport = message.report;
        return this.changed();
      case 'saved':
        // For the benchmark: the next start can read this state back.
        performance.mark('kehu:list-saved', { detail: { ms: message.ms } });
        this.health?.clear('list');
        return;
      case 'saveFailed':
        this.health?.report('list', message.quota ? Object.assign(new Error(message.message), { name: 'QuotaExceededError' }) : new Error(message.message));
        return;
      case 'failed':
        return console.error('customer list failed to load', message.message);
      default: {
        const waiting = this.#waiting.get(message.id);
        this.#waiting.delete(message.id);
        if (!waiting) return;
        if (message.type === 'error') waiting.reject(new Error(message.message));
        else waiting.resolve((message.type === 'result' ? message.result : message.type === 'rows' ? message.rows : message.type === 'ids' ? message.ids : message.facets) as never);
      }
    }
  }

  #ask<T>(request: Extract<ListRequest, { id: number }>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#waiting.set(request.id, { resolve: resolve as (value: never) => void, reject });
      this.#send(request);
    });
  }

  query(filter: ListFilter, slot = 'list', window: [number, number] = [0, 0]) {
    return this.#ask<ListResult>({ type: 'query', id: this.#next++, filter: plainData(filter), slot, window });
  }

  window(from: number, to: number, slot = 'list') {
    return this.#ask<ListRow[]>({ type: 'window', id: this.#next++, from, to, slot });
  }

  ids(slot = 'list') {
    return this.#ask<string[]>({ type: 'ids', id: this.#next++, slot });
  }

  facets() {
    return this.#ask<Facets>({ type: 'facets', id: this.#next++ });
  }

  override close() {
    super.close();
    document.removeEventListener('visibilitychange', this.#hidden);
    this.#send({ type: 'close' });
    for (const waiting of this.#waiting.values()) waiting.reject(new Error('list closed'));
    this.#waiting.clear();
  }
}

/** Plain data for postMessage (filters built by the UI may be reactive proxies). */
function plainData<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

class InThreadList extends BaseList implements ListSource {
  #db: ReadDb;
  #engine: ListEngine;

  constructor(workspaceId: string, projection: Projection) {
    super();
    this.off = projection.onChange((change) => this.#apply(change));
    this.#db = new ReadDb(workspaceId);
    this.#engine = new ListEngine(this.#db);
    void this.#engine.load(() => this.changed()).then((report) => {
      this.loaded = true;
      this.loadReport = report;
      this.changed();
    });
  }

  #apply(change: ProjectedChange) {
    if (this.#engine.apply(change)) this.changed();
  }

  async query(filter: ListFilter, slot?: string, window?: [number, number]) {
    return this.#engine.query(filter, slot, window);
  }

  async window(from: number, to: number, slot?: string) {
    return this.#engine.window(from, to, slot);
  }

  async ids(slot?: string) {
    return this.#engine.ids(slot);
  }

  async facets() {
    return this.#engine.facets();
  }

  override close() {
    super.close();
    this.#engine.close();
    this.#db.close();
  }
}
