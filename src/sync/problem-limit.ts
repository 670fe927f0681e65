/**
 * Problems anyone in the room can cause at will (a message type nobody knows, a signalling
 * message under another key) are reported once per kind per window, with how many were dropped
 * since: each report is a row of the problems table, and a stranger sending thousands a second
 * must not fill it.
 */
export const PROBLEM_WINDOW_MS = 60_000;

export class ProblemLimit {
  readonly #lastAt = new Map<string, number>();

  constructor(
    private readonly report: (reason: string) => void,
    private readonly windowMs = PROBLEM_WINDOW_MS,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Reports `reason` unless it was reported within the window; returns whether it did. */
  add(reason: string): boolean {
    const at = this.now();
    const last = this.#lastAt.get(reason);
    if (last !== undefined && at - last < this.windowMs) return false;
    this.#lastAt.set(reason, at);
    this.report(reason);
    return true;
  }
}
