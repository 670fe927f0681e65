/** What the UI subscribes to; Dexie's observables fit it, so no Dexie type leaks upwards. */
export interface Subscribable<T> {
  subscribe(observer: { next: (value: T) => void; error?: (error: unknown) => void }): { unsubscribe(): void };
}
