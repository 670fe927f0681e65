import { describe, expect, it } from 'vitest';
import { WorkerSink } from '../../../src/storage/projection-sink';
import { isQuotaError } from '../../../src/storage/errors';
import { StorageHealth } from '../../../src/storage/storage-health';
import { reportedSink } from '../../../src/storage/reported-sink';
import { dropListState, measureUsage } from '../../../src/storage/storage-usage';
import { customerRecord } from '../support/fixtures';
import { StorageScope } from '../support/storage';
import { fakeProjectionWorker } from '../support/fake-projection-worker';
import { fullDiskPerTest } from '../support/full-disk';

const scope = new StorageScope();
const disk = fullDiskPerTest(scope);

/** The projection worker's service behind a WorkerSink, messages copied as postMessage copies them. */
function workerSink(wsId: string) {
  return new WorkerSink(wsId, fakeProjectionWorker().create);
}

describe('a full disk seen by the projection worker', () => {
  it('reaches the page as a quota failure (its name does not cross postMessage by itself), and health clears after a rebuild', async () => {
    const wsId = scope.workspaceId();
    const health = new StorageHealth();
    const sink = reportedSink(workerSink(wsId), health);
    scope.onCleanup(() => sink.close());
    const record = customerRecord({ name: '王建国' });
    disk.fill((db) => db === `kehu-read-${wsId}`);
    const failed = await sink.write({ kind: 'records', collection: 'customers', entries: [[String(record.id), { record }]] }).catch((error: unknown) => error);
    expect(isQuotaError(failed)).toBe(true);
    expect(health.problem('tables')).toEqual({ store: 'tables', reason: 'quota' });
    // A later batch that goes in does not make the tables whole: only a reset and a full pass do.
    disk.free();
    await sink.write({ kind: 'meta', meta: { sv: new Uint8Array([0]) } });
    expect(health.readOnly).toBe(true);
    await sink.write({ kind: 'reset' });
    await sink.write({ kind: 'records', collection: 'customers', entries: [[String(record.id), { record }]] });
    await sink.write({ kind: 'meta', meta: { sv: new Uint8Array([0]) } });
    expect(health.problems).toEqual([]);
  });
});

describe('what uses space', () => {
  it('counts each store, and dropping the saved list state frees only that', async () => {
    const wsId = scope.workspaceId();
    const store = await scope.openStore(wsId);
    const read = scope.readDb(wsId);
    const record = customerRecord({ name: '王建国' });
    await read.customers.put({ ...record, alive: 1 } as never);
    await read.listSnapshot.put({ key: 'list', seq: 1, version: 2, state: { rows: new Uint8Array(4096) } });
    store.doc.getMap('customers');
    const before = await measureUsage(scope.logDb(wsId), read);
    const of = (usage: typeof before, name: string) => usage.find((u) => u.store === name)!;
    expect(of(before, 'tables').rows).toBe(1);
    expect(of(before, 'tables').bytes).toBeGreaterThan(100);
    expect(of(before, 'list')).toEqual({ store: 'list', rows: 1, bytes: expect.any(Number) });
    expect(of(before, 'list').bytes).toBeGreaterThanOrEqual(4096);
    await dropListState(read);
    const after = await measureUsage(scope.logDb(wsId), read);
    expect(of(after, 'list')).toEqual({ store: 'list', rows: 0, bytes: 0 });
    expect(of(after, 'tables')).toEqual(of(before, 'tables'));
  });
});

describe('isQuotaError', () => {
  it.each([
    [new DOMException('full', 'QuotaExceededError'), true],
    [Object.assign(new Error('wrapped'), { name: 'AbortError', inner: { name: 'QuotaExceededError' } }), true],
    // A worker's error reaches the page as its message only (the compaction worker's, for one).
    [new Error('AbortError: QuotaExceededError The quota has been exceeded.'), true],
    [new Error('ConstraintError'), false],
    ['QuotaExceededError', false],
    [null, false],
  ])('%s -> %s', (error, quota) => {
    expect(isQuotaError(error)).toBe(quota);
  });
});
