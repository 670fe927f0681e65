// What the relay has written to sockets and the operating system has not yet taken: bounded per socket and
// in total. A subscriber that stops reading would otherwise hold a copy of every message of its room, and a
// few publishers within their rate limit could grow the relay by hundreds of megabytes a minute.
import { WebSocket } from 'ws';

// The largest WebSocket frame header of a server frame (unmasked, 64-bit length).
const FRAME_HEADER_BYTES = 10;

/**
 * @typedef {object} OutboxLimits
 * @property {number} maxBufferedBytes Bytes queued for one socket; a message that would go past it closes that
 *   socket instead (a slow reader).
 * @property {number} maxTotalBufferedBytes Bytes queued for all sockets together; past it the socket with the
 *   longest queue is closed first.
 */

/**
 * @typedef {object} OutboxUsage
 * @property {number} queuedBytes Bytes queued now, frame headers included (what the limits count).
 * @property {number} peakQueuedBytes The most ever queued at once.
 * @property {number} bufferedAmount The sum of the sockets' own `bufferedAmount` now (ws's count).
 * @property {number} slowReadersClosed Sockets closed because they did not read.
 */

/** @param {OutboxLimits} limits */
export function createOutbox(limits) {
  /** socket → bytes written to it whose write has not completed. @type {Map<WebSocket, number>} */
  const queued = new Map();
  let total = 0;
  let peak = 0;
  let slowReadersClosed = 0;

  /** Drops a socket's queue from the count, and the socket with it. @param {WebSocket} socket */
  const evict = (socket) => {
    total -= queued.get(socket) ?? 0;
    queued.delete(socket);
    slowReadersClosed += 1;
    // terminate, not close: a close frame would wait behind the queue the reader never reads.
    socket.terminate();
  };

  /** @param {WebSocket} socket @param {number} bytes */
  const written = (socket, bytes) => {
    const left = queued.get(socket);
    if (left === undefined) return; // evicted or closed meanwhile; already uncounted
    queued.set(socket, left - bytes);
    total -= bytes;
  };

  const longestQueue = () => {
    /** @type {WebSocket | null} */
    let longest = null;
    let bytes = 0;
    for (const [socket, size] of queued) {
      if (size > bytes) [longest, bytes] = [socket, size];
    }
    return longest;
  };

  return {
    /** @param {WebSocket} socket */
    add(socket) {
      queued.set(socket, 0);
    },
    /** @param {WebSocket} socket */
    remove(socket) {
      total -= queued.get(socket) ?? 0;
      queued.delete(socket);
    },
    /**
     * Queues `data` (a UTF-8 text frame; one Buffer may go to many sockets without a copy), or closes the socket
     * when it is too far behind. Returns whether the message was queued.
     * @param {WebSocket} socket
     * @param {Buffer} data
     */
    send(socket, data) {
      const own = queued.get(socket);
      if (own === undefined || socket.readyState !== WebSocket.OPEN) return false;
      const bytes = data.length + FRAME_HEADER_BYTES;
      if (own + bytes > limits.maxBufferedBytes) {
        evict(socket);
        return false;
      }
      while (total + bytes > limits.maxTotalBufferedBytes) {
        const longest = longestQueue();
        if (!longest) break;
        evict(longest);
        if (longest === socket) return false;
      }
      queued.set(socket, (queued.get(socket) ?? 0) + bytes);
      total += bytes;
      peak = Math.max(peak, total);
      socket.send(data, { binary: false }, () => written(socket, bytes));
      return true;
    },
    /** @returns {OutboxUsage} */
    usage() {
      let bufferedAmount = 0;
      for (const socket of queued.keys()) bufferedAmount += socket.bufferedAmount;
      return { queuedBytes: total, peakQueuedBytes: peak, bufferedAmount, slowReadersClosed };
    },
  };
}
