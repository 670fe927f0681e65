import { deflateSync, inflateSync } from 'fflate';

/**
 * Deflated messages on a data channel (docs/sync-protocol.md, "Chunking"): what a hello says,
 * when a message is worth deflating, and the payload of frames 5 and 6.
 */

/**
 * Messages from this size on go deflated to a peer that said it reads them: a teammate's whole
 * workspace is about a sixth of the bytes then. Each byte crossing a data channel costs CPU in
 * the network threads of both browsers, which run at a higher priority than the pages.
 */
export const DEFLATE_FROM = 64 * 1024;
/** What a hello frame says this side reads. */
export const HELLO_TEXT = 'deflate-raw';

/** The message's length (uint32 BE), then its deflate-raw stream; null when deflating gains little. */
export function deflateMessage(message: Uint8Array): Uint8Array | null {
  // fflate sizes its hash table from the input: 1 MiB, zeroed, for each piece of an answer
  // (256 KiB then). mem 4 makes it 128 KiB; sample workspaces deflate to 5.61:1 instead of 5.62:1.
  const deflated = deflateSync(message, { level: 1, mem: 4 });
  if (deflated.length + 4 > message.length * 0.9) return null;
  const out = new Uint8Array(deflated.length + 4);
  new DataView(out.buffer).setUint32(0, message.length);
  out.set(deflated, 4);
  return out;
}

/** A message inflated; null when the stream is broken or does not make the length it announced. */
export type Inflated = Uint8Array | 'too-large' | null;

/** The inverse of deflateMessage. */
export function inflateMessage(payload: Uint8Array, maxMessage: number): Inflated {
  if (payload.length < 4) return null;
  const length = new DataView(payload.buffer, payload.byteOffset, payload.byteLength).getUint32(0);
  if (length > maxMessage) return 'too-large';
  try {
    // One byte to spare: a stream longer than announced fills it, and is refused.
    const out = inflateSync(payload.subarray(4), { out: new Uint8Array(length + 1) });
    return out.length === length ? out : null;
  } catch {
    return null;
  }
}
