import type { Subscribable } from '../../../src/storage/subscribable';

/** The current value of a live query. */
export function first<T>(query: Subscribable<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const sub = query.subscribe({
      next: (value) => {
        resolve(value);
        queueMicrotask(() => sub.unsubscribe());
      },
      error: reject,
    });
  });
}
