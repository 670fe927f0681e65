import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { MESSAGE_SYNC } from './update-guard';
import { joined } from '../workspace/bytes';

/**
 * Whether `bytes` is a y-webrtc sync message of this step. Both numbers are varUints below 128,
 * so one byte each: no decoding needed on every message of a channel.
 */
export function isSyncStep(bytes: Uint8Array, step: number): boolean {
  return bytes[0] === MESSAGE_SYNC && bytes[1] === step;
}

/** The header of a y-webrtc sync message of this sub-type (y-protocols/sync) whose payload is `length` bytes. */
export function syncHeader(sub: number, length: number): Uint8Array {
  const header = encoding.createEncoder();
  encoding.writeVarUint(header, MESSAGE_SYNC);
  encoding.writeVarUint(header, sub);
  encoding.writeVarUint(header, length);
  return encoding.toUint8Array(header);
}

/** A y-webrtc sync message of this sub-type carrying `update`, in one new array. */
export function syncMessage(sub: number, update: Uint8Array): Uint8Array {
  return joined([syncHeader(sub, update.length), update]);
}

/** The payload of a sync message of this sub-type (step 1: a state vector; update: an update), or null. */
export function syncPayload(message: Uint8Array, sub: number): Uint8Array | null {
  try {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return null;
    if (decoding.readVarUint(decoder) !== sub) return null;
    return decoding.readVarUint8Array(decoder);
  } catch {
    return null;
  }
}

/** The state vector of a sync step 1 message, or null for any other message. */
export function syncStep1Vector(message: Uint8Array): Map<number, number> | null {
  const payload = syncPayload(message, syncProtocol.messageYjsSyncStep1);
  try {
    return payload && Y.decodeStateVector(payload);
  } catch {
    return null;
  }
}
