/**
 * The lab's side of its worker: typed messages, and a session that trains every network of an
 * experiment interleaved (one step each in turn) with a pause flag per network. DOM-free; the same
 * class runs in ./lab-worker.ts and in tests.
 *
 * The engine's TrainingSession (src/training/session.ts) serves one model per session; the lab
 * needs several on identical batches, so it drives the engine's TrainingRun through {@link LabRun}.
 * Cancellation is a generation counter, as in the engine.
 */
import type { BackendName, BackendReport } from '../training/backend.ts';
import type { Dataset } from '../training/dataset.ts';
import type * as Tf from '../training/tf.ts';
import type { ExperimentConfig, Family } from './config.ts';
import { LabRun, prepareDataset, type CurvePoint, type EvalPoint, type ProbePoint } from './experiment.ts';

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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Serves one lab: one experiment at a time, any number of networks. */
export class LabSession {
  private readonly host: LabHost;
  private generation = 0;
  private dataUrl = '';
  private readonly datasets = new Map<string, Dataset>();
  private runs: LabRun[] = [];
  private readonly paused = new Set<string>();
  private wake: (() => void) | null = null;
  /** Settles when the backend is chosen; a start waits for it. */
  private initialised: Promise<void> = Promise.resolve();

  constructor(host: LabHost) {
    this.host = host;
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
        case 'resume':
          this.setPaused(request.key, request.type === 'pause');
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
    for (const run of this.runs) run.dispose();
    this.runs = [];
    this.paused.clear();
    this.wake?.();
  }

  private setPaused(key: string, pause: boolean): void {
    const run = this.runs.find((r) => r.record.key === key);
    if (!run || run.finished) return;
    if (pause) this.paused.add(key);
    else this.paused.delete(key);
    this.host.post({
      type: 'state',
      generation: this.generation,
      key,
      state: pause ? 'paused' : 'running',
      step: run.step,
    });
    if (!pause) this.wake?.();
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
    for (const depth of config.depths) {
      for (const family of config.families) this.runs.push(new LabRun(this.host.tf, dataset, config, family, depth));
    }
    this.host.post({
      type: 'started',
      generation,
      runs: this.runs.map((r) => ({
        key: r.record.key,
        family: r.record.family,
        depth: r.record.depth,
        params: r.record.params,
        layers: r.record.layers,
        steps: r.steps,
      })),
    });
    try {
      for (const run of this.runs) {
        await this.measure(run, generation);
        if (generation !== this.generation) return;
        this.host.post({ type: 'state', generation, key: run.record.key, state: 'running', step: 0 });
      }
      await this.loop(generation);
    } catch (error) {
      if (generation === this.generation)
        this.host.post({ type: 'error', message: `Training failed: ${messageOf(error)}` });
    }
  }

  private async measure(run: LabRun, generation: number): Promise<void> {
    const { curve, evaluation, probe } = await run.measure();
    if (generation !== this.generation) return;
    this.host.post({ type: 'point', generation, key: run.record.key, step: run.step, curve, evaluation, probe });
  }

  private async loop(generation: number): Promise<void> {
    const live = () => generation === this.generation;
    while (live()) {
      const active = this.runs.filter((r) => !r.finished && !this.paused.has(r.record.key));
      if (active.length === 0) {
        if (this.runs.every((r) => r.finished)) {
          this.host.post({ type: 'finished', generation });
          return;
        }
        // Everything left is paused: sleep until a resume or a stop.
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      for (const run of active) {
        if (!live() || this.paused.has(run.record.key)) continue;
        run.trainStep();
        const due = run.due();
        if (due.curve || due.evaluate || due.probe) {
          await this.measure(run, generation);
          if (!live()) return;
          const last = run.record.curve.at(-1);
          if (last && !Number.isFinite(last.trainLoss))
            throw new Error(`${run.record.key}: the loss is not finite; try a smaller learning rate.`);
          if (run.finished)
            this.host.post({ type: 'state', generation, key: run.record.key, state: 'done', step: run.step });
        }
        await this.host.yieldNow();
      }
    }
  }
}
