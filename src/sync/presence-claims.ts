/**
 * Whether this device and the teammates present hold the same changes, without letting one
 * presence hold the status hostage. A presence only claims a state vector; a device that claims
 * changes nobody ever sends (clock 999999999 for a client nobody knows), or claims forever to
 * lack changes it has been sent, would keep the status at "Syncing" for good. So each gap between
 * a claim and this device's document is trusted for CLAIM_GRACE_MS, and then only until every
 * direct connection has answered a sync step 1 sent after the gap appeared (and no answer either
 * way is still streaming): what the connected devices hold has then arrived, and what this device
 * holds has been sent. A gap left after that is ignored, and its presence reported once.
 * A gap this device is closing (its own clock for that client moves) is fresh again: a teammate
 * can fake its own clock, never this device's. See docs/sync-protocol.md, "Presence claims".
 */
type StateVector = ReadonlyMap<number, number>;

/** Three resync rounds: a real gap is closed by the answers of those rounds, or it moves. */
export const CLAIM_GRACE_MS = 30_000;

/** Awareness clients reported as lying; more are not reported again (they still change nothing). */
const MAX_REPORTED = 1_000;

interface Gap {
  since: number;
  /** Who holds more for this client: the teammate ('them') or this device ('me'). */
  ahead: 'them' | 'me';
  /** This device's clock for the client when the gap was (last) fresh. */
  held: number;
}

export interface ClaimVerdict {
  /** No trusted gap: every teammate present holds what this device holds, and the reverse. */
  inSync: boolean;
  /** A trusted claim shows changes this device lacks: ask the peers for them now. */
  behind: boolean;
  /** Awareness clients whose claims were ignored for the first time (to report). */
  ignored: number[];
}

export class PresenceClaims {
  /** `${awareness client}:${yjs client}` → the gap between that claim and this document. */
  #gaps = new Map<string, Gap>();
  #reported = new Set<number>();

  /**
   * Compares this device's state vector with each teammate's claimed one. `exchangedSince(t)`
   * says whether every direct connection has answered a sync step 1 after `t`, and no answer is
   * still on its way.
   */
  compare(claims: ReadonlyMap<number, StateVector>, mine: StateVector, now: number, exchangedSince: (since: number) => boolean): ClaimVerdict {
    const verdict: ClaimVerdict = { inSync: true, behind: false, ignored: [] };
    const seen = new Set<string>();
    for (const [presenceClient, theirs] of claims) {
      let ignoredHere = false;
      const weigh = (client: number, held: number, claimed: number) => {
        if (held === claimed) return;
        const key = `${presenceClient}:${client}`;
        seen.add(key);
        const ahead = claimed > held ? 'them' : 'me';
        let gap = this.#gaps.get(key);
        if (!gap || gap.ahead !== ahead || (ahead === 'them' && gap.held !== held)) {
          gap = { since: now, ahead, held };
          this.#gaps.set(key, gap);
        }
        if (now - gap.since >= CLAIM_GRACE_MS && exchangedSince(gap.since)) {
          ignoredHere = true;
          return;
        }
        verdict.inSync = false;
        if (ahead === 'them') verdict.behind = true;
      };
      for (const [client, held] of mine) weigh(client, held, theirs.get(client) ?? 0);
      for (const [client, claimed] of theirs) if (!mine.has(client)) weigh(client, 0, claimed);
      if (ignoredHere && !this.#reported.has(presenceClient) && this.#reported.size < MAX_REPORTED) {
        this.#reported.add(presenceClient);
        verdict.ignored.push(presenceClient);
      }
    }
    for (const key of this.#gaps.keys()) if (!seen.has(key)) this.#gaps.delete(key);
    return verdict;
  }
}
