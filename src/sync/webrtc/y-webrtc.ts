// Vendored from y-webrtc 10.3.0 (src/y-webrtc.js; MIT, see LICENSE), in TypeScript. Every change
// from upstream is marked "Kehu change" and listed in README.md.
import * as ws from 'lib0/websocket';
import * as map from 'lib0/map';
import * as error from 'lib0/error';
import * as random from 'lib0/random';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { ObservableV2 } from 'lib0/observable';
import * as logging from 'lib0/logging';
import * as promise from 'lib0/promise';
import * as bc from 'lib0/broadcastchannel';
import * as buffer from 'lib0/buffer';
import * as math from 'lib0/math';
import { createMutex, type mutex } from 'lib0/mutex';

import type * as Y from 'yjs';
import Peer, { type SignalData, type SimplePeerOptions } from 'simple-peer/simplepeer.min.js';

import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';

import * as cryptoutils from './crypto';
import { decodeMeshEnvelope, encodeMeshEnvelope, MeshRelay, MESSAGE_MESH_SIGNAL } from '../mesh-relay';

const log = logging.createModuleLogger('y-webrtc');

/** Node's, where the provider runs outside a browser (tests); the app's types have no Node globals. */
declare const process: { on(event: 'exit', listener: () => void): void; off(event: 'exit', listener: () => void): void };

const messageSync = 0;
const messageQueryAwareness = 3;
const messageAwareness = 1;
const messageBcPeerId = 4;

const signalingConns = new Map<string, SignalingConn>();

const rooms = new Map<string, Room>();

const checkIsSynced = (room: Room) => {
  let synced = true;
  room.webrtcConns.forEach((peer) => {
    if (!peer.synced) {
      synced = false;
    }
  });
  if ((!synced && room.synced) || (synced && !room.synced)) {
    room.synced = synced;
    room.provider.emit('synced', [{ synced }]);
    log('synced ', logging.BOLD, room.name, logging.UNBOLD, ' with all peers');
  }
};

const readMessage = (room: Room, buf: Uint8Array, syncedCallback: () => void): encoding.Encoder | null => {
  const decoder = decoding.createDecoder(buf);
  const encoder = encoding.createEncoder();
  const messageType = decoding.readVarUint(decoder);
  const awareness = room.awareness;
  const doc = room.doc;
  let sendReply = false;
  switch (messageType) {
    case messageSync: {
      encoding.writeVarUint(encoder, messageSync);
      const syncMessageType = syncProtocol.readSyncMessage(decoder, encoder, doc, room);
      if (syncMessageType === syncProtocol.messageYjsSyncStep2 && !room.synced) {
        syncedCallback();
      }
      if (syncMessageType === syncProtocol.messageYjsSyncStep1) {
        sendReply = true;
      }
      break;
    }
    case messageQueryAwareness:
      encoding.writeVarUint(encoder, messageAwareness);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, Array.from(awareness.getStates().keys())));
      sendReply = true;
      break;
    case messageAwareness:
      awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), room);
      break;
    case messageBcPeerId: {
      const add = decoding.readUint8(decoder) === 1;
      const peerName = decoding.readVarString(decoder);
      if (peerName !== room.peerId && ((room.bcConns.has(peerName) && !add) || (!room.bcConns.has(peerName) && add))) {
        const removed: string[] = [];
        const added: string[] = [];
        if (add) {
          room.bcConns.add(peerName);
          added.push(peerName);
        } else {
          room.bcConns.delete(peerName);
          removed.push(peerName);
        }
        room.provider.emit('peers', [
          {
            added,
            removed,
            webrtcPeers: Array.from(room.webrtcConns.keys()),
            bcPeers: Array.from(room.bcConns),
          },
        ]);
        broadcastBcPeerId(room);
        if (add) {
          // Kehu change: ask the new tab for what it has and this one lacks (replaces its full broadcast).
          const encoderSync = encoding.createEncoder();
          encoding.writeVarUint(encoderSync, messageSync);
          syncProtocol.writeSyncStep1(encoderSync, doc);
          void broadcastBcMessage(room, encoding.toUint8Array(encoderSync));
        }
      }
      break;
    }
    case MESSAGE_MESH_SIGNAL:
      // Kehu change: signalling through the mesh is read by the connection it came on (Room.receiveMesh); another tab has no use for it.
      return null;
    default:
      console.error('Unable to compute message');
      return encoder;
  }
  if (!sendReply) {
    // nothing has been written, no answer created
    return null;
  }
  return encoder;
};

const readPeerMessage = (peerConn: WebrtcConn, buf: Uint8Array): encoding.Encoder | null => {
  const room = peerConn.room;
  log('received message from ', logging.BOLD, peerConn.remotePeerId, logging.GREY, ' (', room.name, ')', logging.UNBOLD, logging.UNCOLOR);
  return readMessage(room, buf, () => {
    peerConn.synced = true;
    log('synced ', logging.BOLD, room.name, logging.UNBOLD, ' with ', logging.BOLD, peerConn.remotePeerId);
    checkIsSynced(room);
  });
};

