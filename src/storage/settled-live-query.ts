import Dexie, { type ObservabilitySet } from 'dexie';
import type { Subscribable } from './subscribable';

/** A run that took T ms is followed by at least COST_SHARE × T ms without one... */
const COST_SHARE = 10;
/** ...but never by more than this. */
const MAX_REST_MS = 5000;

/**
 * A live query for a summary read alongside the page (the reminders behind the navigation badge
 * and the Today page, up to 1,500 customers): it runs again in a task of its own after a write
 * to one of `tables` has committed, or `quietMs` after the last of a burst of writes, instead
 * of inside the write's wave of live queries. There it went first (it subscribed first), and the
 * page showing the record just written, say an edit from a teammate, waited behind it. Writes
 * that never pause (an import) still get an answer every `maxWaitMs`, or after the rest below
 * when that is longer.
 *
 * It takes little of the page's time: after a run that took T ms, the next waits until 10 T ms
 * after it ended (at most MAX_REST_MS). A teammate's 100k-customer workspace arriving commits a
 * batch every few milliseconds, and the reminders ran back to back, 2.5 s of the page; spaced
 * by only `maxWaitMs`, runs at 100k held the customers table often enough to double the p95 of
 * an edit's save. The first run does not count: it also waits for the database to open and for
 * the rest of the start, and a small workspace's Today page stayed seconds behind a task just
 * saved.
 */
export function settledLiveQuery<T>(db: Dexie, tables: readonly string[], querier: () => Promise<T>, quietMs = 0, maxWaitMs = 1000): Subscribable<T> {
  const prefixes = tables.map((table) => `idb://${db.name}/${table}/`);
  return {
    subscribe(observer) {
      let closed = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let pendingSince: number | null = null;
      let running = false;
      let again = false;
      let lastEnd = -Infinity;
      let lastCost = 0;
      const schedule = () => {
        clearTimeout(timer);
        pendingSince ??= Date.now();
        const settled = Math.min(quietMs, pendingSince + maxWaitMs - Date.now());
        const rest = Math.min(MAX_REST_MS, lastEnd + COST_SHARE * lastCost - performance.now());
        const wait = Math.max(0, settled, rest);
        timer = setTimeout(() => {
          pendingSince = null;
          void run();
        }, wait);
      };
      const run = async () => {
        if (running) {
          again = true;
          return;
        }
        running = true;
        const started = performance.now();
        try {
          // One read transaction: a consistent answer, if one write behind when more came meanwhile.
          const value = await db.transaction('r', tables, querier);
          if (!closed) observer.next(value);
        } catch (error) {
          if (!closed) observer.error?.(error);
        } finally {
          const first = lastEnd === -Infinity;
          lastEnd = performance.now();
          lastCost = first ? 0 : lastEnd - started;
          running = false;
          if (again && !closed) {
            again = false;
            schedule();
          }
        }
      };
      const onMutated = (parts: ObservabilitySet) => {
        if (closed || !Object.keys(parts).some((part) => prefixes.some((prefix) => part.startsWith(prefix)))) return;
        schedule();
      };
      Dexie.on('storagemutated', onMutated);
      void run();
      return {
        unsubscribe() {
          closed = true;
          clearTimeout(timer);
          Dexie.on('storagemutated').unsubscribe(onMutated);
        },
      };
    },
  };
}
