import { describe, expect, it } from 'vitest';
import { syncPhase, teammatesReached } from '../../../src/sync/sync-status';

describe('sync status', () => {
  it('reads offline, looking, syncing or up to date', () => {
    expect(syncPhase({ online: false, peers: 0, allInSync: false })).toBe('offline');
    expect(syncPhase({ online: true, peers: 0, allInSync: false })).toBe('looking');
    expect(syncPhase({ online: true, peers: 2, allInSync: false })).toBe('syncing');
    expect(syncPhase({ online: true, peers: 2, allInSync: true })).toBe('up-to-date');
  });

  it('counts teammates reached through another device, not connections', () => {
    // A ── B ── C: A holds one connection, to B, and exchanges changes with both.
    expect(teammatesReached(1, 2)).toBe(2);
    // One teammate with two tabs open: two connections, one teammate.
    expect(teammatesReached(2, 1)).toBe(1);
    // Connected, before the teammate's presence has arrived.
    expect(teammatesReached(1, 0)).toBe(1);
    // Presence lingers for a while after the last connection closed: nobody is reached.
    expect(teammatesReached(0, 2)).toBe(0);
  });
});