const sendWebrtcConn = (webrtcConn: WebrtcConn, encoder: encoding.Encoder) => {
  log('send message to ', logging.BOLD, webrtcConn.remotePeerId, logging.UNBOLD, logging.GREY, ' (', webrtcConn.room.name, ')', logging.UNCOLOR);
  try {
    webrtcConn.peer.send(encoding.toUint8Array(encoder));
  } catch {
    // a closing connection
  }
};

const broadcastWebrtcConn = (room: Room, m: Uint8Array) => {
  log('broadcast message in ', logging.BOLD, room.name, logging.UNBOLD);
  room.webrtcConns.forEach((conn) => {
    try {
      conn.peer.send(m);
    } catch {
      // a closing connection
    }
  });
};

/** Kehu change: how long a connection may take to open (ICE over loopback or a LAN: well under 1 s). */
const CONNECT_TIMEOUT_MS = 20000;
/** Kehu change: a pairing by code waits for a person to carry the answer back. */
export const PAIRING_TIMEOUT_MS = 15 * 60_000;

/**
 * Kehu change: how a connection's signals reach the other device: a relay (upstream's only way),
 * the mesh (Room.receiveMesh), or a person carrying a code (Room.pairOffer). `peerOpts` are
 * added to the provider's for connections made this way.
 */
export interface SignalRoute {
  send(data: OutgoingSignal): void;
  peerOpts?: SimplePeerOptions;
  connectTimeoutMs?: number;
  /** A pairing by code: until it opens it waits for a person, not for the network (peer-routes.ts). */
  byCode?: boolean;
}

export class WebrtcConn {
  readonly room: Room;
  /** Kehu change: not readonly: a pairing offer learns its peer's id from the answer. */
  remotePeerId: string;
  glareToken: number | undefined = undefined;
  closed = false;
  connected = false;
  synced = false;
  /** Kehu change: made by a pairing code (SignalRoute.byCode), not by a device seen on a relay or the mesh. */
  readonly byCode: boolean;
  readonly peer: Peer;
  /** Kehu change: see CONNECT_TIMEOUT_MS. */
  readonly #connectTimer: ReturnType<typeof setTimeout>;

  // Kehu change: signals go by `route` (upstream: always the relay socket that introduced the peer).
  constructor(route: SignalRoute, initiator: boolean, remotePeerId: string, room: Room) {
    log('establishing connection to ', logging.BOLD, remotePeerId);
    this.room = room;
    this.remotePeerId = remotePeerId;
    this.byCode = route.byCode === true;
    this.peer = new Peer({ initiator, ...room.provider.peerOpts, ...route.peerOpts });
    // Kehu change: a connection that never opens (an offer or answer lost in a glare, a peer gone
    // mid-handshake) was kept for ever, and while it exists neither side starts a new one.
    this.#connectTimer = setTimeout(() => {
      if (!this.connected) this.destroy();
    }, route.connectTimeoutMs ?? CONNECT_TIMEOUT_MS);
    this.peer.on('signal', (signal) => {
      if (this.glareToken === undefined) {
        // add some randomness to the timestamp of the offer
        this.glareToken = Date.now() + Math.random();
      }
      route.send({ to: this.remotePeerId, from: room.peerId, type: 'signal', token: this.glareToken, signal });
    });
    this.peer.on('connect', () => {
      log('connected to ', logging.BOLD, remotePeerId);
      clearTimeout(this.#connectTimer);
      this.connected = true;
      // send sync step 1
      const provider = room.provider;
      const doc = provider.doc;
      const awareness = room.awareness;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageSync);
      syncProtocol.writeSyncStep1(encoder, doc);
      sendWebrtcConn(this, encoder);
      const awarenessStates = awareness.getStates();
      if (awarenessStates.size > 0) {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, messageAwareness);
        encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, Array.from(awarenessStates.keys())));
        sendWebrtcConn(this, encoder);
      }
      // Kehu change: teammates reached through this new neighbour learn of this device and connect directly.
      room.meshAnnounce();
    });
    this.peer.on('close', () => {
      clearTimeout(this.#connectTimer);
      this.connected = false;
      this.closed = true;
      // Kehu change: only if it is still this peer's connection, not the one that replaced it.
      if (room.webrtcConns.get(this.remotePeerId) === this) {
        room.webrtcConns.delete(this.remotePeerId);
        room.provider.emit('peers', [
          {
            removed: [this.remotePeerId],
            added: [],
            webrtcPeers: Array.from(room.webrtcConns.keys()),
            bcPeers: Array.from(room.bcConns),
          },
        ]);
      }
      checkIsSynced(room);
      this.peer.destroy();
      log('closed connection to ', logging.BOLD, remotePeerId);
      announceSignalingInfo(room);
    });
    this.peer.on('error', (err) => {
      log('Error in connection to ', logging.BOLD, remotePeerId, ': ', err);
      announceSignalingInfo(room);
    });
    this.peer.on('data', (data) => {
      // Kehu change: signalling through the mesh needs the connection it came on.
      if (data[0] === MESSAGE_MESH_SIGNAL) return room.receiveMesh(this, data);
      const answer = readPeerMessage(this, data);
      if (answer !== null) {
        sendWebrtcConn(this, answer);
      }
    });
  }

  destroy() {
    this.peer.destroy();
  }

  /**
   * Kehu change: the data channel simple-peer sends on, for callers that gave it their own
   * (peerOpts.wrtc) and read its state; null before simple-peer has one.
   */
  dataChannel(): unknown {
    return this.peer._channel ?? null;
  }

  /** Kehu change: sends one message on this connection (simple-peer throws when it is closing). */
  send(message: Uint8Array) {
    this.peer.send(message);
  }
}

