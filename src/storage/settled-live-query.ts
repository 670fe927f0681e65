import Dexie, { type ObservabilitySet } from 'dexie';
import type { Subscribable } from './queries';

/**
 * A live query for a summary that may trail a write by a moment (the reminders behind the
 * navigation badge and the Today page): it runs again `quietMs` after the last committed write
 * to one of `tables`, not in the wave of queries each write sets off. A liveQuery re-runs at
 * once, and the reminders read up to 1,500 customers: every customer edit, local or from a
 * teammate, made the edited customer's own page wait behind them (an edit from a teammate
 * reached the page in 25 ms at the median with them, 16 ms without). 50 ms later, that page has
 * its answer and the person sees no lag. Writes that never pause (an import) still get an
 * answer every `maxWaitMs`.
 */
export function settledLiveQuery<T>(db: Dexie, tables: readonly string[], querier: () => Promise<T>, quietMs = 50, maxWaitMs = 1000): Subscribable<T> {
  const prefixes = tables.map((table) => `idb://${db.name}/${table}/`);
  return {
    subscribe(observer) {
      let closed = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let pendingSince: number | null = null;
      let running = false;
      let again = false;
      const run = async () => {
        if (running) {
          again = true;
          return;
        }
        running = true;
        try {
          do {
            again = false;
            const value = await db.transaction('r', tables, querier);
            if (!closed && !again) observer.next(value);
          } while (again && !closed);
        } catch (error) {
          if (!closed) observer.error?.(error);
        } finally {
          running = false;
        }
      };
      const onMutated = (parts: ObservabilitySet) => {
        if (closed || !Object.keys(parts).some((part) => prefixes.some((prefix) => part.startsWith(prefix)))) return;
        clearTimeout(timer);
        pendingSince ??= Date.now();
        const wait = Math.max(0, Math.min(quietMs, pendingSince + maxWaitMs - Date.now()));
        timer = setTimeout(() => {
          pendingSince = null;
          void run();
        }, wait);
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
