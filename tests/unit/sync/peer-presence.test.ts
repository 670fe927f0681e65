import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { PeerSync } from '../../../src/sync/peer-sync';
import { ChunkedDataChannel } from '../../../src/sync/chunked-channel';
import type { WebrtcConn } from '../../../src/sync/webrtc/y-webrtc';
import { deriveWorkspaceKeys } from '../../../src/sync/keys';
import { CLAIM_GRACE_MS } from '../../../src/sync/presence-claims';
import { isSyncStep } from '../../../src/sync/sync-messages';
import { stateVectorOf, svToJson } from '../../../src/sync/state-vectors';

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

  /**
   * A device with one direct connection (a fake y-webrtc connection whose peer answers each sync
   * step 1 at once, with nothing new, once `answering` is set) and teammates whose presence is
   * applied as if it came through it.
   */
  async function connectedDevice(id: string) {
    const doc = new Y.Doc();
    doc.getMap('customers').set('c1', 'mine');
    const keys = await deriveWorkspaceKeys(id, 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0');
    const problems: string[] = [];
    const sync = new PeerSync(doc, keys, { relays: [], iceServers: [], member: { id: 'm1', name: 'Li' }, knownTeammates: [], saveTeammates: () => {}, onProblem: (p) => problems.push(p) });
    // The provider opens its room when the key is derived, in the first callback on that promise.
    await sync.provider.key;
    // A real chunked channel over a fake RTCDataChannel: PeerSync reads its times only.
    const rtc = { binaryType: '', bufferedAmountLowThreshold: 0, bufferedAmount: 0, readyState: 'connecting', send() {}, close() {} };
    const channel = new ChunkedDataChannel(rtc as unknown as RTCDataChannel, { rejectReason: () => null, onProblem: () => {} });
    const peer = {
      answering: false,
      stepOnes: 0,
      send(message: Uint8Array) {
        if (!isSyncStep(message, syncProtocol.messageYjsSyncStep1)) return;
        peer.stepOnes += 1;
        if (peer.answering) channel.answeredAt = Date.now();
      },
    };
    const room = sync.provider.room;
    if (!room) throw new Error('the provider opened no room once its key was derived');
    const conn = { connected: true, dataChannel: () => channel, send: (m: Uint8Array) => peer.send(m), destroy: () => {} };
    room.webrtcConns.set('fake-peer', conn as unknown as WebrtcConn);
    const teammate = (memberId: string, svJson: unknown) => {
      const awareness = new Awareness(new Y.Doc());
      awareness.setLocalState({ member: { id: memberId, name: memberId }, viewing: null, sv: svJson });
      const send = () => applyAwarenessUpdate(sync.provider.awareness, encodeAwarenessUpdate(awareness, [awareness.clientID]), 'fake-peer');
      send();
      return {
        /** Sends its presence again (a new awareness clock), as every device does while online. */
        again(viewing: string) {
          awareness.setLocalStateField('viewing', viewing);
          send();
        },
        destroy: () => awareness.destroy(),
      };
    };
    const cleanUp = () => {
      room.webrtcConns.delete('fake-peer');
      sync.destroy();
      doc.destroy();
    };
    return { doc, sync, problems, peer, teammate, cleanUp };
  }

  it('a teammate whose presence claims clock 999999999 for an unknown client holds "Syncing" only until the grace and an answered exchange', async () => {
    const { doc, sync, problems, peer, teammate, cleanUp } = await connectedDevice('ws-liar');
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const start = Date.now();
      const honest = teammate('m2', svToJson(stateVectorOf(doc)));
      expect(sync.status).toMatchObject({ phase: 'up-to-date', direct: 1, peers: 1 });

      const liar = teammate('m3', { ...svToJson(stateVectorOf(doc)), 123456: 999999999 });
      expect(sync.status.phase).toBe('syncing');
      expect(peer.stepOnes).toBe(1); // it asked its connection for the changes the liar claims

      // Past the grace, but the connection has not answered since the claim appeared: still syncing.
      vi.setSystemTime(start + CLAIM_GRACE_MS + 1_000);
      liar.again('a');
      expect(peer.stepOnes).toBe(2); // asked again, unanswered
      expect(sync.status.phase).toBe('syncing');
      expect(problems).toEqual([]);

      // The connection answers the next step 1 with nothing new: the claim is ignored and reported once.
      peer.answering = true;
      vi.setSystemTime(start + CLAIM_GRACE_MS + 4_000);
      liar.again('b');
      expect(peer.stepOnes).toBe(3);
      liar.again('c');
      expect(sync.status.phase).toBe('up-to-date');
      expect(problems).toEqual(['presence-claim']);

      // No more asking every 2 s for what nobody sends, and still up to date as the liar goes on.
      vi.setSystemTime(start + CLAIM_GRACE_MS + 60_000);
      liar.again('d');
      expect(peer.stepOnes).toBe(3);
      expect(sync.status.phase).toBe('up-to-date');
      expect(problems).toEqual(['presence-claim']);

      // A real change this device lacks still shows at once.
      honest.destroy();
      const realChange = new Y.Doc();
      realChange.getMap('customers').set('c2', 'theirs');
      teammate('m4', { ...svToJson(stateVectorOf(doc)), [realChange.clientID]: 1 });
      expect(sync.status.phase).toBe('syncing');
      liar.destroy();
    } finally {
      vi.useRealTimers();
      cleanUp();
    }
  });

  it('reports a presence it cannot read once, lists the teammate, and does not let it hold the status', async () => {
    const { doc, sync, problems, teammate, cleanUp } = await connectedDevice('ws-bad-presence');
    teammate('m2', svToJson(stateVectorOf(doc)));
    const garbled = teammate('m3', { 1: 'lots', nested: { deeper: [1, 2, 3] } });
    expect(sync.status.phase).toBe('up-to-date');
    garbled.again('c1');
    expect(problems).toEqual(['bad-presence']);
    expect(sync.teammates.map((t) => [t.memberId, t.online, t.hasAllMine])).toEqual([
      ['m2', true, true],
      ['m3', true, false],
    ]);
    cleanUp();
  });

  it("names its connection in its presence, and reads a teammate's route from the connection their presence names", async () => {
    const doc = new Y.Doc();
    const keys = await deriveWorkspaceKeys('ws-routes', 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0');
    const sync = new PeerSync(doc, keys, { relays: [], iceServers: [], member: { id: 'm1', name: 'Li' }, knownTeammates: [], saveTeammates: () => {}, onProblem: () => {} });
    await sync.provider.key;
    const room = sync.provider.room!;
    expect((sync.provider.awareness.getLocalState() as { peer?: string }).peer).toBe(room.peerId);
    // A connection whose RTCPeerConnection (simple-peer's _pc) is routed through a TURN relay, in Chromium's stats shape.
    const stats = new Map<string, object>([
      ['T01', { id: 'T01', type: 'transport', selectedCandidatePairId: 'CP1' }],
      ['CP1', { id: 'CP1', type: 'candidate-pair', localCandidateId: 'L1', remoteCandidateId: 'R1', state: 'succeeded', nominated: true }],
      ['L1', { id: 'L1', type: 'local-candidate', candidateType: 'relay' }],
      ['R1', { id: 'R1', type: 'remote-candidate', candidateType: 'srflx' }],
    ]);
    const conn = { remotePeerId: 'wang-peer', connected: true, peer: { _pc: { getStats: () => Promise.resolve(stats) } } };
    room.webrtcConns.set('wang-peer', conn as unknown as WebrtcConn);
    const wang = new Awareness(new Y.Doc());
    wang.setLocalState({ member: { id: 'm2', name: 'Wang Fang' }, viewing: null, sv: {}, peer: 'wang-peer' });
    applyAwarenessUpdate(sync.provider.awareness, encodeAwarenessUpdate(wang, [wang.clientID]), 'peer');
    sync.provider.emit('peers', [{ added: ['wang-peer'], removed: [], webrtcPeers: ['wang-peer'], bcPeers: [] }]);
    await vi.waitFor(() => expect(sync.routes.routes).toEqual([{ memberId: 'm2', route: 'turn', since: expect.any(String) }]));
    expect(sync.routes.unknown).toEqual([]);
    room.webrtcConns.delete('wang-peer');
    sync.destroy();
    wang.destroy();
    doc.destroy();
  });
});
