import { describe, expect, it } from 'vitest';
import { inflateMessage } from '../../../src/sync/deflated-messages';
import { MAX_MESSAGE_BYTES } from '../../../src/sync/frames';
import type { CodecRequest, CodecResponse } from '../../../src/sync/codec-requests';
import { WorkerCodec } from '../../../src/sync/message-codec';

/** A stand-in for the codec worker: holds requests until the test answers them, or fails. */
class FakeWorker {
  onmessage: ((event: MessageEvent<CodecResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  requests: CodecRequest[] = [];
  terminated = false;
  postMessage(request: CodecRequest) {
    this.requests.push(structuredClone(request));
  }
  terminate() {
    this.terminated = true;
  }
  answer(result: CodecResponse['result']) {
    const request = this.requests.shift()!;
    this.onmessage?.({ data: { id: request.id, result } } as MessageEvent<CodecResponse>);
  }
}

const text = (n: number) => new TextEncoder().encode('{"name":"王建国","city":"Beijing"}'.repeat(Math.ceil(n / 34)).slice(0, n));

describe('WorkerCodec', () => {
  it('starts its worker at the first request and hands each answer to its own request', async () => {
    const workers: FakeWorker[] = [];
    const codec = new WorkerCodec(() => workers[workers.push(new FakeWorker()) - 1] as unknown as Worker);
    expect(workers).toHaveLength(0);
    const first = codec.deflate(text(80_000));
    const second = codec.inflate(Uint8Array.of(0, 0, 0, 1, 1), MAX_MESSAGE_BYTES);
    expect(workers).toHaveLength(1);
    expect(workers[0]!.requests.map((r) => r.op)).toEqual(['deflate', 'inflate']);
    workers[0]!.answer(Uint8Array.of(1));
    workers[0]!.answer('too-large');
    expect(await first).toEqual(Uint8Array.of(1));
    expect(await second).toBe('too-large');
  });

  it('does in this thread what a failed worker had not answered, and everything after', async () => {
    const worker = new FakeWorker();
    const codec = new WorkerCodec(() => worker as unknown as Worker);
    const message = text(100_000);
    const deflating = codec.deflate(message);
    worker.onerror?.({} as ErrorEvent);
    expect(worker.terminated).toBe(true);
    const deflated = (await deflating)!;
    expect(deflated.length).toBeLessThan(message.length / 4);
    const inflated = await codec.inflate(deflated, MAX_MESSAGE_BYTES);
    expect(inflated).toEqual(inflateMessage(deflated, MAX_MESSAGE_BYTES));
    expect(worker.requests).toHaveLength(1); // only the first ever reached it
  });

  it('works in this thread when no worker can be started', async () => {
    const codec = new WorkerCodec(() => {
      throw new Error('blocked');
    });
    const message = text(100_000);
    const deflated = (await codec.deflate(message))!;
    expect(await codec.inflate(deflated, MAX_MESSAGE_BYTES)).toEqual(message);
  });
});
