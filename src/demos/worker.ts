/**
 * The one training worker (a module Web Worker) of every demo. Its first message names the
 * service (./services.ts); every later one is a request to it, handled in arrival order, each
 * after the previous one's synchronous part, so a Pause sent during training is seen before the
 * next step.
 */
/// <reference lib="webworker" />
import type { PortService } from '../training/port.ts';
import { createService, isServiceName } from './services.ts';

declare const self: DedicatedWorkerGlobalScope;

let service: PortService<unknown> | null = null;

self.addEventListener('message', (message: MessageEvent<unknown>) => {
  if (service) {
    void service.handle(message.data);
    return;
  }
  const open = message.data as { open?: unknown } | null;
  if (!isServiceName(open?.open)) throw new Error(`The first message must name a service, not ${String(open?.open)}.`);
  // Typed arrays in events are copied; they are small (one prediction, a few sample digits).
  service = createService(open.open, (event) => self.postMessage(event));
});
