import type { DocCodec } from './codec';
import type { LogDb } from './log-db';
import { compactLog, type CompactionOptions } from './compaction';

export type CompactionRunner = (db: LogDb, codec: DocCodec, options?: CompactionOptions) => Promise<void>;

export const inlineCompaction: CompactionRunner = compactLog;

/** One compaction per workspace at a time, across tabs and workers (Web Locks where available). */
function exclusive(workspaceId: string, run: () => Promise<void>): Promise<void> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? locks.request(`kehu-compact-${workspaceId}`, run).then(() => undefined) : run();
}

/**
 * Runs compaction in a dedicated worker where the platform has one; a codec other than the
 * identity one (encryption at rest, later) stays inline until its key can be handed over.
 */
export function defaultCompactionRunner(workspaceId: string): CompactionRunner {
  if (typeof Worker === 'undefined') return inlineCompaction;
  return (db, codec, options) => exclusive(workspaceId, () => {
    if (codec.id !== 'identity') return compactLog(db, codec, options);
    return new Promise<void>((resolve, reject) => {
      const worker = new Worker(new URL('./compaction.worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (event: MessageEvent<{ ok: boolean; message?: string }>) => {
        worker.terminate();
        if (event.data.ok) resolve();
        else reject(new Error(event.data.message));
      };
      worker.onerror = (event) => {
        worker.terminate();
        reject(new Error(event.message || 'compaction worker failed'));
      };
      worker.postMessage({ workspaceId, options });
    });
  });
}
