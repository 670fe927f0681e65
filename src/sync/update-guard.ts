import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';

/** y-webrtc's message types (src/y-webrtc.js) and y-protocols' sync sub-types. */
const MESSAGE_SYNC = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

export const MAX_UPDATE_BYTES = 256 * 1024 * 1024;

export type GuardVerdict = { ok: true } | { ok: false; reason: 'malformed-update' | 'oversized-update' };

/**
 * Checks a peer message before y-webrtc applies it: a Yjs update that does not parse is
 * rejected whole, so a broken or hostile peer cannot leave a half-applied transaction behind.
 */
export function inspectPeerMessage(message: Uint8Array): GuardVerdict {
  try {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return { ok: true };
    const sub = decoding.readVarUint(decoder);
    if (sub !== SYNC_STEP_2 && sub !== SYNC_UPDATE) return { ok: true };
    const update = decoding.readVarUint8Array(decoder);
    if (update.length > MAX_UPDATE_BYTES) return { ok: false, reason: 'oversized-update' };
    Y.decodeUpdate(update);
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
