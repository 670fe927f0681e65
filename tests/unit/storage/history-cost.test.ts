import { afterEach, describe, expect, it, vi } from 'vitest';
import { Workspace } from '../../../src/workspace/workspace';
import { writeSample } from '../../../src/workspace/sample-commands';
import { updateCustomer } from '../../../src/workspace/customer-commands';
import { collection } from '../../../src/workspace/layout';
import { SeededRandom } from '../../../src/domain/seeded-random';
import { customerStatuses } from '../../../src/domain/customer';
import type { LogDb } from '../../../src/storage/log-db';
import { replayHistory } from '../../../src/storage/history-replay';
import { identityCodec } from '../../../src/storage/codec';
import { StorageScope } from '../support/storage';

/**
 * The storage cost of the workspace history window (docs/architecture.md, "Workspace history"):
 * 10k sample customers, then 60 days of edits (EDITS_PER_DAY a day, one to two fields each,
 * each saved on its own as a person's edits are), compacted after every 400 updates as the app
 * does; the log's bytes with a 30-day window and without one, and the time to replay it. A measurement,
 * not a test: run it with KEHU_MEASURE_HISTORY=1 (about a minute); it prints a table.
 */
const run = process.env.KEHU_MEASURE_HISTORY ? describe : describe.skip;
const DAY = 24 * 60 * 60 * 1000;
const DAYS = 60;
const EDITS_PER_DAY = Number(process.env.KEHU_EDITS_PER_DAY ?? 200);

const scope = new StorageScope();
afterEach(() => {
  vi.useRealTimers();
  return scope.cleanup();
});

async function logBytes(db: LogDb) {
  let updates = 0;
  let rows = 0;
  await db.updates.each((row) => {
    updates += row.data.length;
    rows++;
  });
  let snapshots = 0;
  await db.snapshotPieces.each((piece) => void (snapshots += piece.data.length));
  return { rows, updates, snapshots, total: updates + snapshots, snapshotCount: await db.snapshots.count() };
}

async function simulate(windowDays: number | null) {
  vi.useFakeTimers({ toFake: ['Date'] });
  const start = new Date('2026-01-01T08:00:00Z').getTime();
  vi.setSystemTime(start);
  const wsId = scope.workspaceId();
  const store = await scope.openStore(wsId);
  store.projection.stop(); // the read tables are not what is measured
  if (windowDays !== null) store.log.historyWindowMs = () => windowDays * DAY;
  const ws = new Workspace(wsId, store.doc, 'member-a');
  await writeSample(ws, 10_000, 7);
  await store.log.flushed();
  await store.log.compact();
  const ids = [...collection(store.doc, 'customers').keys()];
  const rng = new SeededRandom(11);
  let edits = 0;
  for (let day = 1; day <= DAYS; day++) {
    for (let i = 0; i < EDITS_PER_DAY; i++) {
      vi.setSystemTime(start + day * DAY + i * 60_000);
      const id = ids[rng.int(0, ids.length - 1)]!;
      const patch: Record<string, unknown> = { notes: `Called on day ${day}: ${rng.int(0, 1e6)} 跟进中` };
      if (rng.chance(0.3)) patch.status = customerStatuses[rng.int(0, customerStatuses.length - 1)];
      updateCustomer(ws, id, patch);
      await store.log.flushed();
      if (++edits % 400 === 0) await store.log.compact();
    }
  }
  const bytes = await logBytes(scope.logDb(wsId));
  const t0 = performance.now();
  const replay = await replayHistory(scope.logDb(wsId), identityCodec, { changes: true });
  const replayMs = performance.now() - t0;
  replay.doc.destroy();
  vi.useRealTimers();
  return { ...bytes, replayMs: Math.round(replayMs), replayedRows: replay.rows.length };
}

run('history window storage cost (measurement)', () => {
  // KEHU_HISTORY_WINDOW=none or a number of days measures one variant (two processes run faster than one).
  const variants = process.env.KEHU_HISTORY_WINDOW ? [process.env.KEHU_HISTORY_WINDOW] : ['none', '30'];
  it('10k customers, 60 days of edits: the log with and without a 30-day window', { timeout: 3_600_000 }, async () => {
    const mb = (n: number) => (n / 1e6).toFixed(2);
    const table: Record<string, unknown> = {};
    for (const variant of variants) {
      const result = await simulate(variant === 'none' ? null : Number(variant));
      table[variant === 'none' ? 'no window' : `${variant}-day window`] = {
        rows: result.rows,
        'updates MB': mb(result.updates),
        'snapshots MB': mb(result.snapshots),
        snapshots: result.snapshotCount,
        'total MB': mb(result.total),
        'replay ms': result.replayMs,
      };
      expect(result.rows).toBeGreaterThan(0);
    }
    console.table(table);
  });
});
