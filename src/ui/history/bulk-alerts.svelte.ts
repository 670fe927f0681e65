import { createSubscriber } from 'svelte/reactivity';
import type { BulkChangeAlert, BulkChangeWatch } from '../../app/bulk-change-watch';

/** Runes view of the bulk changes from other devices that wait for a review. */
export class BulkAlerts {
  #subscribe: () => void;

  constructor(readonly watch: BulkChangeWatch) {
    this.#subscribe = createSubscriber((update) => watch.subscribe(update));
  }

  get current(): readonly BulkChangeAlert[] {
    this.#subscribe();
    return this.watch.alerts;
  }
}
