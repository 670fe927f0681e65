import { syncHeader, syncMessage } from './sync-messages';
import { PIECE_BYTES } from '../workspace/state-pieces';

/** Room in front of a payload for its sync message header: two one-byte varUints and its length (at most 5 bytes). */
const HEADER_ROOM = 7;
/** Most pieces fit: the byte budget is passed by at most one struct (a larger piece gets an array of its own size). */
const CAPACITY = HEADER_ROOM + PIECE_BYTES + 16 * 1024;

/** A sync message to send, and what to call once the channel released its bytes. */
export interface OutgoingMessage {
  bytes: Uint8Array;
  release: () => void;
}

/**
 * The arrays the pieces of a large answer are written into, with room for their sync message
 * header in front, reused once the channel released them. A new array per piece and another
 * for its message were 110 MB of ArrayBuffers on the sending page at 100k customers. V8 counts
 * them against the heap's limit, so they started a full collection of the page's 200 MB heap
 * (the document) every 20-30 MB, four times during one answer, each with a main-thread pause.
 */
export class SyncMessageBuffers {
  #free: Uint8Array[] = [];
  readonly #owner = new WeakMap<Uint8Array, Uint8Array>();

  /** An array of `length` bytes for a payload (statePieces' `into`); it is in use until its message is released. */
  payload = (length: number): Uint8Array => {
    const at = this.#free.findIndex((buffer) => buffer.length >= HEADER_ROOM + length);
    const buffer = at >= 0 ? this.#free.splice(at, 1)[0]! : new Uint8Array(Math.max(CAPACITY, HEADER_ROOM + length));
    const view = buffer.subarray(HEADER_ROOM, HEADER_ROOM + length);
    this.#owner.set(view, buffer);
    return view;
  };

  /** The sync message of this sub-type carrying `payload`: in place when `payload` came from here, else a new array. */
  message(sub: number, payload: Uint8Array): OutgoingMessage {
    const buffer = this.#owner.get(payload);
    if (!buffer) return { bytes: syncMessage(sub, payload), release: () => {} };
    this.#owner.delete(payload);
    const header = syncHeader(sub, payload.length);
    const start = HEADER_ROOM - header.length;
    buffer.set(header, start);
    return { bytes: buffer.subarray(start, HEADER_ROOM + payload.length), release: () => void this.#free.push(buffer) };
  }
}
