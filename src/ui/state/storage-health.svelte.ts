import { createSubscriber } from 'svelte/reactivity';
import type { StorageHealth } from '../../storage/storage-health';

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

  /** Some store of the workspace failed a write and has not written since. */
  get troubled(): boolean {
    this.#subscribe();
    return this.health.problems.length > 0;
  }
}
