import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { WebrtcProvider } from '../../../../src/sync/webrtc/y-webrtc';

// Kehu change to y-webrtc (src/sync/webrtc/README.md): a tab broadcasts updates only while another tab listens, and
// never reads its own broadcasts back (lib0's publish() also calls the publishing tab's subscribers).
describe('vendored y-webrtc: tab broadcast', () => {
  for (const name of ['RTCPeerConnection', 'RTCSessionDescription', 'RTCIceCandidate']) vi.stubGlobal(name, class {});
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  it('posts an update to other tabs only when there are some, and does not apply its own post again', async () => {
    const doc = new Y.Doc();
    const provider = new WebrtcProvider(`patch-test-${Math.random()}`, doc, { signaling: [], password: 'secret' });
    while (!provider.room?.bcconnected) await settle();
    await settle();
    const room = provider.room;
    const posted = vi.spyOn(BroadcastChannel.prototype, 'postMessage');
    const appliedFromRoom: Y.Transaction[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin === room) appliedFromRoom.push(tr);
    });

    doc.getMap('m').set('alone', 1);
    await settle();
    expect(posted).not.toHaveBeenCalled();

    room.bcConns.add('another-tab');
    doc.getMap('m').set('with a tab', 2);
    await settle();
    expect(posted).toHaveBeenCalledTimes(1);
    expect(appliedFromRoom).toEqual([]);
    provider.destroy();
    doc.destroy();
  });
});
