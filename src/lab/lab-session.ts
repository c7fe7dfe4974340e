/**
 * The lab's side of its worker: typed messages, and a session that trains every network of an
 * experiment interleaved (one step each in turn) with a pause flag per network. DOM-free; the same
 * class runs in ./lab-worker.ts and in tests.
 *
 * The engine's TrainingSession (src/training/session.ts) serves one model per session; the lab
 * needs several on identical batches: each network is a {@link LabRun} job, and the engine's job
 * driver (src/training/driver.ts) runs them interleaved, pauses them one by one and cancels them.
 */
import type { BackendName, BackendReport } from '../training/backend.ts';
import type { Dataset } from '../training/dataset.ts';
import { JobDriver, messageOf } from '../training/driver.ts';
import type * as Tf from '../training/tf.ts';
import type { ExperimentConfig, Family } from './config.ts';
import {
  LabRun,
  labJob,
  prepareDataset,
  type CurvePoint,
  type EvalPoint,
  type LabPoint,
  type ProbePoint,
} from './experiment.ts';

/** Main thread to worker. */
export type LabRequest =
  | {
      readonly type: 'init';
      readonly backend: BackendName | null;
      readonly backendNotice: string | null;
      readonly dataUrl: string;
    }
  | { readonly type: 'start'; readonly config: ExperimentConfig }
  | { readonly type: 'pause'; readonly key: string }
  | { readonly type: 'resume'; readonly key: string }
  | { readonly type: 'stop' }
  | { readonly type: 'dispose' };

/** What the page needs to know about one network before it trains. */
export interface RunInfo {
  readonly key: string;
  readonly family: Family;
  readonly depth: number;
  readonly params: number;
  readonly layers: readonly string[];
  readonly steps: number;
}

/** Lifecycle of one network. */
export type RunState = 'running' | 'paused' | 'done';

/** Worker to main thread. */
export type LabEvent =
  | { readonly type: 'ready'; readonly backend: BackendReport }
  | { readonly type: 'loading'; readonly what: string }
  | { readonly type: 'started'; readonly generation: number; readonly runs: readonly RunInfo[] }
  | {
      readonly type: 'point';
      readonly generation: number;
      readonly key: string;
      readonly step: number;
      readonly curve: CurvePoint | null;
      readonly evaluation: EvalPoint | null;
      readonly probe: ProbePoint | null;
    }
  | {
      readonly type: 'state';
      readonly generation: number;
      readonly key: string;
      readonly state: RunState;
      readonly step: number;
    }
  | { readonly type: 'finished'; readonly generation: number }
  | { readonly type: 'error'; readonly message: string };

/** What the session needs from its host (the worker, or a test). */
export interface LabHost {
  readonly tf: typeof Tf;
  chooseBackend(request: Extract<LabRequest, { type: 'init' }>): Promise<BackendReport>;
  loadDataset(dataUrl: string, datasetId: string): Promise<Dataset>;
  yieldNow(): Promise<void>;
  post(event: LabEvent): void;
}

/** Serves one lab: one experiment at a time, any number of networks. */
export class LabSession {
  private readonly host: LabHost;
  private readonly driver: JobDriver<LabPoint>;
  /** Numbers experiments; events of an older one are stale. */
  private generation = 0;
  private dataUrl = '';
  private readonly datasets = new Map<string, Dataset>();
  private runs: LabRun[] = [];
  /** Settles when the backend is chosen; a start waits for it. */
  private initialised: Promise<void> = Promise.resolve();

  constructor(host: LabHost) {
    this.host = host;
    this.driver = new JobDriver(() => host.yieldNow(), {
      measured: (key, { step, curve, evaluation, probe }) =>
        host.post({ type: 'point', generation: this.generation, key, step, curve, evaluation, probe }),
      jobDone: (key) => this.postState(key, 'done'),
      failed: (error, key) => host.post({ type: 'error', message: `Training failed: ${key}: ${error.message}` }),
    });
  }

  /** Handles one request; failures become 'error' events. */
  async handle(request: LabRequest): Promise<void> {
    try {
      switch (request.type) {
        case 'init':
          this.dataUrl = request.dataUrl;
          this.initialised = this.host
            .chooseBackend(request)
            .then((backend) => this.host.post({ type: 'ready', backend }));
          await this.initialised;
          return;
        case 'start':
          // Requests are not queued: a start that arrives while the backend starts waits for it.
          await this.initialised;
          await this.start(request.config);
          return;
        case 'pause':
          if (this.driver.pause(request.key)) this.postState(request.key, 'paused');
          return;
        case 'resume':
          if (this.driver.resume(request.key)) this.postState(request.key, 'running');
          return;
        case 'stop':
          this.clear();
          return;
        case 'dispose':
          this.clear();
          this.datasets.clear();
          return;
      }
    } catch (error) {
      this.host.post({ type: 'error', message: messageOf(error) });
    }
  }

  private clear(): void {
    this.generation += 1;
    this.driver.clear();
    this.runs = [];
  }

  private postState(key: string, state: RunState): void {
    const step = this.runs.find((r) => r.record.key === key)?.step ?? 0;
    this.host.post({ type: 'state', generation: this.generation, key, state, step });
  }

  private async dataset(config: ExperimentConfig): Promise<Dataset> {
    let raw = this.datasets.get(config.dataset);
    if (!raw) {
      this.host.post({ type: 'loading', what: config.dataset });
      raw = await this.host.loadDataset(this.dataUrl, config.dataset);
      this.datasets.set(config.dataset, raw);
    }
    return prepareDataset(raw, config);
  }

  private async start(config: ExperimentConfig): Promise<void> {
    this.clear();
    const generation = this.generation;
    const dataset = await this.dataset(config);
    if (generation !== this.generation) return;
    const runs: LabRun[] = [];
    for (const depth of config.depths) {
      for (const family of config.families) runs.push(new LabRun(this.host.tf, dataset, config, family, depth));
    }
    this.runs = runs;
    this.host.post({
      type: 'started',
      generation,
      runs: runs.map((r) => ({
        key: r.record.key,
        family: r.record.family,
        depth: r.record.depth,
        params: r.record.params,
        layers: r.record.layers,
        steps: r.steps,
      })),
    });
    for (const run of runs) this.postState(run.record.key, 'running');
    const outcome = await this.driver.run(runs.map((run) => [run.record.key, labJob(run)] as const));
    if (outcome === 'finished' && generation === this.generation) this.host.post({ type: 'finished', generation });
  }
}
