/// <reference lib="webworker" />
import { answerCodecRequest, type CodecRequest, type CodecResponse } from './codec-requests';

self.onmessage = (event: MessageEvent<CodecRequest>) => {
  const result = answerCodecRequest(event.data);
  const response: CodecResponse = { id: event.data.id, result };
  self.postMessage(response, result instanceof Uint8Array ? [result.buffer as ArrayBuffer] : []);
};
