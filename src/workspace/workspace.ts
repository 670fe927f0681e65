import type * as Y from 'yjs';
import { LOCAL_ORIGIN } from './origins';

/**
 * A workspace document plus who is editing it. Every command runs in one transaction with the
 * local origin, and is stamped with the device's member id and the clock.
 */
export class Workspace {
  constructor(
    readonly id: string,
    readonly doc: Y.Doc,
    readonly memberId: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * True while generated sample data is written: its records carry createdAt/By like any other,
   * but a hundred thousand synthetic "created" entries would only bloat the history.
   */
  quiet = false;

  now(): string {
    return this.clock().toISOString();
  }

  transact<T>(fn: () => T): T {
    let result!: T;
    this.doc.transact(() => {
      result = fn();
    }, LOCAL_ORIGIN);
    return result;
  }
}
