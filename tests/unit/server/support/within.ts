// A bound for a wait that hangs (it names what never came), not a speed claim: on a loaded machine
// an answer can take seconds. Well under the 60 s test timeout.
export const WAIT_MS = 30_000;

/** Resolves with `promise`, or rejects after WAIT_MS saying what never happened. */
export function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
