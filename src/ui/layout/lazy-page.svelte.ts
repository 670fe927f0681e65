/**
 * A page component fetched on first use: each page is a chunk of its own, so the first screen
 * downloads and parses only what it shows. The service worker precaches every chunk, so a page
 * opens offline too; a failed fetch (a deploy replaced the chunks under an open tab) can be retried.
 */
export class LazyPage<T> {
  #load: () => Promise<{ default: T }>;
  private pending: Promise<T | undefined> | undefined;
  /** The component once fetched; read in markup, it renders the page as soon as it comes. */
  current = $state.raw<T | undefined>();
  failed = $state(false);

  constructor(load: () => Promise<{ default: T }>) {
    this.#load = load;
  }

  /** Starts the fetch once (again after a failure) and returns the component if it is here. */
  ensure(): T | undefined {
    this.pending ??= this.#load().then(
      (module) => (this.current = module.default),
      () => {
        this.failed = true;
        this.pending = undefined;
        return undefined;
      },
    );
    return this.current;
  }

  retry(): void {
    this.failed = false;
    this.ensure();
  }
}
