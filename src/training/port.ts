/**
 * The one way a demo talks to its training session: a typed port to a module Web Worker, with the
 * same session on the main thread as the fallback. Requests posted before the worker first answers
 * are kept; if the worker fails to start (or cannot exist), a main-thread session is loaded and
 * they are replayed to it, so the demo never notices beyond a console warning. On the main thread,
 * events arrive in a microtask, as they would from a worker, never inside the `post` call.
 *
 * Generic and DOM-free: the demo's wiring (src/demos/connect.ts) passes how to start the worker
 * and how to load the session; tests pass fakes.
 */

/** The part of `Worker` the port uses. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
}

/** A session as the port drives it on the main thread. */
export interface PortService<Req> {
  handle(request: Req): unknown;
  dispose(): void;
}

/** Where a port's session runs. */
export type Thread = 'worker' | 'main';

/** A demo's end of the port. */
export interface Port<Req> {
  post(request: Req): void;
  /** Ends the session: the worker is terminated, or the main-thread session disposed. */
  close(): void;
  /** Where the session runs now (it may move to the main thread once, early). */
  readonly thread: Thread;
}

export interface PortOptions<Req, Ev> {
  /** Starts the worker; null where none may run (no Worker API, or a test asks for the main thread). */
  readonly startWorker: (() => WorkerLike) | null;
  /** Loads the same session for the main thread; it posts its events to `post`. */
  readonly startMainThread: (post: (event: Ev) => void) => Promise<PortService<Req>>;
  readonly onEvent: (event: Ev) => void;
  /** A failure after the worker had answered (the session cannot move then). */
  readonly onFailure?: (message: string) => void;
  /** Told why the session moved to the main thread after a worker failed. */
  readonly onFallback?: (reason: string) => void;
}

/** Opens a port; requests may be posted at once. */
export function openPort<Req, Ev>(options: PortOptions<Req, Ev>): Port<Req> {
  let thread: Thread = 'worker';
  let worker: WorkerLike | null = null;
  let service: PortService<Req> | null = null;
  /** Requests the worker has not yet proved it received, or that wait for the main-thread session. */
  let kept: Req[] | null = [];
  let closed = false;

  const deliver = (event: Ev) => {
    if (!closed) options.onEvent(event);
  };

  const fallBack = (reason: string | null) => {
    if (closed || thread === 'main') return;
    thread = 'main';
    worker?.terminate();
    worker = null;
    if (reason !== null) options.onFallback?.(reason);
    void options
      .startMainThread((event) => queueMicrotask(() => deliver(event)))
      .then(
        (started) => {
          if (closed) {
            started.dispose();
            return;
          }
          service = started;
          const replay = kept ?? [];
          kept = null;
          for (const request of replay) void started.handle(request);
        },
        (error: unknown) => options.onFailure?.(`the training engine could not load (${String(error)})`),
      );
  };

  if (options.startWorker) {
    try {
      const started = options.startWorker();
      worker = started;
      started.addEventListener('message', (message) => {
        // The worker answered: it runs, and what it was sent needs no replay.
        if (thread === 'worker') kept = null;
        deliver(message.data as Ev);
      });
      started.addEventListener('error', (event) => {
        event.preventDefault();
        const reason = event.message || 'the training worker could not start';
        if (kept !== null) fallBack(reason);
        else options.onFailure?.(reason);
      });
    } catch (error) {
      fallBack(String(error));
    }
  } else {
    fallBack(null);
  }

  return {
    post(request) {
      if (closed) return;
      if (thread === 'worker') {
        kept?.push(request);
        worker?.postMessage(request);
      } else if (service) {
        void service.handle(request);
      } else {
        kept?.push(request);
      }
    },
    close() {
      if (closed) return;
      closed = true;
      worker?.terminate();
      worker = null;
      service?.dispose();
      service = null;
      kept = null;
    },
    get thread() {
      return thread;
    },
  };
}
