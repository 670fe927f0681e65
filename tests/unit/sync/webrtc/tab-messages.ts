import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { recorder } from './recorder';

/**
 * Another tab of the same workspace, on the room's BroadcastChannel (no password: y-webrtc
 * posts the messages unencrypted), which records what it hears.
 */
export function otherTab(roomName: string) {
  const channel = new BroadcastChannel(roomName);
  const heard = recorder<Uint8Array>();
  channel.onmessage = (event: MessageEvent) => heard.push(new Uint8Array(event.data as ArrayBuffer));
  return {
    heard: heard.items,
    /** Resolves once what it has heard makes `check` true. */
    hears: heard.until,
    post: (message: Uint8Array) => channel.postMessage(message),
    close: () => channel.close(),
  };
}

/** y-webrtc's message types (src/sync/webrtc/y-webrtc.ts) and y-protocols' sync steps, as [type, step]. */
export const kindOf = (m: Uint8Array) => (m[0] === 0 ? `sync-${m[1]}` : `type-${m[0]}`);

/** The message a tab posts when it starts listening: its peer id, added. */
export function bcPeerId(id: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 4);
  encoding.writeUint8(encoder, 1);
  encoding.writeVarString(encoder, id);
  return encoding.toUint8Array(encoder);
}

/** A sync update message that sets `key` in map 'm'. */
export function updateMessage(key: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set(key, 1);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc));
  return encoding.toUint8Array(encoder);
}