const broadcastBcMessage = (room: Room, m: Uint8Array) =>
  cryptoutils.encrypt(m, room.key).then((data) => room.mux(() => bc.publish(room.name, data)));

const broadcastRoomMessage = (room: Room, m: Uint8Array) => {
  // Kehu change: only when another tab of this workspace is listening. Every update (a joining
  // peer's whole workspace too) was encrypted and posted for nobody; a tab that opens later asks
  // for what it lacks with sync step 1 (see the messageBcPeerId case).
  if (room.bcconnected && room.bcConns.size > 0) {
    void broadcastBcMessage(room, m);
  }
  broadcastWebrtcConn(room, m);
};

const announceSignalingInfo = (room: Room) => {
  // Kehu change: teammates reached only through the mesh hear it too (after a connection closed, they reconnect).
  room.meshAnnounce();
  signalingConns.forEach((conn) => {
    // only subscribe if connection is established, otherwise the conn automatically subscribes to all rooms
    if (conn.connected) {
      conn.send({ type: 'subscribe', topics: [room.name] });
      if (room.webrtcConns.size < room.provider.maxConns) {
        publishSignalingMessage(conn, room, { type: 'announce', from: room.peerId });
      }
    }
  });
};

const broadcastBcPeerId = (room: Room) => {
  if (room.provider.filterBcConns) {
    // broadcast peerId via broadcastchannel
    const encoderPeerIdBc = encoding.createEncoder();
    encoding.writeVarUint(encoderPeerIdBc, messageBcPeerId);
    encoding.writeUint8(encoderPeerIdBc, 1);
    encoding.writeVarString(encoderPeerIdBc, room.peerId);
    void broadcastBcMessage(room, encoding.toUint8Array(encoderPeerIdBc));
  }
};

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

export class Room {
  /** Do not assume that peerId is unique. This is only meant for sending signaling messages. */
  readonly peerId: string = random.uuidv4();
  readonly awareness: awarenessProtocol.Awareness;
  synced = false;
  readonly webrtcConns = new Map<string, WebrtcConn>();
  readonly bcConns = new Set<string>();
  readonly mux: mutex = createMutex();
  bcconnected = false;
  readonly _bcSubscriber: (data: ArrayBuffer, origin: unknown) => void;
  /** Listens to Yjs updates and sends them to remote peers. */
  readonly _docUpdateHandler: (update: Uint8Array, origin: unknown) => void;
  /** Listens to Awareness updates and sends them to remote peers. */
  readonly _awarenessUpdateHandler: (changes: AwarenessChanges, origin: unknown) => void;
  readonly _beforeUnloadHandler: () => void;

