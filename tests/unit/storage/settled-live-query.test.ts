import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Dexie, { type Table } from 'dexie';
import { settledLiveQuery } from '../../../src/storage/settled-live-query';

class TestDb extends Dexie {
  items!: Table<{ id: string; n: number }, string>;
  other!: Table<{ id: string }, string>;
  constructor() {
    super(`settled-${Math.random()}`);
    this.version(1).stores({ items: 'id', other: 'id' });
  }
}

/**
 * The clock is fake: timers, Date and the time a run costs move only when a test says so. The
 * database is real (fake-indexeddb, on setImmediate), so a test waits for a run's answer, never for time.
 */
let spent = 0;
beforeEach(() => {
  spent = 0;
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  // A run's cost is page time (performance.now), charged by the querier; timers and Date do not see it.
  vi.spyOn(performance, 'now').mockImplementation(() => Date.now() + spent);
});
const dbs: TestDb[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  for (const db of dbs.splice(0)) await db.delete();
});

/** Opened first: creating the database counts as a write to every table. */
async function opened(): Promise<TestDb> {
  const db = new TestDb();
  dbs.push(db);
  await db.open();
  return db;
}

function watch(db: TestDb, options: { quietMs?: number; maxWaitMs?: number; cost?: () => number } = {}) {
  const values: number[] = [];
  /** Date.now() when each run began: the signal that a run started (or did not). */
  const starts: number[] = [];
  let idle: (() => void)[] = [];
  const settle = () => {
    if (starts.length === 0 || values.length < starts.length) return;
    for (const resolve of idle.splice(0)) resolve();
  };
  const subscription = settledLiveQuery(
    db,
    ['items'],
    async () => {
      starts.push(Date.now());
      const count = await db.items.count();
      spent += options.cost?.() ?? 0;
      return count;
    },
    options.quietMs,
    options.maxWaitMs,
  ).subscribe({
    next: (v) => {
      values.push(v);
      settle();
    },
    error: (error) => {
      throw error;
    },
  });
  return {
    values,
    starts,
    /** Resolves once every run started so far (at least the first) has delivered its answer. */
    idle: () =>
      new Promise<void>((resolve) => {
        idle.push(resolve);
        settle();
      }),
    stop: () => {
      subscription.unsubscribe();
      idle = [];
    },
  };
}

/**
 * Moves the fake clock 1 ms at a time, and before each step waits for the answer of any run that
 * started: a run's cost is what its querier charges, never the time the fake database took.
 */
async function advance(w: ReturnType<typeof watch>, ms: number) {
  await vi.advanceTimersByTimeAsync(0);
  await w.idle();
  for (let i = 0; i < ms; i++) {
    await vi.advanceTimersByTimeAsync(1);
    await w.idle();
  }
}

describe('settledLiveQuery', () => {
  it('answers at once, then once after a burst of writes has settled', async () => {
    const db = await opened();
    const w = watch(db, { quietMs: 60 });
    await w.idle();
    expect(w.values).toEqual([0]);
    for (let i = 0; i < 5; i++) {
      await db.items.put({ id: `i${i}`, n: i });
      await advance(w, 10);
    }
    // The last write was 10 ms ago: 49 ms more is still inside the quiet period, 1 ms more ends it.
    await advance(w, 49);
    expect(w.starts).toHaveLength(1);
    await advance(w, 1);
    expect(w.values).toEqual([0, 5]);
    expect(w.starts).toHaveLength(2);
    w.stop();
  });

  it('ignores writes to other tables, and stops when unsubscribed', async () => {
    const db = await opened();
    const w = watch(db, { quietMs: 20 });
    await w.idle();
    await db.other.put({ id: 'x' });
    // Every timer has fired, and none started a run.
    await vi.runAllTimersAsync();
    await w.idle();
    expect(w.starts).toHaveLength(1);
    w.stop();
    await db.items.put({ id: 'a', n: 1 });
    await vi.runAllTimersAsync();
    expect(w.starts).toHaveLength(1);
    expect(w.values).toEqual([0]);
  });

  it('does not wait forever for writes that never pause', async () => {
    const db = await opened();
    const w = watch(db, { quietMs: 50, maxWaitMs: 120 });
    await w.idle();
    const firstWrite = Date.now();
    for (let i = 0; i < 20; i++) {
      await db.items.put({ id: `i${i}`, n: i });
      await advance(w, 15);
    }
    // Writes 15 ms apart never leave 50 ms of quiet, yet a run came 120 ms after the first of them.
    expect(w.starts[1]! - firstWrite).toBe(120);
    expect(w.values.length).toBeGreaterThan(1);
    w.stop();
  });
});

describe('settledLiveQuery under writes that never stop', () => {
  it('runs a costly query only now and then, not back to back', async () => {
    const db = await opened();
    const w = watch(db, { cost: () => 20 }); // a query that takes 20 ms
    await w.idle();
    const firstWrite = Date.now();
    for (let i = 0; i < 40; i++) {
      await db.items.put({ id: `i${i}`, n: i });
      await advance(w, 5);
    }
    // 200 ms of writes, one every 5 ms: back to back that was a run per write; here the first
    // write's run, then one 10 × 20 ms after it ended.
    expect(w.starts.slice(1).map((at) => at - firstWrite)).toEqual([0, 200]);
    w.stop();
  });

  it('answers a write at once after a slow first run (the start), and throttles after slow later ones', async () => {
    const db = await opened();
    let cost = 300; // a first run slowed by a busy start
    const w = watch(db, { cost: () => cost });
    await w.idle();
    expect(w.values).toEqual([0]);
    cost = 60;
    await db.items.put({ id: 'a', n: 1 });
    // Counted from the start, the next run would wait 3 s.
    await advance(w, 0);
    expect(w.values).toEqual([0, 1]);
    // That one took 60 ms: the next waits 600 ms.
    await db.items.put({ id: 'b', n: 2 });
    await advance(w, 599);
    expect(w.values).toEqual([0, 1]);
    expect(w.starts).toHaveLength(2);
    await advance(w, 1);
    expect(w.values).toEqual([0, 1, 2]);
    w.stop();
  });
});
