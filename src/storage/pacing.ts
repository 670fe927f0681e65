/**
 * Lets the page paint and handle input between slices of long work. `scheduler.yield()` where
 * the browser has it; otherwise a message round trip, which (unlike setTimeout) is not clamped
 * to 4 ms once calls nest.
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Long tasks stay under this, well below the 200 ms after which a page feels frozen. */
export const SLICE_MS = 25;

/** Call after each unit of work; it yields once the current slice has used its time. */
export function pacer(budgetMs = SLICE_MS): () => Promise<void> {
  let start = performance.now();
  return async () => {
    if (performance.now() - start < budgetMs) return;
    await yieldToPage();
    start = performance.now();
  };
}
