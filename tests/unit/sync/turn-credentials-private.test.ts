import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { PeerSync } from '../../../src/sync/peer-sync';
import { deriveWorkspaceKeys } from '../../../src/sync/keys';

// No peer connects here (no relays): the wrapper only needs the constructors to exist.
beforeEach(() => {
  for (const name of ['RTCPeerConnection', 'RTCSessionDescription', 'RTCIceCandidate']) vi.stubGlobal(name, class {});
});
afterEach(() => vi.unstubAllGlobals());

it('the team’s TURN server and its credential are not part of this device’s presence (what teammates and the awareness protocol see)', async () => {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  const keys = await deriveWorkspaceKeys('ws-turn-private', 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0');
  const turn = { urls: ['turn:turn.example.org:3478'], username: '1893456000:kehu-team', credential: 'Zm9vYmFyLXR1cm4tc2VjcmV0' };
  const peer = new PeerSync(doc, keys, {
    relays: [],
    iceServers: [turn],
    member: { id: 'm1', name: 'Li' },
    knownTeammates: [],
    saveTeammates: () => {},
    onProblem: () => {},
    awareness,
  });
  try {
    peer.setViewing('01938f2e-7b1c-7a00-8000-0123456789ab');
    const sent = new TextDecoder('latin1').decode(encodeAwarenessUpdate(awareness, [doc.clientID]));
    expect(sent).toContain('Li');
    for (const secret of [turn.credential, turn.username, 'turn.example.org']) expect(sent).not.toContain(secret);
  } finally {
    peer.destroy();
    awareness.destroy();
    doc.destroy();
  }
});
