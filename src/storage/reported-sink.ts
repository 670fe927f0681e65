import type { ProjectionSink } from './projection-sink';
import type { ProjectionBatch } from './projection-batches';
import type { StorageHealth } from './storage-health';

/**
 * Tells `health` how the read tables' writes go. A failed batch leaves the tables short of
 * something until they are rebuilt, so the problem stays until a reset and every batch after it
 * up to a state vector ('meta') are written, which is when the writer marks them current again.
 */
export function reportedSink(sink: ProjectionSink, health: StorageHealth): ProjectionSink {
  let failedSinceReset = false;
  let closed = false;
  return {
    write(batch: ProjectionBatch) {
      const written = sink.write(batch);
      written.then(
        () => {
          if (batch.kind === 'reset') failedSinceReset = false;
          else if (batch.kind === 'meta' && !failedSinceReset) health.clear('tables');
        },
        (error: unknown) => {
          // Closing rejects what is still waiting: that is not a failure of the tables.
          if (closed) return;
          failedSinceReset = true;
          health.report('tables', error);
        },
      );
      return written;
    },
    onChange: (listener) => sink.onChange(listener),
    sendChangesTo: (port) => sink.sendChangesTo(port),
    close: () => {
      closed = true;
      sink.close();
    },
  };
}