  constructor(
    readonly doc: Y.Doc,
    readonly provider: WebrtcProvider,
    readonly name: string,
    // @todo make key secret by scoping
    readonly key: CryptoKey | null,
  ) {
    this.awareness = provider.awareness;
    // Kehu change: lib0's publish() also calls this tab's own subscribers (origin null); only
    // messages from other tabs (origin 'broadcastchannel') are read. Before, every update this
    // tab broadcast came back to it and was decrypted and applied a second time.
    // Kehu change: a message from another tab passes the provider's `bcGuard` (the checks a
    // peer's message passes on a data channel) and one that cannot be read is reported to it,
    // instead of ending as an unhandled rejection that nobody sees.
    this._bcSubscriber = (data, origin) => {
      if (origin !== 'broadcastchannel') return;
      // decrypt() throws at once on bytes it cannot read: inside then(), that is a rejection too.
      promise
        .resolveWith(undefined)
        .then(() => cryptoutils.decrypt(new Uint8Array(data), key))
        .then((m) =>
          this.mux(() => {
            const guard = this.provider.bcGuard;
            if (guard) {
              const reason = guard.rejectReason(m);
              if (reason) return guard.onProblem(reason);
              if (guard.apply && guard.apply(m)) return;
            }
            const reply = readMessage(this, m, () => {});
            if (reply) {
              void broadcastBcMessage(this, encoding.toUint8Array(reply));
            }
          }),
        )
        .catch(() => {
          if (this.provider.bcGuard) this.provider.bcGuard.onProblem('malformed-update');
        });
    };
    this._docUpdateHandler = (update) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageSync);
      syncProtocol.writeUpdate(encoder, update);
      broadcastRoomMessage(this, encoding.toUint8Array(encoder));
    };
    this._awarenessUpdateHandler = ({ added, updated, removed }) => {
      const changedClients = added.concat(updated).concat(removed);
      const encoderAwareness = encoding.createEncoder();
      encoding.writeVarUint(encoderAwareness, messageAwareness);
      encoding.writeVarUint8Array(encoderAwareness, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changedClients));
      broadcastRoomMessage(this, encoding.toUint8Array(encoderAwareness));
    };

    this._beforeUnloadHandler = () => {
      awarenessProtocol.removeAwarenessStates(this.awareness, [doc.clientID], 'window unload');
      rooms.forEach((room) => {
        room.disconnect();
      });
    };

    if (typeof window !== 'undefined') {
      window.addEventListener('beforeunload', this._beforeUnloadHandler);
    } else if (typeof process !== 'undefined') {
      process.on('exit', this._beforeUnloadHandler);
    }
  }

  /** Kehu change: the connections to other devices that are open now. */
  openConnections(): WebrtcConn[] {
    return Array.from(this.webrtcConns.values()).filter((conn) => conn.connected);
  }

  /** Kehu change: signalling through the mesh (mesh-relay.ts, docs/sync-protocol.md). */
  readonly mesh = new MeshRelay(() => this.peerId);

  /** Kehu change: how this room's mesh signals go; each is one whole description (no trickle), so one message each way. */
  meshRoute(): SignalRoute {
    return { send: (data) => this.#meshSend(data.type === 'signal' ? data.to : '', data), peerOpts: { trickle: false } };
  }

  #neighbours(): string[] {
    return this.openConnections().map((conn) => conn.remotePeerId);
  }

  #meshSend(to: string, data: OutgoingSignal) {
    const key = this.key;
    if (!key || this.openConnections().length === 0) return;
    void cryptoutils.encryptJson(data, key).then((sealed) => {
      const { envelope, to: hops } = this.mesh.originate(to, sealed, this.#neighbours(), Date.now());
      this.#passOn(encodeMeshEnvelope(envelope), hops);
    });
  }

  #passOn(message: Uint8Array, neighbours: readonly string[]) {
    for (const id of neighbours) {
      const conn = this.webrtcConns.get(id);
      if (!conn?.connected) continue;
      try {
        conn.send(message);
      } catch {
        // a closing connection
      }
    }
  }

  #announceTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * Kehu change: tells teammates reached through the mesh that this device is here (they connect
   * to it); once for a burst of connections opening or closing (MESH_ANNOUNCE_DELAY_MS).
   */
  meshAnnounce() {
    this.#announceTimer ??= setTimeout(() => {
      this.#announceTimer = null;
      if (this.bcconnected && this.webrtcConns.size < this.provider.maxConns) this.#meshSend('', { type: 'announce', from: this.peerId });
    }, MESH_ANNOUNCE_DELAY_MS);
  }

  /** Kehu change: a mesh signal from neighbour `via`: passed on within the bounds of mesh-relay.ts, and read if it is for this device. */
  receiveMesh(via: WebrtcConn, message: Uint8Array) {
    const problem = () => this.provider.bcGuard?.onProblem('mesh-signal');
    const envelope = decodeMeshEnvelope(message);
    if (typeof envelope === 'string') return problem();
    const decision = this.mesh.receive(envelope, via.remotePeerId, this.#neighbours(), Date.now());
    if (decision === 'seen') return;
    if (typeof decision === 'string') return problem();
    if (decision.forward) this.#passOn(encodeMeshEnvelope(decision.forward.envelope), decision.forward.to);
    const key = this.key;
    if (!decision.deliver || !key) return;
    promise
      .resolveWith(undefined)
      .then(() => cryptoutils.decryptJson(envelope.sealed, key))
      .then(
        (data) => {
          // What the clear envelope says must be what was sealed: a neighbour cannot redirect a signal.
          const sealedTo = isObject(data) && data.type === 'announce' ? '' : isObject(data) ? data.to : undefined;
          if (!isObject(data) || data.from !== envelope.from || sealedTo !== envelope.to) return problem();
          if (this.bcconnected) receiveSignal(this, data, this.meshRoute());
        },
        () => problem(),
      );
  }

  /** Kehu change: pairings by code whose offer waits for its answer, by a pairing id of their own. */
  readonly pendingPairs = new Map<string, WebrtcConn>();

  /** Kehu change: the offering side of a pairing by code: this device's whole offer, once every candidate is in it. */
  pairOffer(): Promise<{ pairId: string; sdp: string }> {
    const pairId = `pair-${random.uuidv4()}`;
    // Each waits up to PAIRING_TIMEOUT_MS with a peer connection of its own: a few at most (the oldest goes).
    const [oldest] = this.pendingPairs.keys();
    if (oldest !== undefined && this.pendingPairs.size >= MAX_PENDING_PAIRS) {
      this.pendingPairs.get(oldest)?.destroy();
      this.pendingPairs.delete(oldest);
    }
    return new Promise((resolve, reject) => {
      const conn = new WebrtcConn({ send: (data) => resolveDescription(data, 'offer', (sdp) => resolve({ pairId, sdp })), ...PAIRING_ROUTE }, true, pairId, this);
      this.pendingPairs.set(pairId, conn);
      conn.peer.on('close', () => {
        this.pendingPairs.delete(pairId);
        reject(new Error('The pairing connection closed'));
      });
    });
  }

  /** Kehu change: the answer to a pairing offer this device made; a reason if that offer no longer waits. */
  acceptPairAnswer(pairId: string, peerId: string, sdp: string): 'expired' | 'own' | null {
    const conn = this.pendingPairs.get(pairId);
    if (!conn || conn.closed) return 'expired';
    if (peerId === this.peerId) return 'own';
    this.pendingPairs.delete(pairId);
    this.#replaceConn(peerId, conn);
    conn.peer.signal({ type: 'answer', sdp });
    return null;
  }

  /** Kehu change: the answering side of a pairing by code: this device's whole answer to `sdp`, an offer of `peerId`. */
  pairAnswer(peerId: string, sdp: string): Promise<string> {
    if (peerId === this.peerId) return Promise.reject(new Error('This device made that offer'));
    return new Promise((resolve, reject) => {
      const conn = new WebrtcConn({ send: (data) => resolveDescription(data, 'answer', resolve), ...PAIRING_ROUTE }, false, peerId, this);
      this.#replaceConn(peerId, conn);
      conn.peer.on('close', () => reject(new Error('The pairing connection closed')));
      conn.peer.signal({ type: 'offer', sdp });
    });
  }

  /** A connection made by code replaces any attempt to reach the same device another way. */
  #replaceConn(peerId: string, conn: WebrtcConn) {
    const existing = this.webrtcConns.get(peerId);
    this.webrtcConns.delete(peerId);
    existing?.destroy();
    conn.remotePeerId = peerId;
    this.webrtcConns.set(peerId, conn);
    this.provider.emit('peers', [{ removed: [], added: [peerId], webrtcPeers: Array.from(this.webrtcConns.keys()), bcPeers: Array.from(this.bcConns) }]);
  }

  connect() {
    this.doc.on('update', this._docUpdateHandler);
    this.awareness.on('update', this._awarenessUpdateHandler);
    // signal through all available signaling connections
    announceSignalingInfo(this);
    const roomName = this.name;
    bc.subscribe(roomName, this._bcSubscriber);
    this.bcconnected = true;
    // broadcast peerId via broadcastchannel
    broadcastBcPeerId(this);
    // write sync step 1
    const encoderSync = encoding.createEncoder();
    encoding.writeVarUint(encoderSync, messageSync);
    syncProtocol.writeSyncStep1(encoderSync, this.doc);
    void broadcastBcMessage(this, encoding.toUint8Array(encoderSync));
    // Kehu change: no unsolicited broadcast of the whole document. It cost a full encode (and
    // encryption) of the workspace at every start, alone or not, and a full decode in every other
    // tab. Tabs exchange sync step 1 instead and answer with only what the other lacks (see the
    // messageBcPeerId case in readMessage).
    // write queryAwareness
    const encoderAwarenessQuery = encoding.createEncoder();
    encoding.writeVarUint(encoderAwarenessQuery, messageQueryAwareness);
    void broadcastBcMessage(this, encoding.toUint8Array(encoderAwarenessQuery));
    // broadcast local awareness state
    const encoderAwarenessState = encoding.createEncoder();
    encoding.writeVarUint(encoderAwarenessState, messageAwareness);
    encoding.writeVarUint8Array(encoderAwarenessState, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]));
    void broadcastBcMessage(this, encoding.toUint8Array(encoderAwarenessState));
  }

  disconnect() {
    // signal through all available signaling connections
    signalingConns.forEach((conn) => {
      if (conn.connected) {
        conn.send({ type: 'unsubscribe', topics: [this.name] });
      }
    });
    awarenessProtocol.removeAwarenessStates(this.awareness, [this.doc.clientID], 'disconnect');
    // broadcast peerId removal via broadcastchannel
    const encoderPeerIdBc = encoding.createEncoder();
    encoding.writeVarUint(encoderPeerIdBc, messageBcPeerId);
    encoding.writeUint8(encoderPeerIdBc, 0); // remove peerId from other bc peers
    encoding.writeVarString(encoderPeerIdBc, this.peerId);
    void broadcastBcMessage(this, encoding.toUint8Array(encoderPeerIdBc));

    bc.unsubscribe(this.name, this._bcSubscriber);
    this.bcconnected = false;
    this.doc.off('update', this._docUpdateHandler);
    this.awareness.off('update', this._awarenessUpdateHandler);
    this.webrtcConns.forEach((conn) => conn.destroy());
    this.pendingPairs.forEach((conn) => conn.destroy());
    if (this.#announceTimer) clearTimeout(this.#announceTimer);
    this.#announceTimer = null;
  }

  destroy() {
    this.disconnect();
    if (typeof window !== 'undefined') {
      window.removeEventListener('beforeunload', this._beforeUnloadHandler);
    } else if (typeof process !== 'undefined') {
      process.off('exit', this._beforeUnloadHandler);
    }
  }
}

