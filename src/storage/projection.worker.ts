/// <reference lib="webworker" />
import { projectionService } from './projection-service';
import type { WriterRequest } from './projection-protocol';

/**
 * Validation and the IndexedDB writes of the projection, off the page's thread: a teammate's
 * whole workspace arriving (10k customers: about 1.5 s of this work) must not freeze the page.
 */
const service = projectionService((message) => self.postMessage(message));
self.onmessage = (event: MessageEvent<WriterRequest>) => service.handle(event.data);
