import { SaveFailedError } from '../storage/errors';
import { StorageHealth, type StoreProblem } from '../storage/storage-health';

export type SaveState =
  | { state: 'saved' }
  | { state: 'saving' }
  /** The update log could not be written: the changes are kept in memory and written again. */
  | { state: 'failed'; reason: SaveFailedError['reason'] }
  /** Every change is in the log, but another store failed (the read tables, snapshots, ...). */
  | { state: 'incomplete'; problem: StoreProblem };

type Listener = (state: SaveState) => void;

/**
 * Whether every edit so far is durable, and whether every other store kept up; the status line
 * and the save buttons follow it. "saved" is said only when both are true.
 */
export class SaveStatus {
  #inFlight = 0;
  #current: SaveState = { state: 'saved' };
  #listeners = new Set<Listener>();

  constructor(readonly health: StorageHealth = new StorageHealth()) {
    health.subscribe(() => this.#update());
  }

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
    this.#update();
    try {
      await flushed;
      this.#inFlight -= 1;
      // Everything the log had seen is committed, the updates kept after a failure included.
      this.health.clear('log');
      this.#update();
    } catch (error) {
      this.#inFlight -= 1;
      this.health.report('log', error instanceof SaveFailedError ? error : new SaveFailedError('unknown', { cause: error }));
      this.#update();
      throw error;
    }
  }

  #update() {
    const [first] = this.health.problems;
    const next: SaveState =
      this.#inFlight > 0
        ? { state: 'saving' }
        : first?.store === 'log'
          ? { state: 'failed', reason: first.reason }
          : first
            ? { state: 'incomplete', problem: first }
            : { state: 'saved' };
    if (JSON.stringify(next) === JSON.stringify(this.#current)) return;
    this.#current = next;
    for (const listener of this.#listeners) listener(next);
  }
}
