import { SaveFailedError } from '../storage/errors';

export type SaveState = { state: 'saved' } | { state: 'saving' } | { state: 'failed'; reason: SaveFailedError['reason'] };

type Listener = (state: SaveState) => void;

/** Whether every edit so far is durable; the status line and the save buttons follow it. */
export class SaveStatus {
  #inFlight = 0;
  #current: SaveState = { state: 'saved' };
  #listeners = new Set<Listener>();

  get current(): SaveState {
    return this.#current;
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    listener(this.#current);
    return () => this.#listeners.delete(listener);
  }

  async track(flushed: Promise<void>): Promise<void> {
    this.#inFlight += 1;
    this.#set({ state: 'saving' });
    try {
      await flushed;
      if (--this.#inFlight === 0) this.#set({ state: 'saved' });
    } catch (error) {
      this.#inFlight -= 1;
      this.#set({ state: 'failed', reason: error instanceof SaveFailedError ? error.reason : 'unknown' });
      throw error;
    }
  }

  #set(state: SaveState) {
    this.#current = state;
    for (const listener of this.#listeners) listener(state);
  }
}
