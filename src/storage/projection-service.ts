import { ReadDb } from './read-db';
import { ProjectionWriter } from './projection-writer';
import type { WriterRequest, WriterResponse } from './projection-protocol';

export interface ProjectionService {
  handle(request: WriterRequest): void;
  /** Closes the database (a terminated worker does so by itself). */
  close(): void;
}

/** The projection worker's side of projection-protocol.ts. */
export function projectionService(post: (message: WriterResponse) => void): ProjectionService {
  let db: ReadDb | null = null;
  let writer: ProjectionWriter | null = null;
  let chain: Promise<void> = Promise.resolve();
  const ports = new Map<number, MessagePort>();
  let echo = false;
  const handle = (request: WriterRequest) => {
    switch (request.type) {
      case 'open':
        db = new ReadDb(request.workspaceId);
        writer = new ProjectionWriter(db);
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
        // One batch at a time, in the order sent: a later edit never lands under an earlier one.
        chain = chain.then(async () => {
          try {
            if (!writer) throw new Error('projection worker not opened');
            const change = await writer.write(batch);
            if (change) {
              for (const port of ports.values()) port.postMessage(change);
              if (echo) post({ type: 'change', change });
            }
            post({ type: 'written', id });
          } catch (error) {
            post({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) });
          }
        });
      }
    }
  };
  return { handle, close: () => db?.close() };
}
