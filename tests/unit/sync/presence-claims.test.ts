import { describe, expect, it } from 'vitest';
import { CLAIM_GRACE_MS, PresenceClaims } from '../../../src/sync/presence-claims';

const sv = (entries: Record<number, number>) => new Map(Object.entries(entries).map(([client, clock]) => [Number(client), clock]));
const mine = sv({ 1: 5, 2: 3 });

/** Every direct connection answered a sync step 1 sent at or after this time (or never). */
const exchangedAt = (at: number | null) => (since: number) => at !== null && at >= since;

describe('presence claims', () => {
  it('is in sync when every presence holds exactly the same, and behind when one claims more', () => {
    const claims = new PresenceClaims();
    expect(claims.compare(new Map([[7, sv({ 1: 5, 2: 3 })]]), mine, 0, exchangedAt(null))).toEqual({ inSync: true, behind: false, ignored: [] });
    expect(claims.compare(new Map([[7, sv({ 1: 5, 2: 4 })]]), mine, 0, exchangedAt(null))).toEqual({ inSync: false, behind: true, ignored: [] });
    expect(claims.compare(new Map([[7, sv({ 1: 4, 2: 3 })]]), mine, 0, exchangedAt(null))).toEqual({ inSync: false, behind: false, ignored: [] });
    expect(claims.compare(new Map([[7, sv({ 1: 5, 2: 3, 9: 1 })]]), mine, 0, exchangedAt(null)).inSync).toBe(false);
  });

  it('a peer that lies (clock 999999999 for an unknown client) holds the status only until the grace and an exchange have passed', () => {
    const claims = new PresenceClaims();
    const lie = new Map([[7, sv({ 1: 5, 2: 3, 123456: 999999999 })]]);
    expect(claims.compare(lie, mine, 0, exchangedAt(null))).toEqual({ inSync: false, behind: true, ignored: [] });
    // the grace has passed, but no connection has answered since the claim appeared
    expect(claims.compare(lie, mine, CLAIM_GRACE_MS, exchangedAt(null)).inSync).toBe(false);
    expect(claims.compare(lie, mine, CLAIM_GRACE_MS, exchangedAt(-1)).inSync).toBe(false);
    // an exchange has completed, but within the grace
    expect(claims.compare(lie, mine, CLAIM_GRACE_MS - 1, exchangedAt(10)).inSync).toBe(false);
    // both: ignored and reported once, no more asking for what nobody sends
    expect(claims.compare(lie, mine, CLAIM_GRACE_MS, exchangedAt(10))).toEqual({ inSync: true, behind: false, ignored: [7] });
    expect(claims.compare(lie, mine, CLAIM_GRACE_MS + 60_000, exchangedAt(10))).toEqual({ inSync: true, behind: false, ignored: [] });
    // raising the lie changes nothing: it is this device's clock that has not moved
    const higher = new Map([[7, sv({ 1: 5, 2: 3, 123456: 2 ** 40 })]]);
    expect(claims.compare(higher, mine, CLAIM_GRACE_MS + 61_000, exchangedAt(10))).toEqual({ inSync: true, behind: false, ignored: [] });
  });

  it('a peer that claims forever to lack this device’s changes is ignored the same way', () => {
    const claims = new PresenceClaims();
    const creeping = (clock: number) => new Map([[7, sv({ 1: clock, 2: 3 })]]);
    expect(claims.compare(creeping(0), mine, 0, exchangedAt(5)).inSync).toBe(false);
    // its own clock creeping up is no progress this device can check
    expect(claims.compare(creeping(1), mine, CLAIM_GRACE_MS, exchangedAt(5))).toEqual({ inSync: true, behind: false, ignored: [7] });
  });

  it('a gap this device is closing stays trusted, however long it takes', () => {
    const claims = new PresenceClaims();
    const teammate = new Map([[7, sv({ 1: 5, 2: 1_000 })]]);
    for (let step = 0, held = 3; step <= 10; step++, held += 50) {
      const now = step * CLAIM_GRACE_MS;
      expect(claims.compare(teammate, sv({ 1: 5, 2: held }), now, exchangedAt(now))).toEqual({ inSync: false, behind: true, ignored: [] });
    }
    expect(claims.compare(teammate, sv({ 1: 5, 2: 1_000 }), 11 * CLAIM_GRACE_MS, exchangedAt(null)).inSync).toBe(true);
  });

  it('a gap that closes and opens again is fresh again', () => {
    const claims = new PresenceClaims();
    const ahead = new Map([[7, sv({ 1: 5, 2: 4 })]]);
    expect(claims.compare(ahead, mine, 0, exchangedAt(null)).inSync).toBe(false);
    expect(claims.compare(new Map([[7, mine]]), mine, 20_000, exchangedAt(null)).inSync).toBe(true);
    expect(claims.compare(ahead, mine, CLAIM_GRACE_MS, exchangedAt(CLAIM_GRACE_MS)).inSync).toBe(false);
  });

  it('ignores one liar while an honest teammate who is behind still counts', () => {
    const claims = new PresenceClaims();
    const states = (honest: number) => new Map([[7, sv({ 1: 5, 2: 3, 99: 999999999 })], [8, sv({ 1: honest, 2: 3 })]]);
    claims.compare(states(5), mine, 0, exchangedAt(null));
    expect(claims.compare(states(5), mine, CLAIM_GRACE_MS, exchangedAt(1))).toEqual({ inSync: true, behind: false, ignored: [7] });
    // the honest teammate falls behind on a new change of this device: that gap is fresh
    const newer = sv({ 1: 6, 2: 3 });
    expect(claims.compare(states(5), newer, CLAIM_GRACE_MS + 1, exchangedAt(1))).toEqual({ inSync: false, behind: false, ignored: [] });
  });
});
