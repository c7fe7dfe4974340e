/**
 * A session that runs experiments of several jobs (the depth lab's networks, the block
 * playground's experiments): the protocol its demo speaks through the port (./port.ts), and the
 * session that answers it with the job driver (./driver.ts). What an experiment is comes from the
 * host's `createJobs`; the session only chooses the backend, caches data sets, numbers
 * experiments and relays the driver's measurements. DOM-free; the same class runs in the worker,
 * on the main thread and in tests.
 */
import type { BackendName, BackendReport, BackendRequest } from './backend.ts';
import { datasetName, type Dataset } from './dataset.ts';
import { JobDriver, type Job } from './driver.ts';
import { messageOf } from './errors.ts';
import type * as Tf from './tf.ts';

/** Main thread to session; `S` describes one experiment. */
export type JobRequest<S> =
  | {
      readonly type: 'init';
      readonly backend: BackendName | null;
      readonly backendNotice: string | null;
      /** Absolute URL of the folder holding manifest.json. */
      readonly dataUrl: string;
    }
  | { readonly type: 'start'; readonly spec: S }
  /** Pauses or resumes job `key`, or, without a key, the whole experiment. */
  | { readonly type: 'pause'; readonly key?: string }
  | { readonly type: 'resume'; readonly key?: string }
  | { readonly type: 'stop' }
  | { readonly type: 'dispose' };

/** Lifecycle of one job. */
export type JobState = 'running' | 'paused' | 'done';

/** Session to main thread; `I` describes a job before it runs, `P` is one of its measurements. */
export type JobEvent<I, P> =
  | { readonly type: 'ready'; readonly backend: BackendReport }
  | { readonly type: 'loading'; /** The data set's name, as a reader knows it. */ readonly what: string }
  | { readonly type: 'started'; readonly generation: number; readonly jobs: readonly I[] }
  | { readonly type: 'point'; readonly generation: number; readonly key: string; readonly value: P }
  | {
      readonly type: 'state';
      readonly generation: number;
      /** The job, or null for the whole experiment. */
      readonly key: string | null;
      readonly state: JobState;
    }
  | { readonly type: 'finished'; readonly generation: number }
  | { readonly type: 'error'; readonly message: string };

/** What `createJobs` may use. */
export interface JobContext {
  readonly tf: typeof Tf;
  /**
   * A data set of public/data/manifest.json, loaded once per session; with `size`, its prepared
   * copy at that side length where the manifest lists one (else the full size).
   */
  dataset(datasetId: string, size?: number): Promise<Dataset>;
}

/** One job of an experiment with what the page shows about it before it runs. */
export interface PlannedJob<I, P> {
  readonly key: string;
  readonly info: I;
  readonly job: Job<P>;
}

/** What the session needs from its host (the worker, the main thread, or a test). */
export interface JobHost<S, I, P> {
  readonly tf: typeof Tf;
  chooseBackend(request: BackendRequest): Promise<BackendReport>;
  loadDataset(dataUrl: string, datasetId: string, size?: number): Promise<Dataset>;
  /** The jobs of one experiment, in the order they take turns. */
  createJobs(spec: S, context: JobContext): Promise<readonly PlannedJob<I, P>[]>;
  yieldNow(): Promise<void>;
  post(event: JobEvent<I, P>): void;
}

/** Serves one demo: one experiment at a time, any number of jobs. */
export class JobSession<S, I, P> {
  private readonly host: JobHost<S, I, P>;
  private readonly driver: JobDriver<P>;
  /** Numbers experiments; events of an older one are stale. */
  private generation = 0;
  private dataUrl = '';
  private readonly datasets = new Map<string, Promise<Dataset>>();
  /** Settles when the backend is chosen; a start waits for it. */
  private initialised: Promise<void> = Promise.resolve();

  constructor(host: JobHost<S, I, P>) {
    this.host = host;
    this.driver = new JobDriver(() => host.yieldNow(), {
      measured: (key, value) => host.post({ type: 'point', generation: this.generation, key, value }),
      jobDone: (key) => this.postState(key, 'done'),
      failed: (error, key) => host.post({ type: 'error', message: `Training failed: ${key}: ${error.message}` }),
    });
  }

  /** Handles one request; failures become 'error' events. */
  async handle(request: JobRequest<S>): Promise<void> {
    try {
      switch (request.type) {
        case 'init':
          this.dataUrl = request.dataUrl;
          this.initialised = this.host
            .chooseBackend({ requested: request.backend, notice: request.backendNotice })
            .then((backend) => this.host.post({ type: 'ready', backend }));
          await this.initialised;
          return;
        case 'start':
          // Requests are not queued: a start that arrives while the backend starts waits for it.
          await this.initialised;
          await this.start(request.spec);
          return;
        case 'pause':
          if (this.driver.pause(request.key)) this.postState(request.key ?? null, 'paused');
          return;
        case 'resume':
          if (this.driver.resume(request.key)) this.postState(request.key ?? null, 'running');
          return;
        case 'stop':
          this.clear();
          return;
        case 'dispose':
          this.dispose();
          return;
      }
    } catch (error) {
      this.host.post({ type: 'error', message: messageOf(error) });
    }
  }

  /** Stops the experiment and frees every tensor. */
  dispose(): void {
    this.clear();
    this.datasets.clear();
  }

  private clear(): void {
    this.generation += 1;
    this.driver.clear();
  }

  private postState(key: string | null, state: JobState): void {
    this.host.post({ type: 'state', generation: this.generation, key, state });
  }

  private dataset(datasetId: string, size?: number): Promise<Dataset> {
    const key = size === undefined ? datasetId : `${datasetId}@${size}`;
    let loading = this.datasets.get(key);
    if (!loading) {
      this.host.post({ type: 'loading', what: datasetName(datasetId) });
      loading = this.host.loadDataset(this.dataUrl, datasetId, size);
      // A failed download is not cached: the next start tries again.
      loading.catch(() => this.datasets.delete(key));
      this.datasets.set(key, loading);
    }
    return loading;
  }

  private async start(spec: S): Promise<void> {
    this.clear();
    const generation = this.generation;
    const planned = await this.host.createJobs(spec, {
      tf: this.host.tf,
      dataset: (id, size) => this.dataset(id, size),
    });
    if (generation !== this.generation) {
      for (const { job } of planned) job.dispose();
      return;
    }
    this.host.post({ type: 'started', generation, jobs: planned.map((p) => p.info) });
    for (const { key } of planned) this.postState(key, 'running');
    const outcome = await this.driver.run(planned.map(({ key, job }) => [key, job] as const));
    if (outcome === 'finished' && generation === this.generation) this.host.post({ type: 'finished', generation });
  }
}
