/**
 * The main-thread side of the engine: starts the training worker (or, where a module worker
 * cannot start, a session on the main thread that yields after every step), numbers requests,
 * and makes predictions latest-wins. Loaded on demand by a demo when the reader starts it.
 */
import type { Preset } from './presets.ts';
import type { FaultInjection, Request, SessionEvent } from './protocol.ts';
import { parseBackendParam, type BackendName } from './backend.ts';
import type { TrainingConfig } from './hyperparams.ts';

/** Distributes a request type over a union, dropping `id`. */
type WithoutId<T> = T extends { id: number } ? Omit<T, 'id'> : never;

/** A request as a caller writes it; the client adds the id. */
export type Outgoing = WithoutId<Exclude<Request, { type: 'init' | 'predict' }>>;

/** Hooks that end-to-end tests may set on `window.__demoTestHooks` before starting a demo. */
export interface DemoTestHooks {
  faults?: FaultInjection;
  /** Run the session on the main thread instead of a worker. */
  mainThread?: boolean;
  /** Settings that override the demo's (small, fast runs for tests). */
  config?: Partial<TrainingConfig>;
  /** Filled by the client: the latest events, for assertions. */
  events?: SessionEvent[];
}

/** Options of {@link EngineClient.start}. */
export interface ClientOptions {
  readonly preset: Preset;
  /** Settings to start from (validated by the session). */
  readonly config: TrainingConfig;
  /** `location.search`, for `?backend=`. */
  readonly search: string;
  /** Absolute URL of the data folder (with manifest.json), ending in '/'. */
  readonly dataUrl: string;
  readonly onEvent: (event: SessionEvent) => void;
  readonly hooks?: DemoTestHooks | undefined;
}

interface Port {
  post(request: Request): void;
  close(): void;
}

function workerPort(onEvent: (event: SessionEvent) => void, onFailure: (error: unknown) => void): Port {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'training' });
  worker.addEventListener('message', (message: MessageEvent<SessionEvent>) => onEvent(message.data));
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    onFailure(event.message || 'the training worker could not start');
  });
  return { post: (request) => worker.postMessage(request), close: () => worker.terminate() };
}

async function mainThreadPort(onEvent: (event: SessionEvent) => void): Promise<Port> {
  const { createBrowserSession } = await import('./browser-host.ts');
  const session = createBrowserSession((event) => queueMicrotask(() => onEvent(event)));
  return {
    post: (request) => void session.handle(request),
    close: () => session.dispose(),
  };
}

/** One demo's connection to its training session. */
export class EngineClient {
  private port: Port | null = null;
  private nextId = 1;
  private readonly options: ClientOptions;
  private initRequest: Extract<Request, { type: 'init' }> | null = null;
  private ready = false;
  private fellBack = false;
  /** Latest-wins prediction state. */
  private predictionInFlight: number | null = null;
  private pendingPixels: { pixels: Float32Array; count: number } | null = null;
  private latestPrediction = 0;
  private closed = false;

  private constructor(options: ClientOptions) {
    this.options = options;
  }

  /** Starts the session: worker first, main thread if the worker cannot start. */
  static async start(options: ClientOptions): Promise<EngineClient> {
    const client = new EngineClient(options);
    await client.connect(options.hooks?.mainThread === true || typeof Worker === 'undefined');
    client.init();
    return client;
  }

  private async connect(mainThread: boolean): Promise<void> {
    const onEvent = (event: SessionEvent) => this.receive(event);
    if (mainThread) {
      this.port = await mainThreadPort(onEvent);
      return;
    }
    try {
      this.port = workerPort(onEvent, (error) => void this.fallBack(error));
    } catch (error) {
      await this.fallBack(error);
    }
  }

  /** A worker that fails before it is ready is replaced by a main-thread session. */
  private async fallBack(error: unknown): Promise<void> {
    if (this.ready || this.fellBack || this.closed) return;
    this.fellBack = true;
    console.warn('Training on the main thread: the worker failed.', error);
    this.port?.close();
    this.port = await mainThreadPort((event) => this.receive(event));
    if (this.initRequest) this.port.post(this.initRequest);
  }

  private init(fallback?: BackendName): void {
    const { preset, search, dataUrl, hooks, config } = this.options;
    const backend = parseBackendParam(search);
    this.initRequest = {
      type: 'init',
      id: this.nextId++,
      backend: fallback ?? backend.requested,
      backendNotice: fallback ? null : backend.notice,
      dataUrl,
      datasetId: preset.datasetId,
      modelId: preset.modelId,
      config,
      ...(hooks?.faults ? { faults: hooks.faults } : {}),
    };
    this.port?.post(this.initRequest);
  }

  /** Loads again after a data or backend error; `fallback` replaces the backend asked for. */
  retry(fallback?: BackendName): void {
    if (this.closed) return;
    this.init(fallback);
  }

  private receive(event: SessionEvent): void {
    if (this.closed) return;
    if (event.type === 'ready') this.ready = true;
    const hooks = this.options.hooks;
    if (hooks?.events) {
      hooks.events.push(event);
      if (hooks.events.length > 500) hooks.events.splice(0, hooks.events.length - 500);
    }
    // A run-level error (id null) is never a prediction's, even when no prediction is in flight.
    const predictionError = event.type === 'error' && event.id !== null && event.id === this.predictionInFlight;
    if (event.type === 'prediction' || predictionError) {
      if (event.id !== this.predictionInFlight) return;
      this.predictionInFlight = null;
      const stale = event.id !== this.latestPrediction || this.pendingPixels !== null;
      this.flushPrediction();
      if (stale) return;
    }
    this.options.onEvent(event);
  }

  /** Sends a request; returns its id. */
  send(request: Outgoing): number {
    const id = this.nextId++;
    this.port?.post({ ...request, id });
    return id;
  }

  /**
   * Asks for class probabilities; latest-wins: while one prediction is in flight, only the newest
   * pixels wait, and answers to superseded requests are dropped.
   */
  predict(pixels: Float32Array, count = 1): void {
    this.pendingPixels = { pixels, count };
    if (this.predictionInFlight === null) this.flushPrediction();
  }

  private flushPrediction(): void {
    const next = this.pendingPixels;
    if (!next || this.closed) return;
    this.pendingPixels = null;
    const id = this.nextId++;
    this.predictionInFlight = id;
    this.latestPrediction = id;
    this.port?.post({ type: 'predict', id, pixels: next.pixels, count: next.count });
  }

  /** Frees every tensor and ends the worker. */
  close(): void {
    if (this.closed) return;
    this.port?.post({ type: 'dispose', id: this.nextId++ });
    this.closed = true;
    this.port?.close();
    this.port = null;
  }
}
