/**
 * How an island opens its training session: `connect('lab', onEvent)` starts the one worker
 * (./worker.ts) on the engine's port (src/training/port.ts), with the session loaded on the main
 * thread where no worker can start. Browser-only; import it dynamically, when the reader starts
 * a demo.
 */
import { openPort, type Port } from '../training/port.ts';
import type { ServiceName, Services } from './services.ts';

/** Options of {@link connect}. */
export interface ConnectOptions {
  /** Run the session on the main thread (tests; see `DemoTestHooks`). */
  readonly mainThread?: boolean;
  /** A failure the session cannot report itself (the worker died after it had started). */
  readonly onFailure?: (message: string) => void;
}

/** Opens service `name`; its events go to `onEvent`. */
export function connect<N extends ServiceName>(
  name: N,
  onEvent: (event: Services[N]['event']) => void,
  options: ConnectOptions = {},
): Port<Services[N]['request']> {
  const canStart = options.mainThread !== true && typeof Worker !== 'undefined';
  return openPort<Services[N]['request'], Services[N]['event']>({
    startWorker: canStart
      ? () => {
          const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'training' });
          worker.postMessage({ open: name });
          return worker;
        }
      : null,
    startMainThread: async (post) => (await import('./services.ts')).createService(name, post),
    onEvent,
    onFallback: (reason) => console.warn('Training on the main thread: the worker failed.', reason),
    ...(options.onFailure ? { onFailure: options.onFailure } : {}),
  });
}
