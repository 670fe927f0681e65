import { createSubscriber } from 'svelte/reactivity';
import type { SyncService } from '../../app/sync-service';

/** Runes view of a workspace's sync service: status and teammates, re-read when it reports. */
export class SyncView {
  #subscribe: () => void;

  constructor(readonly service: SyncService) {
    this.#subscribe = createSubscriber((update) => service.subscribe(update));
  }

  get status() {
    this.#subscribe();
    return this.service.status;
  }

  get teammates() {
    this.#subscribe();
    return this.service.teammates;
  }

  get routes() {
    this.#subscribe();
    return this.service.routes;
  }
}
