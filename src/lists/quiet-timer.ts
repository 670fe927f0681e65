/**
 * Runs `run` once calls to later() stop for `quietMs`, and no later than `atMostMs` after the
 * first of them since done(): work that keeps coming does not postpone it forever.
 */
export function whenQuiet(run: () => void, quietMs: number, atMostMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let since: number | null = null;
  const at = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(run, ms);
  };
  return {
    later(): void {
      since ??= Date.now();
      at(Date.now() - since >= atMostMs ? 0 : quietMs);
    },
    /** Runs it again as soon as the thread is free: to go on with work done in slices. */
    soon(): void {
      at(0);
    },
    /** What waited is done: the next later() starts a new wait. */
    done(): void {
      since = null;
    },
    cancel(): void {
      clearTimeout(timer);
    },
  };
}
