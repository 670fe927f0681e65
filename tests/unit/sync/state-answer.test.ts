import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import { answerInPieces } from '../../../src/sync/state-answer';
import type { ChannelSender } from '../../../src/sync/chunked-channel';
import { syncPayload } from '../../../src/sync/sync-messages';

/** A channel that reads each message only when the next one is sent (as one still being deflated), and then releases it. */
class LaterChannel implements ChannelSender {
  readyState: RTCDataChannelState = 'open';
  bufferedAmount = 0;
  readonly arrays = new Set<ArrayBufferLike>();
  readonly messages: Uint8Array[] = [];
  #held: { data: Uint8Array; released?: () => void } | null = null;
  send(data: Uint8Array, released?: () => void) {
    this.arrays.add(data.buffer);
    this.flush();
    this.#held = { data, released };
  }
  flush() {
    if (!this.#held) return;
    this.messages.push(this.#held.data.slice());
    this.#held.released?.();
    this.#held = null;
  }
}

describe('answerInPieces', () => {
  it('sends the whole state in pieces written into arrays it reuses once the channel released them', async () => {
    const a = new Y.Doc();
    a.transact(() => {
      for (let i = 0; i < 2000; i++) a.getMap('c').set(`r${i}`, `${i} `.padEnd(1000, 'x'));
      for (let i = 0; i < 2000; i += 7) a.getMap('c').delete(`r${i}`);
    });
    const channel = new LaterChannel();
    await answerInPieces(a, new Map(), channel, { deleteSet: () => Y.encodeStateAsUpdate(a, Y.encodeStateVector(a)), stopped: () => false });
    channel.flush();

    const b = new Y.Doc();
    const last = channel.messages.length - 1;
    channel.messages.forEach((message, i) => Y.applyUpdate(b, syncPayload(message, i === last ? messageYjsSyncStep2 : messageYjsUpdate)!));
    expect(b.getMap('c').toJSON()).toEqual(a.getMap('c').toJSON());
    expect(Y.encodeStateVector(b)).toEqual(Y.encodeStateVector(a));
    // Pieces of about 128 KiB, written into three arrays (the one the channel holds, the piece
    // waiting to be sent, and the one being written), and the delete set's own message.
    expect(channel.messages.length).toBeGreaterThan(10);
    expect(channel.arrays.size).toBe(4);
  });
});
