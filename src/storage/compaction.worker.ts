/// <reference lib="webworker" />
import { LogDb } from './log-db';
import { identityCodec } from './codec';
import { compactLog, type CompactionOptions } from './compaction';

/** Compaction off the main thread: at 100k customers encoding and verifying a snapshot takes seconds. */
self.onmessage = async (event: MessageEvent<{ workspaceId: string; options?: CompactionOptions }>) => {
  const db = new LogDb(event.data.workspaceId);
  try {
    await compactLog(db, identityCodec, event.data.options);
    self.postMessage({ ok: true });
  } catch (error) {
    self.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  } finally {
    db.close();
  }
};
