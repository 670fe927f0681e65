import { projectionService } from '../../../src/storage/projection-service';
import type { WriterRequest, WriterResponse } from '../../../src/storage/projection-protocol';

/** A stand-in for the projection worker: the real service, with messages copied as postMessage copies them. */
export function fakeProjectionWorker() {
  const responses: WriterResponse[] = [];
  let started = 0;
  const create = () => {
    started += 1;
    const worker = {
      onmessage: null as ((event: { data: WriterResponse }) => void) | null,
      onerror: null,
      postMessage(message: WriterRequest, transfer: Transferable[] = []) {
        const copy = structuredClone(message, { transfer });
        setTimeout(() => service.handle(copy), 0);
      },
      terminate: () => service.close(),
    };
    const service = projectionService((message) => {
      responses.push(message);
      const copy = structuredClone(message);
      setTimeout(() => worker.onmessage?.({ data: copy }), 0);
    });
    return worker as unknown as Worker;
  };
  return { create, responses, started: () => started };
}
