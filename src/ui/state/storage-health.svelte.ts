import { createSubscriber } from 'svelte/reactivity';
import type { FormatProblem, ReadOnlyReason, StorageHealth } from '../../storage/storage-health';

/** A workspace's storage health for runes: followed only while something renders it. */
export class StorageHealthView {
  #subscribe: () => void;

  constructor(private readonly health: StorageHealth) {
    this.#subscribe = createSubscriber((update) => health.subscribe(update));
  }

  get readOnly(): boolean {
    this.#subscribe();
    return this.health.readOnly;
  }

  get readOnlyReason(): ReadOnlyReason | null {
    this.#subscribe();
    return this.health.readOnlyReason;
  }

  /** What a newer version of Kehu wrote that this one cannot change, or null. */
  get format(): FormatProblem | null {
    this.#subscribe();
    return this.health.format;
  }

  /** Some store of the workspace failed a write and has not written since. */
  get troubled(): boolean {
    this.#subscribe();
    return this.health.problems.length > 0;
  }
}
