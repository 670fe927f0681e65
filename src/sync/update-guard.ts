import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import { MESSAGE_MESH_SIGNAL } from './mesh-relay';

/** y-webrtc's message type of sync messages (src/sync/webrtc/y-webrtc.ts); their steps are y-protocols'. */
export const MESSAGE_SYNC = 0;
/**
 * Every message type y-webrtc reads (sync, awareness, query awareness, tab peer id, and Kehu's
 * signalling through the mesh, which mesh-relay.ts checks). It answers any other with a console
 * error and an empty reply, so one is refused and reported here.
 */
const KNOWN_MESSAGE_TYPES: ReadonlySet<number> = new Set([MESSAGE_SYNC, 1, 3, 4, MESSAGE_MESH_SIGNAL]);

export const MAX_UPDATE_BYTES = 256 * 1024 * 1024;

export type GuardVerdict = { ok: true } | { ok: false; reason: 'malformed-update' | 'oversized-update' | 'unknown-message' };

/**
 * Cheap checks of a peer message before y-webrtc applies it: its type, framing and size. The update
 * itself is not decoded twice (that doubled the cost of receiving a workspace): Yjs reads every
 * struct of an update before integrating any, so one that does not parse throws without
 * changing the document; the channel catches that and reports it (chunked-channel.ts).
 */
export function inspectPeerMessage(message: Uint8Array): GuardVerdict {
  try {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    if (!KNOWN_MESSAGE_TYPES.has(type)) return { ok: false, reason: 'unknown-message' };
    if (type !== MESSAGE_SYNC) return { ok: true };
    const sub = decoding.readVarUint(decoder);
    if (sub !== messageYjsSyncStep2 && sub !== messageYjsUpdate) return { ok: true };
    const length = decoding.readVarUint(decoder);
    if (length > MAX_UPDATE_BYTES) return { ok: false, reason: 'oversized-update' };
    if (length > decoder.arr.length - decoder.pos) return { ok: false, reason: 'malformed-update' };
    return { ok: true };
  } catch {
    return { ok: false, reason: 'malformed-update' };
  }
}

/** Same check for an update that arrives another way (a change file). */
export function isWellFormedUpdate(update: Uint8Array): boolean {
  if (update.length > MAX_UPDATE_BYTES) return false;
  try {
    Y.decodeUpdate(update);
    return true;
  } catch {
    return false;
  }
}
