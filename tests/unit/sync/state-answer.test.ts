import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import { answerInPieces } from '../../../src/sync/state-answer';
import type { ChannelSender } from '../../../src/sync/chunked-channel';
import { syncPayload } from '../../../src/sync/sync-messages';

/** A channel that reads each message later, as one deflating in a worker does, and then releases it. */
class LaterChannel implements ChannelSender {
  readyState: RTCDataChannelState = 'open';
  bufferedAmount = 0;
  readonly arrays = new Set<ArrayBufferLike>();
  readonly messages: Uint8Array[] = [];
  send(data: Uint8Array, released?: () => void) {
    this.arrays.add(data.buffer);
    this.bufferedAmount += data.length;
    setTimeout(() => {
      this.messages.push(data.slice());
      this.bufferedAmount -= data.length;
      released?.();
    }, 1);
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
    await new Promise((resolve) => setTimeout(resolve, 20));

    const b = new Y.Doc();
    const last = channel.messages.length - 1;
    channel.messages.forEach((message, i) => Y.applyUpdate(b, syncPayload(message, i === last ? messageYjsSyncStep2 : messageYjsUpdate)!));
    expect(b.getMap('c').toJSON()).toEqual(a.getMap('c').toJSON());
    expect(Y.encodeStateVector(b)).toEqual(Y.encodeStateVector(a));
    // Eight pieces of about 256 KiB; each waits for the channel a while, so several are in
    // flight at once, yet fewer arrays than pieces were written.
    expect(channel.messages.length).toBeGreaterThan(6);
    expect(channel.arrays.size).toBeLessThan(channel.messages.length - 1);
  });
});
