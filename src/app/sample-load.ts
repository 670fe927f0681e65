/** How far a sample load has got: customers written of the total; null when none is running. */
export interface SampleProgress {
  written: number;
  total: number;
}

type Listener = (progress: SampleProgress | null) => void;

/**
 * The progress of a sample load, kept by the session rather than by the page that started it:
 * 100k customers with their history take minutes, and a person who moves to another page and
 * back still sees how far it is.
 */
export class SampleLoad {
  #current: SampleProgress | null = null;
  #listeners = new Set<Listener>();

  get current(): SampleProgress | null {
    return this.#current;
  }

  set(progress: SampleProgress | null): void {
    this.#current = progress;
    for (const listener of this.#listeners) listener(progress);
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    listener(this.#current);
    return () => this.#listeners.delete(listener);
  }
}
