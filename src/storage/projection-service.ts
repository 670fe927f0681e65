import { ReadDb } from './read-db';
import { inOrder, ProjectionWriter } from './projection-writer';
import type { ProjectionBatch } from './projection-batches';
import type { WriterRequest, WriterResponse } from './projection-protocol';
import { isQuotaError } from './errors';

export interface ProjectionService {
  handle(request: WriterRequest): void;
  /** Closes the database (a terminated worker does so by itself). */
  close(): void;
}

/** The projection worker's side of projection-protocol.ts. */
export function projectionService(post: (message: WriterResponse) => void): ProjectionService {
  let db: ReadDb | null = null;
  let write: ((batch: ProjectionBatch) => Promise<void>) | null = null;
  const ports = new Map<number, MessagePort>();
  let echo = false;
  const handle = (request: WriterRequest) => {
    switch (request.type) {
      case 'open':
        db = new ReadDb(request.workspaceId);
        write = inOrder(new ProjectionWriter(db), (change) => {
          for (const port of ports.values()) port.postMessage(change);
          if (echo) post({ type: 'change', change });
        });
        return;
      case 'port':
        ports.set(request.id, request.port);
        return;
      case 'unport':
        ports.get(request.id)?.close();
        ports.delete(request.id);
        return;
      case 'echo':
        echo = request.on;
        return;
      case 'write': {
        const { id, batch } = request;
        const written = write ? write(batch) : Promise.reject(new Error('projection worker not opened'));
        written.then(
          () => post({ type: 'written', id }),
          (error: unknown) =>
            post({ type: 'failed', id, message: error instanceof Error ? error.message : String(error), ...(isQuotaError(error) ? { quota: true as const } : {}) }),
        );
      }
    }
  };
  return { handle, close: () => db?.close() };
}
