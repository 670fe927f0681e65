import Dexie, { type ObservabilitySet } from 'dexie';
import type { Subscribable } from './queries';

/**
 * A live query for a summary read alongside the page (the reminders behind the navigation badge
 * and the Today page, up to 1,500 customers): it runs again in a task of its own after a write
 * to one of `tables` has committed, or `quietMs` after the last of a burst of writes, instead
 * of inside the write's wave of live queries. There it went first (it subscribed first), and the
 * page showing the record just written, say an edit from a teammate, waited behind it. Writes
 * that never pause (an import) still get an answer every `maxWaitMs`.
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
