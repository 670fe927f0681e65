import { afterEach } from 'vitest';
import type { StorageScope } from './storage';

/**
 * Makes fake-indexeddb behave like a full disk for the object stores `full(db, store)` picks: a
 * write there throws the QuotaExceededError DOMException a browser throws. Returns the function
 * that frees the space again.
 */
export function fillDisk(full: (db: string, store: string) => boolean): () => void {
  const proto = globalThis.IDBObjectStore.prototype;
  const originals = { put: proto.put, add: proto.add };
  const guard = <F extends (this: IDBObjectStore, ...args: never[]) => unknown>(write: F) =>
    function (this: IDBObjectStore, ...args: Parameters<F>) {
      if (full(this.transaction.db.name, this.name)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return write.apply(this, args);
    };
  proto.put = guard(originals.put) as typeof proto.put;
  proto.add = guard(originals.add) as typeof proto.add;
  return () => {
    proto.put = originals.put;
    proto.add = originals.add;
  };
}

/**
 * fillDisk for the tests of one file: an afterEach frees the space before the scope's databases
 * are cleaned up, so a failed test never leaves the disk full for the next.
 */
export function fullDiskPerTest(scope: StorageScope): { fill: (full: (db: string, store: string) => boolean) => void; free: () => void } {
  let release: (() => void) | null = null;
  const free = () => {
    release?.();
    release = null;
  };
  afterEach(async () => {
    free();
    await scope.cleanup();
  });
  return { fill: (full) => (release = fillDisk(full)), free };
}