const openRoom = (doc: Y.Doc, provider: WebrtcProvider, name: string, key: CryptoKey | null): Room => {
  // there must only be one room
  if (rooms.has(name)) {
    throw error.create(`A Yjs Doc connected to room "${name}" already exists!`);
  }
  const room = new Room(doc, provider, name, key);
  rooms.set(name, room);
  return room;
};

/** Kehu change: a device opening several connections at once announces itself to the mesh once. */
const MESH_ANNOUNCE_DELAY_MS = 1_000;

/** Kehu change: offers by code waiting for their answer at once; enough for a person pairing a few devices. */
const MAX_PENDING_PAIRS = 4;

/** Kehu change: a pairing by code sends one whole description each way, and waits for a person. */
const PAIRING_ROUTE = { peerOpts: { trickle: false }, connectTimeoutMs: PAIRING_TIMEOUT_MS, byCode: true };

/** Kehu change: calls `use` with the description of an outgoing signal of `type` (no trickle: the only signal). */
const resolveDescription = (data: OutgoingSignal, type: 'offer' | 'answer', use: (sdp: string) => void) => {
  if (data.type !== 'signal' || data.signal.type !== type || typeof data.signal.sdp !== 'string') return;
  use(data.signal.sdp);
};

/** What y-webrtc publishes on a room's topic (encrypted when the room has a key). */
type OutgoingSignal = { type: 'announce'; from: string } | { type: 'signal'; from: string; to: string; token: number; signal: SignalData };

