import { deflateMessage, inflateMessage, type Inflated } from './deflated-messages';

/** What the page asks of its codec worker (message-codec.ts), and the answer. */
export type CodecRequest = { id: number } & ({ op: 'deflate'; bytes: Uint8Array } | { op: 'inflate'; bytes: Uint8Array; maxMessage: number });
export interface CodecResponse {
  id: number;
  result: Inflated;
}

/** Does what a request asks, in the calling thread: in the worker, or in the page when the worker failed. */
export function answerCodecRequest(request: CodecRequest): CodecResponse['result'] {
  return request.op === 'deflate' ? deflateMessage(request.bytes) : inflateMessage(request.bytes, request.maxMessage);
}
