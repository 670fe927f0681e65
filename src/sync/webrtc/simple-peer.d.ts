// What the vendored y-webrtc uses of simple-peer 9.11.1, which ships no types.
declare module 'simple-peer/simplepeer.min.js' {
  import type { AnyEncodable } from 'lib0/encoding';

  export interface SimplePeerOptions {
    initiator?: boolean;
    config?: RTCConfiguration;
    /** Stands in for the browser's RTCPeerConnection, RTCSessionDescription and RTCIceCandidate. */
    wrtc?: object;
    [option: string]: unknown;
  }

  /** What it emits to hand to the other side: an offer, an answer or an ICE candidate, as JSON. */
  export interface SignalData {
    type?: string;
    [field: string]: AnyEncodable;
  }

  export default class SimplePeer {
    constructor(opts?: SimplePeerOptions);
    /** The data channel it sends on (simple-peer's private field; whatever peerOpts.wrtc made). */
    _channel?: unknown;
    /** Its RTCPeerConnection (simple-peer's private field), for getStats(): how the connection is routed. */
    _pc?: { getStats(): Promise<{ values(): Iterable<unknown> }> } | null;
    on(event: 'signal', listener: (signal: SignalData) => void): this;
    on(event: 'connect' | 'close', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    on(event: 'data', listener: (data: Uint8Array) => void): this;
    /** Another side's signal; simple-peer checks its fields (it closes on one it cannot use). */
    signal(signal: object): void;
    send(data: Uint8Array): void;
    destroy(): void;
  }
}
