import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Projection } from '../../../src/storage/projection';
import { InThreadSink } from '../../../src/storage/projection-sink';
import type { ProjectionBatch } from '../../../src/storage/projection-batches';
import { SAMPLE_BATCH, writeSample } from '../../../src/workspace/sample-commands';
import { collection, collectionNames } from '../../../src/workspace/layout';
import { Workspace } from '../../../src/workspace/workspace';
import { StorageScope } from '../support/storage';

const scope = new StorageScope();
afterEach(() => scope.cleanup());

const NOW = new Date('2026-03-01T08:00:00.000Z');

/**
 * The 100k sample with its history is about two million records: a projection that read any
 * record more than once while the batches go in (the records of earlier batches again, or the
 * dependants of each new one) costs the square of that. Counted, not timed.
 */
describe('projecting a sample load', () => {
  it('reads and writes each record of a multi-batch sample exactly once', async () => {
    const wsId = scope.workspaceId();
    const doc = new Y.Doc();
    const inner = new InThreadSink(scope.readDb(wsId));
    const sent = new Map<string, number>();
    const sink = {
      write(batch: ProjectionBatch) {
        if (batch.kind === 'records') for (const [id] of batch.entries) sent.set(`${batch.collection}/${id}`, (sent.get(`${batch.collection}/${id}`) ?? 0) + 1);
        return inner.write(batch);
      },
      onChange: inner.onChange.bind(inner),
      sendChangesTo: inner.sendChangesTo.bind(inner),
      close: () => inner.close(),
    };
    const projection = new Projection(doc, scope.readDb(wsId), sink);
    projection.start();
    scope.onCleanup(() => projection.stop());
    const ws = new Workspace(wsId, doc, 'member-a', () => NOW);

    // Each batch is projected while the next is written, as in the browser.
    await writeSample(ws, SAMPLE_BATCH * 3 + 7, 3);
    await projection.idle();

    const records = collectionNames.reduce((n, name) => n + collection(doc, name).size, 0);
    expect(records).toBeGreaterThan(SAMPLE_BATCH * 3 * 15);
    expect(sent.size).toBe(records);
    expect([...sent.values()].filter((n) => n !== 1)).toEqual([]);
  });
});
