import { afterEach, describe, expect, it, vi } from 'vitest';
import { inOrder, ProjectionWriter } from '../../../src/storage/projection-writer';
import type { ProjectedChange, ProjectionBatch } from '../../../src/storage/projection-batches';
import { customerRecord } from '../support/fixtures';
import { StorageScope } from '../support/storage';

const scope = new StorageScope();
afterEach(() => scope.cleanup());

function setup() {
  const db = scope.readDb(scope.workspaceId());
  const seen: ProjectedChange[] = [];
  const write = inOrder(new ProjectionWriter(db), (change) => seen.push(change));
  return { db, seen, write };
}

let made = 0;

function customers(...names: string[]): { batch: ProjectionBatch } {
  const records = names.map((name) => customerRecord({ name, id: `01960000-0000-7000-8000-${String(++made).padStart(12, '0')}` }));
  return { batch: { kind: 'records', collection: 'customers', entries: records.map((r) => [String(r.id), { record: r }]) } };
}

describe('the order of projected batches', () => {
  it('hands on each batch’s rows as soon as it is given, and says when each is written, in order', async () => {
    const { db, seen, write } = setup();
    const first = customers('Ann');
    const second = customers('Bo');
    const written = [write(first.batch), write(second.batch)];
    // Nothing is written yet, and both batches' rows are out.
    expect(seen).toMatchObject([
      { kind: 'rows', rows: [{ name: 'Ann' }] },
      { kind: 'rows', rows: [{ name: 'Bo' }] },
    ]);
    expect(await db.customers.count()).toBe(0);
    await Promise.all(written);
    const [a, b] = seen.map((c) => (c.kind === 'rows' ? c.batch : -1));
    expect(seen.slice(2)).toEqual([
      { kind: 'written', batch: a, seq: 1 },
      { kind: 'written', batch: b, seq: 2 },
    ]);
    expect(await db.customers.count()).toBe(2);
  });

  it('after a reset, rows wait until it is written: the list clears itself on it', async () => {
    const { seen, write } = setup();
    const before = customers('Kept');
    const after = customers('Rebuilt');
    const done = [write(before.batch), write({ kind: 'reset' }), write(after.batch)];
    expect(seen.map((c) => c.kind)).toEqual(['rows']);
    await Promise.all(done);
    expect(seen.map((c) => c.kind)).toEqual(['rows', 'written', 'reset', 'rows', 'written']);
    expect(seen[3]).toMatchObject({ rows: [{ name: 'Rebuilt' }] });
    // Numbering starts again after the reset.
    expect(seen[4]).toMatchObject({ seq: 1 });
  });

  it('says so when a batch fails to be written, and writes the next', async () => {
    const { db, seen, write } = setup();
    const lost = customers('Lost');
    const next = customers('Next');
    vi.spyOn(db, 'transaction').mockRejectedValueOnce(new Error('QuotaExceededError'));
    await expect(write(lost.batch)).rejects.toThrow('QuotaExceededError');
    await write(next.batch);
    expect(seen.map((c) => c.kind)).toEqual(['rows', 'written', 'rows', 'written']);
    expect(seen[1]).toMatchObject({ kind: 'written', failed: true });
    expect(seen[3]).toMatchObject({ kind: 'written', seq: 1 });
    expect((await db.customers.toArray()).map((c) => c.name)).toEqual(['Next']);
  });

  it('a batch that changes nothing sends no rows', async () => {
    const { seen, write } = setup();
    await write({ kind: 'records', collection: 'customers', entries: [] });
    expect(seen.filter((c) => c.kind === 'rows')).toEqual([]);
  });
});
