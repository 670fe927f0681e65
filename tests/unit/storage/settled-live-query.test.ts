import { afterEach, describe, expect, it } from 'vitest';
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const dbs: TestDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** Opened first: creating the database counts as a write to every table. */
async function opened(): Promise<TestDb> {
  const db = new TestDb();
  dbs.push(db);
  await db.open();
  return db;
}

function watch(db: TestDb, quietMs: number, maxWaitMs = 10_000) {
  const values: number[] = [];
  let runs = 0;
  const subscription = settledLiveQuery(
    db,
    ['items'],
    async () => {
      runs++;
      return db.items.count();
    },
    quietMs,
    maxWaitMs,
  ).subscribe({ next: (v) => values.push(v) });
  return { values, runs: () => runs, stop: () => subscription.unsubscribe() };
}

describe('settledLiveQuery', () => {
  it('answers at once, then once after a burst of writes has settled', async () => {
    const db = await opened();
    const w = watch(db, 60);
    await sleep(20);
    expect(w.values).toEqual([0]);
    for (let i = 0; i < 5; i++) {
      await db.items.put({ id: `i${i}`, n: i });
      await sleep(10);
    }
    expect(w.values).toEqual([0]);
    await sleep(150);
    expect(w.values).toEqual([0, 5]);
    expect(w.runs()).toBe(2);
    w.stop();
  });

  it('ignores writes to other tables, and stops when unsubscribed', async () => {
    const db = await opened();
    const w = watch(db, 20);
    await sleep(20);
    await db.other.put({ id: 'x' });
    await sleep(80);
    expect(w.runs()).toBe(1);
    w.stop();
    await db.items.put({ id: 'a', n: 1 });
    await sleep(80);
    expect(w.values).toEqual([0]);
  });

  it('does not wait forever for writes that never pause', async () => {
    const db = await opened();
    const w = watch(db, 50, 120);
    await sleep(20);
    for (let i = 0; i < 20; i++) {
      await db.items.put({ id: `i${i}`, n: i });
      await sleep(15);
    }
    // 20 writes 15+ ms apart never leave 50 ms of quiet, yet the answer came within 120 ms.
    expect(w.values.length).toBeGreaterThan(1);
    w.stop();
  });
});

describe('settledLiveQuery under writes that never stop', () => {
  it('runs a costly query only now and then, not back to back', async () => {
    const db = await opened();
    let runs = 0;
    const subscription = settledLiveQuery(db, ['items'], async () => {
      runs++;
      const count = await db.items.count();
      const until = performance.now() + 20; // a query that takes 20 ms
      while (performance.now() < until);
      return count;
    }).subscribe({ next: () => {} });
    await sleep(60);
    const before = runs;
    for (let i = 0; i < 40; i++) {
      await db.items.put({ id: `i${i}`, n: i });
      await sleep(5);
    }
    // About 300 ms of writes: back to back that was ~12 runs; at a tenth of the time, 2 or so.
    expect(runs - before).toBeLessThanOrEqual(4);
    await sleep(400);
    subscription.unsubscribe();
  });

  it('answers a write at once after a slow first run (the start), and throttles after slow later ones', async () => {
    const db = await opened();
    let cost = 300; // a first run slowed by a busy start
    const seen: number[] = [];
    const subscription = settledLiveQuery(db, ['items'], async () => {
      const count = await db.items.count();
      const until = performance.now() + cost;
      while (performance.now() < until);
      return count;
    }).subscribe({ next: (v) => seen.push(v) });
    await sleep(350);
    expect(seen).toEqual([0]);
    cost = 60;
    await db.items.put({ id: 'a', n: 1 });
    // Counted from the start, the next run would wait 3 s.
    await sleep(200);
    expect(seen).toEqual([0, 1]);
    // That one took 60 ms: the next waits about 600 ms.
    await db.items.put({ id: 'b', n: 2 });
    await sleep(250);
    expect(seen).toEqual([0, 1]);
    await sleep(600);
    expect(seen).toEqual([0, 1, 2]);
    subscription.unsubscribe();
  });
});
