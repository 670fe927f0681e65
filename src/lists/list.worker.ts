/// <reference lib="webworker" />
import { ReadDb } from '../storage/read-db';
import { ListEngine } from './list-engine';
import type { ListRequest, ListResponse } from './list-protocol';
import type { ProjectedChange } from '../storage/projection-batches';
import { whenQuiet } from './quiet-timer';
import { isQuotaError } from '../storage/errors';

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
const saving = whenQuiet(saveNow, 3000, 60_000);

function saveNow() {
  saving.cancel();
  if (!engine?.unsaved) return;
  const started = performance.now();
  saving.done();
  engine.save().then(
    (saved) => {
      if (saved) post({ type: 'saved', ms: Math.round(performance.now() - started) });
    },
    (error: unknown) => post({ type: 'saveFailed', message: String(error), quota: isQuotaError(error) }),
  );
}

/**
 * Projected changes reach the search index once they stop coming for a moment (at least every
 * 5 s), a slice at a time, so that a teammate's whole workspace is indexed after it is written
 * rather than competing with its writing.
 */
const indexing = whenQuiet(indexSome, 250, 5000);
const INDEX_SLICE_MS = 20;

function indexSome() {
  if (!engine || engine.search.catchUp(INDEX_SLICE_MS)) indexing.done();
  else indexing.soon();
}

self.onmessage = (event: MessageEvent<ListRequest>) => receive(event.data);

function receive(request: ListRequest) {
  if (request.type !== 'save') saving.later();
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
          // From now on a projected change reaches the list at once, and the search index when
          // this worker has time (indexSome); a search catches the index up first.
          engine?.search.defer(true);
          post({ type: 'loaded', report });
          // After 'loaded' is on its way: search answers meanwhile, just slower the first time.
          setTimeout(() => engine?.list.warm(), 0);
          if (report.from === 'tables') saveNow();
          else saving.later();
        },
        (error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
      );
      return;
    }
    case 'changes':
      request.port.onmessage = (event: MessageEvent<ProjectedChange>) => {
        saving.later();
        if (!engine?.apply(event.data)) return;
        indexing.later();
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
      saving.cancel();
      indexing.cancel();
      engine?.close();
      self.close();
  }
}
