import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { WebrtcProvider } from '../../../../src/sync/webrtc/y-webrtc';

/**
 * With no password a room neither encrypts nor decrypts: every step between a document change and
 * its post to other tabs (and between a post and its reading) is a microtask. One macrotask turn
 * therefore runs them all, and "nothing was posted" after it is a finding, not a guess about time.
 * What the password adds (AES-GCM around the same bytes) is covered in peer-tabs.test.ts.
 */
const everyMicrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

// Kehu change to y-webrtc (src/sync/webrtc/README.md): a tab broadcasts updates only while another tab listens, and
// never reads its own broadcasts back (lib0's publish() also calls the publishing tab's subscribers).
describe('vendored y-webrtc: tab broadcast', () => {
  for (const name of ['RTCPeerConnection', 'RTCSessionDescription', 'RTCIceCandidate']) vi.stubGlobal(name, class {});
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('posts an update to other tabs only when there are some, and does not apply its own post again', async () => {
    const doc = new Y.Doc();
    const provider = new WebrtcProvider(`patch-test-${Math.random()}`, doc, { signaling: [] });
    // The room opens in the first callback on the key (null here: no password).
    await provider.key;
    const room = provider.room!;
    expect(room.bcconnected).toBe(true);
    // What the room posts as it opens (its id, sync step 1, awareness) is not what this test is about.
    await everyMicrotask();
    const posted = vi.spyOn(BroadcastChannel.prototype, 'postMessage');
    const appliedFromRoom: Y.Transaction[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin === room) appliedFromRoom.push(tr);
    });

    doc.getMap('m').set('alone', 1);
    await everyMicrotask();
    expect(posted).not.toHaveBeenCalled();

    room.bcConns.add('another-tab');
    doc.getMap('m').set('with a tab', 2);
    await everyMicrotask();
    expect(posted).toHaveBeenCalledTimes(1);
    expect(appliedFromRoom).toEqual([]);
    provider.destroy();
    doc.destroy();
  });
});