/**
 * Kehu change: an announce, offer or answer under the room key also carries what the provider's
 * teamConnections hook gives (the team's STUN/TURN servers, docs/sync-protocol.md); never in clear.
 */
const withTeamConnections = (room: Room, data: OutgoingSignal): OutgoingSignal | (OutgoingSignal & { connections: encoding.AnyEncodable }) => {
  const carries = data.type === 'announce' || data.signal.type === 'offer' || data.signal.type === 'answer';
  const connections = carries ? room.provider.teamConnections?.outgoing() : undefined;
  return connections === undefined ? data : { ...data, connections };
};

const publishSignalingMessage = (conn: SignalingConn, room: Room, data: OutgoingSignal) => {
  if (room.key) {
    void cryptoutils.encryptJson(withTeamConnections(room, data), room.key).then((data) => {
      conn.send({ type: 'publish', topic: room.name, data: buffer.toBase64(data) });
    });
  } else {
    conn.send({ type: 'publish', topic: room.name, data });
  }
};

/** A peer's signalling message as this code reads it. */
interface PeerSignal {
  type: unknown;
  from: string;
  to?: unknown;
  token?: unknown;
  /** An object for a message of type 'signal' (simple-peer checks its fields). */
  signal: object;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Kehu change: a peer's signalling message is checked for the fields read below (a string
 * `from`, and for a signal an object `signal`) before it is read. Upstream read any value and
 * threw a TypeError inside the socket's message handler on one without them.
 */
const readPeerSignal = (data: unknown): PeerSignal | null => {
  if (!isObject(data) || typeof data.from !== 'string') return null;
  const signal = isObject(data.signal) ? data.signal : null;
  if (data.type === 'signal' && !signal) return null;
  return { type: data.type, from: data.from, to: data.to, token: data.token, signal: signal ?? {} };
};

/** The `type` of a signal (offer, answer, candidate...), if it has one. */
const signalType = (signal: unknown): unknown => (isObject(signal) ? signal.type : undefined);

/** Kehu change: a relay socket's route; signals to the peers it introduced go back through it. */
const relayRoute = (conn: SignalingConn, room: Room): SignalRoute => ({ send: (data) => publishSignalingMessage(conn, room, data) });

/**
 * Kehu change: what upstream did with a decrypted relay message, for any route (relay or mesh):
 * an announce starts a connection, a signal goes to its connection (an offer makes one).
 */
