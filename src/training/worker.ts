/**
 * The training worker (a module Web Worker): one session, driven by ./protocol.ts messages.
 * Requests are handled in arrival order, each after the previous one's synchronous part, so a
 * Pause sent during training is seen before the next step.
 */
/// <reference lib="webworker" />
import { createBrowserSession } from './browser-host.ts';
import type { Request, SessionEvent } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

const session = createBrowserSession((event: SessionEvent) => {
  // Typed arrays are copied; they are small (one prediction, a few sample digits).
  self.postMessage(event);
});

self.addEventListener('message', (message: MessageEvent<Request>) => {
  void session.handle(message.data);
});
