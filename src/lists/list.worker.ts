/// <reference lib="webworker" />
import { ReadDb } from '../storage/read-db';
import { ListEngine } from './list-engine';
import type { ListRequest, ListResponse } from './list-protocol';
import type { ProjectedChange } from '../storage/projection-writer';

/**
 * The customer list and its search index live here, off the page's thread: loading 100k
 * customers, indexing them and answering each keystroke never blocks scrolling or typing.
 */
let engine: ListEngine | null = null;
let start: () => void = () => {};
const started = new Promise<void>((resolve) => (start = resolve));
const post = (message: ListResponse) => self.postMessage(message);

/**
 * The list saves its memory so that the next start reads it back instead of every table: at
 * once after reading the tables (the expensive start it spares), when the page is hidden (it
 * may be closed next), and otherwise once nobody has used it for a while, since saving 100k
 * customers holds this thread for a moment and would delay a keystroke. Changes that never stop
 * do not postpone it forever.
 */
const SAVE_WHEN_IDLE_MS = 3000;
const SAVE_AT_LEAST_EVERY_MS = 60_000;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
let unsavedSince: number | null = null;

function saveLater() {
  clearTimeout(saveTimer);
  unsavedSince ??= Date.now();
  const overdue = Date.now() - unsavedSince >= SAVE_AT_LEAST_EVERY_MS;
  saveTimer = setTimeout(saveNow, overdue ? 0 : SAVE_WHEN_IDLE_MS);
}

function saveNow() {
  clearTimeout(saveTimer);
  if (!engine?.unsaved) return;
  const started = performance.now();
  unsavedSince = null;
  engine.save().then(
    (saved) => {
      if (saved) post({ type: 'saved', ms: Math.round(performance.now() - started) });
    },
    (error: unknown) => console.warn('customer list not saved', String(error)),
  );
}

/**
 * Projected changes reach the search index once they stop coming for a moment, a slice at a
 * time, so that a teammate's whole workspace is indexed after it is written rather than
 * competing with its writing; a backlog never waits longer than INDEX_AT_LEAST_EVERY_MS.
 */
const INDEX_WHEN_QUIET_MS = 250;
const INDEX_AT_LEAST_EVERY_MS = 5000;
const INDEX_SLICE_MS = 20;
let indexTimer: ReturnType<typeof setTimeout> | undefined;
let unindexedSince: number | null = null;

function indexLater() {
  clearTimeout(indexTimer);
  unindexedSince ??= Date.now();
  const overdue = Date.now() - unindexedSince >= INDEX_AT_LEAST_EVERY_MS;
  indexTimer = setTimeout(indexSome, overdue ? 0 : INDEX_WHEN_QUIET_MS);
}

function indexSome() {
  if (!engine || engine.search.catchUp(INDEX_SLICE_MS)) {
    unindexedSince = null;
    return;
  }
  indexTimer = setTimeout(indexSome, 0);
}

self.onmessage = (event: MessageEvent<ListRequest>) => receive(event.data);

function receive(request: ListRequest) {
  if (request.type !== 'save') saveLater();
  try {
    handle(request);
  } catch (error) {
    if ('id' in request) post({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
}

function handle(request: ListRequest) {
  switch (request.type) {
    case 'open': {
      const db = new ReadDb(request.workspaceId);
      engine = new ListEngine(db);
      void engine.load(() => post({ type: 'changed' }), started).then(
        (report) => {
          post({ type: 'loaded', report });
          // After 'loaded' is on its way: search answers meanwhile, just slower the first time.
          setTimeout(() => engine?.list.warm(), 0);
          if (report.from === 'tables') saveNow();
          else saveLater();
        },
        (error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
      );
      return;
    }
    case 'changes':
      request.port.onmessage = (event: MessageEvent<ProjectedChange>) => {
        saveLater();
        engine?.apply(event.data);
        indexLater();
        post({ type: 'changed' });
      };
      return;
    case 'query':
      post({ type: 'result', id: request.id, result: engine!.query(request.filter, request.slot, request.window) });
      return;
    case 'window':
      post({ type: 'rows', id: request.id, rows: engine!.window(request.from, request.to, request.slot) });
      return;
    case 'ids':
      post({ type: 'ids', id: request.id, ids: engine!.ids(request.slot) });
      return;
    case 'facets':
      post({ type: 'facets', id: request.id, facets: engine!.facets() });
      return;
    case 'start':
      start();
      return;
    case 'save':
      saveNow();
      return;
    case 'close':
      clearTimeout(saveTimer);
      clearTimeout(indexTimer);
      engine?.close();
      self.close();
  }
}