const receiveSignal = (room: Room, received: unknown, route: SignalRoute) => {
  const data = readPeerSignal(received);
  const webrtcConns = room.webrtcConns;
  const peerId = room.peerId;
  if (data == null || data.from === peerId || (data.to !== undefined && data.to !== peerId) || room.bcConns.has(data.from)) {
    // ignore messages that are not addressed to this conn, or from clients that are connected via broadcastchannel
    return;
  }
  const from = data.from;
  // Kehu change: what a teammate's encrypted signalling carried; the hook reads it as untrusted.
  if (isObject(received) && received.connections !== undefined) room.provider.teamConnections?.heard(received.connections, from);
  const emitPeerChange = webrtcConns.has(from)
    ? () => {}
    : () =>
        room.provider.emit('peers', [
          {
            removed: [],
            added: [from],
            webrtcPeers: Array.from(room.webrtcConns.keys()),
            bcPeers: Array.from(room.bcConns),
          },
        ]);
  switch (data.type) {
    case 'announce':
      if (webrtcConns.size < room.provider.maxConns) {
        map.setIfUndefined(webrtcConns, from, () => new WebrtcConn(route, true, from, room));
        emitPeerChange();
      }
      break;
    case 'signal': {
      const type = signalType(data.signal);
      if (type === 'offer') {
        const existingConn = webrtcConns.get(from);
        if (existingConn) {
          // (a token that is not a number compares as upstream's `>` compares undefined: never lower)
          const remoteToken = typeof data.token === 'number' ? data.token : NaN;
          const localToken = existingConn.glareToken;
          if (localToken && localToken > remoteToken) {
            log('offer rejected: ', from);
            return;
          }
          // if we don't reject the offer, we will be accepting it and answering it
          existingConn.glareToken = undefined;
          // Kehu change: an offer always comes from a new RTCPeerConnection of that peer, so it
          // gets a new connection. Given to our own initiating one, it failed whenever it came
          // before our offer was made (ERR_CREATE_OFFER), or reached a connection of a
          // previous handshake; each side then waited for the other for ever.
          existingConn.destroy();
          webrtcConns.delete(from);
        }
      }
      if (type === 'answer') {
        log('offer answered by: ', from);
        const existingConn = webrtcConns.get(from);
        // Kehu change: the connection may be gone (replaced, timed out) when the answer arrives.
        if (existingConn) existingConn.glareToken = undefined;
      }
      // Kehu change: only an offer starts a connection. A late candidate of a connection that
      // was just replaced made one that waited for an offer already spent.
      if (data.to === peerId && (type === 'offer' || webrtcConns.has(from))) {
        map
          .setIfUndefined(webrtcConns, from, () => new WebrtcConn(route, false, from, room))
          .peer.signal(data.signal);
        emitPeerChange();
      }
      break;
    }
  }
};

export class SignalingConn extends ws.WebsocketClient {
  readonly providers = new Set<WebrtcProvider>();

  constructor(url: string) {
    super(url);
    this.on('connect', () => {
      log(`connected (${url})`);
      const topics = Array.from(rooms.keys());
      this.send({ type: 'subscribe', topics });
      rooms.forEach((room) => publishSignalingMessage(this, room, { type: 'announce', from: room.peerId }));
    });
    this.on('message', (m: unknown) => {
      if (!isObject(m)) return;
      switch (m.type) {
        case 'publish': {
          const roomName = m.topic;
          if (typeof roomName !== 'string') return;
          const room = rooms.get(roomName);
          if (room == null) {
            return;
          }
          const execMessage = (received: unknown) => receiveSignal(room, received, relayRoute(this, room));
          if (room.key) {
            const sealed = m.data;
            if (typeof sealed === 'string') {
              const key = room.key;
              // Kehu change: a message that does not decode or decrypt (another key, damaged bytes)
              // is reported to the provider's bcGuard, not left as an unhandled rejection
              // (OperationError) in the page. fromBase64 throws at once: inside then(), a rejection too.
              promise
                .resolveWith(undefined)
                .then(() => cryptoutils.decryptJson(buffer.fromBase64(sealed), key))
                .then(execMessage, () => {
                  if (room.provider.bcGuard) room.provider.bcGuard.onProblem('undecryptable-signal');
                });
            }
          } else {
            execMessage(m.data);
          }
        }
      }
    });
    this.on('disconnect', () => log(`disconnect (${url})`));
  }
}

/** Kehu change: checks messages from other tabs. */
export interface BcGuard {
  /** A reason drops the message (and is reported to onProblem). */
  rejectReason(message: Uint8Array): string | null;
  onProblem(problem: string): void;
  /** True when it applied the message itself. */
  apply?(message: Uint8Array): boolean;
}

export interface ProviderOptions {
  signaling?: string[];
  password?: string | null;
  awareness?: awarenessProtocol.Awareness;
  maxConns?: number;
  filterBcConns?: boolean;
  /** simple-peer options. See https://github.com/feross/simple-peer#peer--new-peeropts */
  peerOpts?: SimplePeerOptions;
  /** Kehu change: checks messages from other tabs. */
  bcGuard?: BcGuard | null;
  /** Kehu change: the team's connection settings in the encrypted signalling. */
  teamConnections?: TeamConnectionsHook | null;
}

