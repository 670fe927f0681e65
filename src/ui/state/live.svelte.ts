import { createSubscriber } from 'svelte/reactivity';
import type { Subscribable } from '../../storage/subscribable';

/**
 * Bridges a storage query to runes: `.current` is the latest result, subscribed only while
 * something renders it. Build it inside `$derived` when its query depends on reactive input.
 */
export class Live<T> {
  #value: T | undefined;
  #error: unknown = null;
  #loaded = false;
  #subscribe: () => void;

  constructor(source: Subscribable<T>) {
    this.#subscribe = createSubscriber((update) => {
      const subscription = source.subscribe({
        next: (value) => {
          this.#value = value;
          this.#loaded = true;
          update();
        },
        error: (error) => {
          this.#error = error;
          update();
        },
      });
      return () => subscription.unsubscribe();
    });
  }

  get current(): T | undefined {
    this.#subscribe();
    return this.#value;
  }

  get loaded(): boolean {
    this.#subscribe();
    return this.#loaded;
  }

  get error(): unknown {
    this.#subscribe();
    return this.#error;
  }
}
