// The relay's wire protocol: which socket is subscribed to which topic, and what each JSON message does.
// Wire protocol (JSON text frames, as y-webrtc's bin/server.js):
//   {type:'subscribe', topics:[...]}   {type:'unsubscribe', topics:[...]}
//   {type:'publish', topic, ...}       forwarded verbatim to every subscriber of `topic` (sender included),
//                                      with `clients` (the number of subscribers) added
//   {type:'ping'}                      answered with {type:'pong'}
// Anything else (not JSON, not an object, an unknown type, a topic that is not a string) is ignored.
// See docs/sync-protocol.md, "Signalling relay".

/**
 * @typedef {object} TopicLimits
 * @property {number} maxTopicsPerConnection Topics one connection may be subscribed to; extra ones are ignored.
 * @property {number} maxTopicLength Longest accepted topic name (UTF-16 code units); longer names are ignored.
 */

/**
 * What the board keeps about one connection (the relay's connection state carries these fields).
 * @typedef {object} Subscriber
 * @property {Set<string>} topics
 * @property {number | null} unsubscribedSince Since when it has been subscribed to nothing, or null.
 */

/**
 * @typedef {object} TopicBoard
 * @property {(socket: import('ws').WebSocket, state: Subscriber, text: string) => void} handle Acts on one text
 *   frame as received (valid UTF-8; ws checks it).
 * @property {(socket: import('ws').WebSocket, state: Subscriber) => void} leaveAll Unsubscribes a closed socket.
 * @property {() => number} size Topics with at least one subscriber.
 * @property {() => void} clear
 */

const PONG = Buffer.from('{"type":"pong"}');

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * @param {TopicLimits} limits
 * @param {{ send(socket: import('ws').WebSocket, data: Buffer): void }} outbox where answers and forwards go
 * @returns {TopicBoard}
 */
export function createTopicBoard(limits, outbox) {
  /** topic name → sockets subscribed to it. Empty sets are deleted at once. @type {Map<string, Set<import('ws').WebSocket>>} */
  const topics = new Map();

  /** @param {unknown} name @returns {name is string} */
  const isTopic = (name) => typeof name === 'string' && name.length > 0 && name.length <= limits.maxTopicLength;

  /** @param {import('ws').WebSocket} socket @param {string} topic */
  const unsubscribe = (socket, topic) => {
    const subscribers = topics.get(topic);
    if (!subscribers) return;
    subscribers.delete(socket);
    if (subscribers.size === 0) topics.delete(topic);
  };

  /** @type {TopicBoard['handle']} */
  const handle = (socket, state, text) => {
    /** @type {unknown} */
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (!isPlainObject(message)) return;
    switch (message.type) {
      case 'subscribe': {
        if (!Array.isArray(message.topics)) return;
        for (const topic of message.topics) {
          if (state.topics.size >= limits.maxTopicsPerConnection) break;
          if (!isTopic(topic)) continue;
          let subscribers = topics.get(topic);
          if (!subscribers) {
            subscribers = new Set();
            topics.set(topic, subscribers);
          }
          subscribers.add(socket);
          state.topics.add(topic);
          state.unsubscribedSince = null;
        }
        return;
      }
      case 'unsubscribe': {
        if (!Array.isArray(message.topics)) return;
        for (const topic of message.topics) {
          if (typeof topic !== 'string' || !state.topics.has(topic)) continue;
          state.topics.delete(topic);
          unsubscribe(socket, topic);
        }
        if (state.topics.size === 0) state.unsubscribedSince ??= performance.now();
        return;
      }
      case 'publish': {
        if (!isTopic(message.topic)) return;
        const subscribers = topics.get(message.topic);
        if (!subscribers) return;
        // Forward the received text itself (no re-serialisation), with `clients` appended. JSON.parse accepted
        // it as an object, so it ends in "}" after optional JSON whitespace; a duplicate key takes the last value.
        const body = text.trimEnd();
        // One buffer for every subscriber: ws sends it without a copy per socket.
        const forwarded = Buffer.from(`${body.slice(0, -1)},"clients":${subscribers.size}}`);
        for (const subscriber of subscribers) outbox.send(subscriber, forwarded);
        return;
      }
      case 'ping':
        outbox.send(socket, PONG);
        return;
      default:
        return;
    }
  };

  return {
    handle,
    leaveAll(socket, state) {
      for (const topic of state.topics) unsubscribe(socket, topic);
      state.topics.clear();
    },
    size: () => topics.size,
    clear: () => topics.clear(),
  };
}
