/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/consistent-type-imports -- made by scripts/webrtc-types.sh from the JSDoc of the .js beside it; edit that, not this */
export class WebrtcConn {
    /**
     * @param {SignalingConn} signalingConn
     * @param {boolean} initiator
     * @param {string} remotePeerId
     * @param {Room} room
     */
    constructor(signalingConn: SignalingConn, initiator: boolean, remotePeerId: string, room: Room);
    room: Room;
    remotePeerId: string;
    glareToken: number | undefined;
    closed: boolean;
    connected: boolean;
    synced: boolean;
    /**
     * @type {Peer}
     */
    peer: Peer;
    /** @type {ReturnType<typeof setTimeout>} */
    _connectTimer: ReturnType<typeof setTimeout>;
    destroy(): void;
    /**
     * Kehu change: the data channel simple-peer sends on, for callers that gave it their own
     * (peerOpts.wrtc) and read its state; null before simple-peer has one.
     *
     * @return {unknown}
     */
    dataChannel(): unknown;
    /**
     * Kehu change: sends one message on this connection (simple-peer throws when it is closing).
     *
     * @param {Uint8Array} message
     */
    send(message: Uint8Array): void;
}
export class Room {
    /**
     * @param {Y.Doc} doc
     * @param {WebrtcProvider} provider
     * @param {string} name
     * @param {CryptoKey|null} key
     */
    constructor(doc: Y.Doc, provider: WebrtcProvider, name: string, key: CryptoKey | null);
    /**
     * Do not assume that peerId is unique. This is only meant for sending signaling messages.
     *
     * @type {string}
     */
    peerId: string;
    doc: Y.Doc;
    /**
     * @type {awarenessProtocol.Awareness}
     */
    awareness: awarenessProtocol.Awareness;
    provider: WebrtcProvider;
    synced: boolean;
    name: string;
    key: CryptoKey | null;
    /**
     * @type {Map<string, WebrtcConn>}
     */
    webrtcConns: Map<string, WebrtcConn>;
    /**
     * @type {Set<string>}
     */
    bcConns: Set<string>;
    mux: import("lib0/mutex").mutex;
    bcconnected: boolean;
    /**
     * @param {ArrayBuffer} data
     */
    /**
     * @param {ArrayBuffer} data
     * @param {unknown} origin
     */
    _bcSubscriber: (data: ArrayBuffer, origin: unknown) => false | Promise<any>;
    /**
     * Listens to Yjs updates and sends them to remote peers
     *
     * @param {Uint8Array} update
     * @param {any} _origin
     */
    _docUpdateHandler: (update: Uint8Array, _origin: any) => void;
    /**
     * Listens to Awareness updates and sends them to remote peers
     *
     * @param {any} changed
     * @param {any} _origin
     */
    _awarenessUpdateHandler: ({ added, updated, removed }: any, _origin: any) => void;
    _beforeUnloadHandler: () => void;
    /**
     * Kehu change: the connections to other devices that are open now.
     *
     * @return {Array<WebrtcConn>}
     */
    openConnections(): Array<WebrtcConn>;
    connect(): void;
    disconnect(): void;
    destroy(): void;
}
export class SignalingConn extends ws.WebsocketClient {
    /**
     * @param {string} url
     */
    constructor(url: string);
    /**
     * @type {Set<WebrtcProvider>}
     */
    providers: Set<WebrtcProvider>;
}
/**
 * @typedef {Object} WebrtcProviderEvents
 * @property {function({connected:boolean}):void} WebrtcProviderEvent.status
 * @property {function({synced:boolean}):void} WebrtcProviderEvent.synced
 * @property {function({added:Array<string>,removed:Array<string>,webrtcPeers:Array<string>,bcPeers:Array<string>}):void} WebrtcProviderEvent.peers
 */
/**
 * @extends ObservableV2<WebrtcProviderEvents>
 */
export class WebrtcProvider extends ObservableV2<WebrtcProviderEvents> {
    /**
     * @param {string} roomName
     * @param {Y.Doc} doc
     * @param {ProviderOptions} [opts]
     */
    constructor(roomName: string, doc: Y.Doc, { signaling, password, awareness, maxConns, filterBcConns, peerOpts, bcGuard }?: ProviderOptions);
    roomName: string;
    doc: Y.Doc;
    filterBcConns: boolean;
    /**
     * @type {awarenessProtocol.Awareness}
     */
    awareness: awarenessProtocol.Awareness;
    shouldConnect: boolean;
    signalingUrls: string[];
    /**
     * @type {Array<SignalingConn>}
     */
    signalingConns: Array<SignalingConn>;
    maxConns: number;
    peerOpts: any;
    /**
     * @type {BcGuard|null}
     */
    bcGuard: BcGuard | null;
    /**
     * @type {PromiseLike<CryptoKey | null>}
     */
    key: PromiseLike<CryptoKey | null>;
    /**
     * @type {Room|null}
     */
    room: Room | null;
    /**
     * Indicates whether the provider is looking for other peers.
     *
     * Other peers can be found via signaling servers or via broadcastchannel (cross browser-tab
     * communication). You never know when you are connected to all peers. You also don't know if
     * there are other peers. connected doesn't mean that you are connected to any physical peers
     * working on the same resource as you. It does not change unless you call provider.disconnect()
     *
     * `this.on('status', (event) => { console.log(event.connected) })`
     *
     * @type {boolean}
     */
    /**
     * Kehu change: the open connections to other devices of this provider's room (none before it has one).
     *
     * @return {Array<WebrtcConn>}
     */
    openConnections(): Array<WebrtcConn>;
    /**
     * Kehu change: whether any of this provider's signalling sockets is open.
     *
     * @return {boolean}
     */
    signalingConnected(): boolean;
    get connected(): boolean;
    connect(): void;
    disconnect(): void;
}
export type ProviderOptions = {
    signaling?: string[] | undefined;
    password?: string | null | undefined;
    awareness?: awarenessProtocol.Awareness | undefined;
    maxConns?: number | undefined;
    filterBcConns?: boolean | undefined;
    peerOpts?: any;
    /**
     * Kehu change: checks messages from other tabs
     */
    bcGuard?: BcGuard | null | undefined;
};
export type BcGuard = {
    /**
     * a reason drops the message
     */
    rejectReason: (arg0: Uint8Array) => (string | null);
    onProblem: (arg0: string) => void;
    /**
     * true when it applied the message itself
     */
    apply?: ((arg0: Uint8Array) => boolean) | undefined;
};
export type WebrtcProviderEvents = {
    status: (arg0: {
        connected: boolean;
    }) => void;
    synced: (arg0: {
        synced: boolean;
    }) => void;
    peers: (arg0: {
        added: Array<string>;
        removed: Array<string>;
        webrtcPeers: Array<string>;
        bcPeers: Array<string>;
    }) => void;
};
import Peer from 'simple-peer/simplepeer.min.js';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as ws from 'lib0/websocket';
import { ObservableV2 } from 'lib0/observable';