/** Kehu change: the team's connection settings, sent in and read from the room-key-encrypted signalling. */
export interface TeamConnectionsHook {
  /** What to add to this device's announce, offer and answer (JSON), or undefined for nothing. */
  outgoing(): encoding.AnyEncodable | undefined;
  /** What a teammate's message carried: any shape, from anyone holding the room key. */
  heard(connections: unknown, from: string): void;
}

const emitStatus = (provider: WebrtcProvider) => {
  provider.emit('status', [{ connected: provider.connected }]);
};

export type WebrtcProviderEvents = {
  status: (event: { connected: boolean }) => void;
  synced: (event: { synced: boolean }) => void;
  peers: (event: { added: string[]; removed: string[]; webrtcPeers: string[]; bcPeers: string[] }) => void;
};

export class WebrtcProvider extends ObservableV2<WebrtcProviderEvents> {
  readonly filterBcConns: boolean;
  readonly awareness: awarenessProtocol.Awareness;
  shouldConnect = false;
  readonly signalingUrls: string[];
  readonly signalingConns: SignalingConn[] = [];
  readonly maxConns: number;
  readonly peerOpts: SimplePeerOptions;
  readonly bcGuard: BcGuard | null;
  readonly teamConnections: TeamConnectionsHook | null;
  readonly key: PromiseLike<CryptoKey | null>;
  room: Room | null = null;

  constructor(
    readonly roomName: string,
    readonly doc: Y.Doc,
    {
      // Kehu change: no relay by default (upstream defaults to its author's public one); Kehu
      // always names its relays, and a caller that forgets one must not reach a third party.
      signaling = [],
      password = null,
      awareness = new awarenessProtocol.Awareness(doc),
      maxConns = 20 + math.floor(random.rand() * 15), // the random factor reduces the chance that n clients form a cluster
      filterBcConns = true,
      peerOpts = {},
      bcGuard = null,
      teamConnections = null,
    }: ProviderOptions = {},
  ) {
    super();
    this.filterBcConns = filterBcConns;
    this.awareness = awareness;
    this.signalingUrls = signaling;
    this.maxConns = maxConns;
    this.peerOpts = peerOpts;
    this.bcGuard = bcGuard;
    this.teamConnections = teamConnections;
    this.key = password ? cryptoutils.deriveKey(password, roomName) : promise.resolveWith(null);
    void this.key.then((key) => {
      const room = openRoom(doc, this, roomName, key);
      this.room = room;
      if (this.shouldConnect) {
        room.connect();
      } else {
        room.disconnect();
      }
      emitStatus(this);
    });
    this.connect();
    this.destroy = this.destroy.bind(this);
    doc.on('destroy', this.destroy);
  }

  /** Kehu change: the room, once its key is derived. */
  whenRoom(): Promise<Room> {
    return Promise.resolve(this.key).then(() => {
      if (!this.room) throw new Error('The provider was destroyed');
      return this.room;
    });
  }

  /** Kehu change: the open connections to other devices of this provider's room (none before it has one). */
  openConnections(): WebrtcConn[] {
    return this.room ? this.room.openConnections() : [];
  }

  /** Kehu change: whether any of this provider's signalling sockets is open. */
  signalingConnected(): boolean {
    return this.signalingConns.some((conn) => conn.connected);
  }

  /**
   * Indicates whether the provider is looking for other peers.
   *
   * Other peers can be found via signaling servers or via broadcastchannel (cross browser-tab
   * communication). You never know when you are connected to all peers. You also don't know if
   * there are other peers. connected doesn't mean that you are connected to any physical peers
   * working on the same resource as you. It does not change unless you call provider.disconnect()
   *
   * `this.on('status', (event) => { console.log(event.connected) })`
   */
  get connected(): boolean {
    return this.room !== null && this.shouldConnect;
  }

  connect() {
    this.shouldConnect = true;
    this.signalingUrls.forEach((url) => {
      const signalingConn = map.setIfUndefined(signalingConns, url, () => new SignalingConn(url));
      this.signalingConns.push(signalingConn);
      signalingConn.providers.add(this);
    });
    if (this.room) {
      this.room.connect();
      emitStatus(this);
    }
  }

  disconnect() {
    this.shouldConnect = false;
    this.signalingConns.forEach((conn) => {
      conn.providers.delete(this);
      if (conn.providers.size === 0) {
        conn.destroy();
        signalingConns.delete(conn.url);
      }
    });
    if (this.room) {
      this.room.disconnect();
      emitStatus(this);
    }
  }

  override destroy() {
    this.doc.off('destroy', this.destroy);
    // need to wait for key before deleting room
    void this.key.then(() => {
      this.room?.destroy();
      rooms.delete(this.roomName);
    });
    super.destroy();
  }
}
