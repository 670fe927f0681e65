import type * as Y from 'yjs';
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import { statePieces } from '../workspace/state-pieces';
import { pacer } from '../storage/pacing';
import type { ChannelSender } from './chunked-channel';
import { SyncMessageBuffers } from './message-buffers';

/**
 * Answering a peer waits while this much is still queued for its channel. Every piece queued
 * holds one of the answer's arrays (message-buffers.ts): at 4 MiB there were 34 of them, 6.5 MB
 * of ArrayBuffers that brought on a full collection of the sending page's heap.
 */
const ANSWER_HIGH_WATER = 2 * 1024 * 1024;

/**
 * Answers a peer's sync step 1 (its state vector `sv`): y-webrtc would send the whole missing
 * state as one update, which the receiver must apply in one task (seconds for a large
 * workspace). This sends the same content as many small updates, produced and sent one task at a
 * time, then a sync step 2 holding the delete set, which tells y-webrtc on the other side that
 * it is synced. It stops when the channel closes or `stopped()` says so.
 */
export async function answerInPieces(
  doc: Y.Doc,
  sv: Map<number, number>,
  channel: ChannelSender,
  { deleteSet, stopped }: { deleteSet: () => Uint8Array; stopped: () => boolean },
): Promise<void> {
  const open = () => !stopped() && channel.readyState === 'open';
  const buffers = new SyncMessageBuffers();
  const send = (sub: number, piece: Uint8Array) => {
    const { bytes, release } = buffers.message(sub, piece);
    channel.send(bytes, release);
  };
  let pending: Uint8Array | null = null;
  // Several pieces per slice of time: a yield per piece cost at least 4 ms each (nested
  // timers are clamped), seconds over the thousands of pieces of a large workspace.
  const pace = pacer();
  for (const piece of statePieces(doc, sv, undefined, deleteSet, undefined, buffers.payload)) {
    if (pending) {
      if (!open()) return;
      send(messageYjsUpdate, pending);
      await pace();
      while (channel.bufferedAmount > ANSWER_HIGH_WATER && open()) await new Promise((r) => setTimeout(r, 20));
    }
    pending = piece;
  }
  if (pending && open()) send(messageYjsSyncStep2, pending);
}
