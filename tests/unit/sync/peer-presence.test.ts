import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { PeerSync } from '../../../src/sync/peer-sync';
import { deriveWorkspaceKeys } from '../../../src/sync/keys';

describe('PeerSync presence', () => {
  // No peer connects here (no relays): the wrapper only needs the constructor to exist.
  beforeEach(() => {
    for (const name of ['RTCPeerConnection', 'RTCSessionDescription', 'RTCIceCandidate']) vi.stubGlobal(name, class {});
  });
  afterEach(() => vi.unstubAllGlobals());

  it('a new provider (after a relay change) goes on counting the same presence, so teammates accept it', async () => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    const keys = await deriveWorkspaceKeys('ws-presence', 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0');
    const options = { relays: [], iceServers: [], member: { id: 'm1', name: 'Li' }, knownTeammates: [], saveTeammates: () => {}, onProblem: () => {}, awareness };
    const first = new PeerSync(doc, keys, options);
    expect(first.provider.awareness).toBe(awareness);
    const clockBefore = awareness.meta.get(doc.clientID)!.clock;
    first.destroy();
    const second = new PeerSync(doc, keys, options);
    // A teammate applies a presence update only when its clock is higher than the last one seen.
    expect(awareness.meta.get(doc.clientID)!.clock).toBeGreaterThan(clockBefore);
    expect((awareness.getLocalState() as { member?: { name: string } }).member?.name).toBe('Li');
    second.destroy();
    awareness.destroy();
    doc.destroy();
  });

  it("a change to the document shows in this device's status within 100 ms, before its presence goes out", async () => {
    const doc = new Y.Doc();
    const keys = await deriveWorkspaceKeys('ws-status', 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    try {
      const sync = new PeerSync(doc, keys, { relays: [], iceServers: [], member: { id: 'm1', name: 'Li' }, knownTeammates: [], saveTeammates: () => {}, onProblem: () => {} });
      const refreshed = vi.fn();
      sync.subscribe(refreshed);
      doc.getMap('m').set('k', 1);
      vi.advanceTimersByTime(99);
      expect(refreshed).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(refreshed).toHaveBeenCalledOnce();
      sync.destroy();
    } finally {
      vi.useRealTimers();
      doc.destroy();
    }
  });

  it('a new provider lists the teammates its awareness already holds as online', async () => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    // Wang's presence arrived through the previous provider; after a relay change Wang sends it
    // again unchanged, which the awareness takes as no change at all.
    const wang = new Awareness(new Y.Doc());
    wang.setLocalState({ member: { id: 'm2', name: 'Wang Fang' }, viewing: null, sv: {} });
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(wang, [wang.clientID]), 'previous provider');
    const keys = await deriveWorkspaceKeys('ws-presence-kept', 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0');
    const sync = new PeerSync(doc, keys, { relays: [], iceServers: [], member: { id: 'm1', name: 'Li' }, knownTeammates: [], saveTeammates: () => {}, onProblem: () => {}, awareness });
    expect(sync.teammates.map((t) => [t.name, t.online])).toEqual([['Wang Fang', true]]);
    sync.destroy();
    wang.destroy();
    awareness.destroy();
    doc.destroy();
  });
});
