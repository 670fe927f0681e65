/// <reference lib="webworker" />
import { deflateMessage, inflateMessage } from './deflated-messages';
import type { CodecRequest, CodecResponse } from './message-codec';

self.onmessage = (event: MessageEvent<CodecRequest>) => {
  const request = event.data;
  const result = request.op === 'deflate' ? deflateMessage(request.bytes) : inflateMessage(request.bytes, request.maxMessage);
  const response: CodecResponse = { id: request.id, result };
  self.postMessage(response, result instanceof Uint8Array ? [result.buffer as ArrayBuffer] : []);
};
