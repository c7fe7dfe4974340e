/**
 * The LeNet demo's end of its session: numbers requests and makes predictions latest-wins, over
 * the port its island opens (src/demos/connect.ts: the worker, or the main thread as a fallback).
 * Loaded on demand by the demo when the reader starts it.
 */
import type { Preset } from './presets.ts';
import type { FaultInjection, Request, SessionEvent } from './protocol.ts';
import { parseBackendParam, type BackendName } from './backend.ts';
import type { TrainingConfig } from './hyperparams.ts';
import type { Port } from './port.ts';

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
  /** Top-level settings merged into a block experiment's config (small, fast runs for tests). */
  jobConfig?: Record<string, unknown>;
  /** Filled by the client: the latest events, for assertions. */
  events?: SessionEvent[];
  /**
   * Kept by the client when present: the ids of requests the session has not answered yet, so a
   * test can wait until the demo has settled after a burst of clicks.
   */
  awaiting?: number[];
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
  /** Opens the port to the session (src/demos/connect.ts in the browser). */
  readonly open: (onEvent: (event: SessionEvent) => void) => Port<Request>;
}

/** One demo's connection to its training session. */
export class EngineClient {
  private port: Port<Request> | null = null;
  private nextId = 1;
  private readonly options: ClientOptions;
  /** Latest-wins prediction state. */
  private predictionInFlight: number | null = null;
  private pendingPixels: { pixels: Float32Array; count: number } | null = null;
  private latestPrediction = 0;
  private closed = false;

  private constructor(options: ClientOptions) {
    this.options = options;
  }

  /** Opens the port and loads the data set and the backend. */
  static start(options: ClientOptions): Promise<EngineClient> {
    const client = new EngineClient(options);
    client.port = options.open((event) => client.receive(event));
    client.init();
    return Promise.resolve(client);
  }

  private init(fallback?: BackendName): void {
    const { preset, search, dataUrl, hooks, config } = this.options;
    const backend = parseBackendParam(search);
    this.post({
      type: 'init',
      id: this.nextId++,
      backend: fallback ?? backend.requested,
      backendNotice: fallback ? null : backend.notice,
      dataUrl,
      datasetId: preset.datasetId,
      modelId: preset.modelId,
      config,
      ...(hooks?.faults ? { faults: hooks.faults } : {}),
    });
  }

  /** Loads again after a data or backend error; `fallback` replaces the backend asked for. */
  retry(fallback?: BackendName): void {
    if (this.closed) return;
    this.init(fallback);
  }

  private receive(event: SessionEvent): void {
    if (this.closed) return;
    const hooks = this.options.hooks;
    // Every event that carries a request's id answers it (ack, ready, configured, samples, a result, an error).
    const answers = 'id' in event ? event.id : null;
    if (hooks?.awaiting && answers !== null) hooks.awaiting = hooks.awaiting.filter((id) => id !== answers);
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
    this.post({ ...request, id });
    return id;
  }

  private post(request: Request): void {
    this.options.hooks?.awaiting?.push(request.id);
    this.port?.post(request);
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
    this.post({ type: 'predict', id, pixels: next.pixels, count: next.count });
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
