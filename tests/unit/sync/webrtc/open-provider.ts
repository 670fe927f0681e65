import * as Y from 'yjs';
import { WebrtcProvider, type ProviderOptions } from '../../../../src/sync/webrtc/y-webrtc';
import { FakeSignalling, type Signal } from './fake-layer';

// Test files that use this mock simple-peer and lib0/websocket with fake-layer.ts first.

let rooms = 0;

export const newRoomName = () => `fake-room-${Math.random()}`;

/** A provider on a room and relay of its own (y-webrtc keeps both in module-wide maps). */
export async function openProvider(options: ProviderOptions = {}, roomName = newRoomName()) {
  rooms += 1;
  const url = `ws://relay-${rooms}.test`;
  const doc = new Y.Doc();
  const provider = new WebrtcProvider(roomName, doc, { signaling: [url], ...options });
  await provider.key;
  const room = provider.room;
  if (!room) throw new Error('the room opens once the key is derived');
  const relay = FakeSignalling.made.get(url);
  if (!relay && (options.signaling === undefined || options.signaling.length > 0)) throw new Error('no relay socket');
  return {
    doc,
    provider,
    room,
    relay: relay!,
    roomName,
    /** A signalling message from peer `from`, addressed to this device. */
    signal: (from: string, signal: Signal, extra: Record<string, unknown> = {}) =>
      relay!.deliver(roomName, { type: 'signal', from, to: room.peerId, signal, ...extra }),
    announce: (from: string) => relay!.deliver(roomName, { type: 'announce', from }),
    close() {
      provider.disconnect();
      provider.destroy();
      doc.destroy();
    },
  };
}
