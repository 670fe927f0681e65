/// <reference lib="webworker" />
import { LogDb } from './log-db';
import { identityCodec } from './codec';
import { answerHistoryRequest, type HistoryRequest } from './history-source';

/** The workspace history rebuilt off the page's thread (history-source.ts). */
self.onmessage = async (event: MessageEvent<{ workspaceId: string; request: HistoryRequest }>) => {
  const db = new LogDb(event.data.workspaceId);
  try {
    self.postMessage({ ok: true, result: await answerHistoryRequest(db, identityCodec, event.data.request) });
  } catch (error) {
    self.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  } finally {
    db.close();
  }
};
