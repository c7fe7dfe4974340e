/**
 * A training session: answers the requests of ./protocol.ts, owns the data set and the current
 * run, and hands the run to the job driver (./driver.ts) as one job. The same code runs in the
 * Web Worker and, as a fallback, on the main thread (see ./port.ts).
 *
 * The session's generation numbers runs for the page: reset, stop and a new run bump it, so
 * events of a superseded run are recognisable; the driver cancels the loop itself.
 */
import type { Model } from '../models/graph.ts';
import type { BackendReport, BackendRequest } from './backend.ts';
import { DataError, type Dataset } from './dataset.ts';
import { validateConfig, type TrainingConfig } from './hyperparams.ts';
import { JobDriver, type Job } from './driver.ts';
import { messageOf } from './errors.ts';
import { RunMeter, type Clock } from './meter.ts';
import type { MemorySnapshot, Request, SessionEvent, SessionState } from './protocol.ts';
import type * as Tf from './tf.ts';
import { TrainingRun, type WindowMetrics } from './trainer.ts';

/** Everything a session needs from its host; tests pass fakes and small models. */
/** What `GPUDevice.lost` resolves to (the part used here). */
interface GpuLossInfo {
  readonly reason?: string;
  readonly message?: string;
}

export interface SessionHost {
  readonly tf: typeof Tf;
  /** Chooses and activates the backend (./backend.ts). */
  chooseBackend(request: BackendRequest): Promise<BackendReport>;
  /** Loads the data set (./dataset.ts), reporting progress. */
  loadDataset(
    request: Extract<Request, { type: 'init' }>,
    onProgress: (loaded: number, total: number) => void,
  ): Promise<Dataset>;
  /** Builds the model of a zoo id with initialisation seed `seed`. */
  createModel(modelId: string, seed: number): Model;
  /** Settings used until the reader changes them. */
  readonly defaults: TrainingConfig;
  readonly clock: Clock;
  /** Lets other tasks run (incoming messages, rendering); resolves soon after. */
  yieldNow(): Promise<void>;
  post(event: SessionEvent): void;
}

/** Errors that a lost GPU device causes before it says it is lost. */
const GPU_FAILURE = /GPU|mapAsync|device/i;

/** How long such an error waits for `device.lost` before it is reported as it is. */
const DEVICE_LOSS_WAIT_MS = 30_000;

/** Resolves on the next macrotask without setTimeout's 4 ms clamp. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** What the run job reads every `metricsEvery` steps. */
interface RunPoint extends WindowMetrics {
  /** Test accuracy when due at this step, else null. */
  readonly testAccuracy: number | null;
}

/** One {@link TrainingRun} as a job: windows every `metricsEvery` steps, tests every `evalEvery`. */
export function runJob(run: TrainingRun): Job<RunPoint> {
  const last = () => run.step >= run.totalSteps;
  return {
    get finished() {
      return last();
    },
    step: () => run.trainStep(),
    due: () => run.step > 0 && (run.step % run.config.metricsEvery === 0 || last()),
    async measure() {
      const window = await run.readWindow();
      const testAccuracy = run.step % run.config.evalEvery === 0 || last() ? await run.evaluate() : null;
      return { losses: [window.trainLoss], value: { ...window, testAccuracy } };
    },
    dispose: () => run.dispose(),
  };
}

/** Serves one demo: one data set, one model id, any number of runs. */
export class TrainingSession {
  private readonly host: SessionHost;
  private state: SessionState = 'loading';
  private generation = 0;
  private config: TrainingConfig;
  private dataset: Dataset | null = null;
  private modelId = '';
  private run: TrainingRun | null = null;
  private meter: RunMeter;
  private readonly driver: JobDriver<RunPoint>;
  /** Settles when the GPU device of the WebGPU backend is lost; null on other backends. */
  private deviceLost: Promise<GpuLossInfo> | null = null;

  constructor(host: SessionHost) {
    this.host = host;
    this.config = host.defaults;
    this.meter = new RunMeter(host.clock);
    this.driver = new JobDriver(() => host.yieldNow(), {
      measured: (_key, point) => this.report(point),
      failed: (error) => void this.reportFailure(error),
    });
  }

  /** Current memory of the backend. */
  memory(): MemorySnapshot {
    const info = this.host.tf.memory() as Tf.MemoryInfo & { numBytesInGPU?: number };
    return {
      numTensors: info.numTensors,
      numBytes: info.numBytes,
      gpuBytes: typeof info.numBytesInGPU === 'number' ? info.numBytesInGPU : null,
    };
  }

  private setState(state: SessionState): void {
    this.state = state;
    this.host.post({
      type: 'state',
      state,
      generation: this.generation,
      step: this.run?.step ?? 0,
      totalSteps: this.run?.totalSteps ?? this.plannedSteps(),
      memory: this.memory(),
    });
  }

  private plannedSteps(): number {
    if (!this.dataset) return 0;
    return Math.floor(this.dataset.train.count / this.config.batchSize) * this.config.epochs;
  }

  /** Handles one request. Never throws: failures become 'error' events. */
  async handle(request: Request): Promise<void> {
    try {
      await this.dispatch(request);
    } catch (error) {
      const data = error instanceof DataError;
      this.host.post({
        type: 'error',
        id: request.id,
        message: messageOf(error),
        kind: data ? error.kind : request.type === 'init' ? 'backend' : 'request',
        retryable: request.type === 'init',
      });
      if (request.type === 'init') this.setState('error');
    }
  }

  private async dispatch(request: Request): Promise<void> {
    const { host } = this;
    switch (request.type) {
      case 'init': {
        if (this.state === 'disposed') throw new Error('This session was disposed.');
        this.state = 'loading';
        this.config = validateConfig(request.config, this.host.defaults).config;
        const backend = await host.chooseBackend({ requested: request.backend, notice: request.backendNotice });
        if (backend.backend === 'webgpu') this.watchDeviceLoss();
        else this.deviceLost = null;
        this.dataset = await host.loadDataset(request, (loadedBytes, totalBytes) =>
          host.post({ type: 'loading', loadedBytes, totalBytes }),
        );
        this.modelId = request.modelId;
        // Build once to fail early on an unknown model, then free it.
        host.createModel(this.modelId, this.config.seed).dispose();
        const { entry } = this.dataset;
        this.state = 'ready';
        host.post({
          type: 'ready',
          id: request.id,
          backend,
          config: this.config,
          classes: entry.classes,
          trainCount: this.dataset.train.count,
          testCount: this.dataset.test.count,
          imageShape: entry.imageShape,
          memory: this.memory(),
        });
        this.setState('ready');
        return;
      }
      case 'configure': {
        const { config, issues } = validateConfig(request.config, this.config);
        this.config = config;
        // New settings take effect at the next run; a run in progress keeps its own.
        if (!this.run) this.setState(this.state);
        host.post({ type: 'configured', id: request.id, config, issues });
        return;
      }
      case 'start':
        this.start();
        host.post({ type: 'ack', id: request.id });
        return;
      case 'pause':
        if (this.state === 'running') {
          this.driver.pause();
          this.meter.pause();
          this.setState('paused');
        }
        host.post({ type: 'ack', id: request.id });
        return;
      case 'stop':
        this.generation += 1;
        this.driver.stop();
        this.meter.pause();
        if (this.run) this.setState('done');
        host.post({ type: 'ack', id: request.id });
        return;
      case 'reset':
        this.reset();
        host.post({ type: 'ack', id: request.id });
        return;
      case 'predict': {
        const run = this.requireRun();
        const probabilities = await run.predict(request.pixels, request.count);
        host.post({ type: 'prediction', id: request.id, probabilities, count: request.count });
        return;
      }
      case 'samples': {
        const samples = await this.requireRun().samples(request.count);
        host.post({ type: 'samples', id: request.id, samples });
        return;
      }
      case 'dispose':
        this.dispose();
        host.post({ type: 'ack', id: request.id });
        return;
    }
  }

  private requireRun(): TrainingRun {
    if (!this.run) throw new Error('Train the model first.');
    return this.run;
  }

  /** Starts a new run, or resumes a paused one. */
  private start(): void {
    if (!this.dataset) throw new Error('The data set is not loaded yet.');
    if (this.state === 'running') return;
    if (this.state === 'paused' && this.run && this.driver.looping) {
      this.driver.resume();
    } else {
      this.generation += 1;
      this.meter = new RunMeter(this.host.clock);
      this.run = new TrainingRun(
        this.host.tf,
        (seed) => this.host.createModel(this.modelId, seed),
        this.dataset,
        this.config,
      );
      const generation = this.generation;
      void this.driver.run([['run', runJob(this.run)]]).then((outcome) => {
        if (outcome !== 'finished' || generation !== this.generation) return;
        this.meter.pause();
        this.setState('done');
      });
    }
    this.meter.resume(this.run.step);
    this.setState('running');
  }

  /** Posts the metrics of one measurement. */
  private report(point: RunPoint): void {
    const run = this.run as TrainingRun;
    const rates = this.meter.mark(run.step, run.totalSteps, run.config.batchSize);
    this.host.post({
      type: 'metrics',
      generation: this.generation,
      step: run.step,
      totalSteps: run.totalSteps,
      epoch: run.epoch,
      trainLoss: point.trainLoss,
      trainAccuracy: point.trainAccuracy,
      testAccuracy: point.testAccuracy,
      ...rates,
      memory: this.memory(),
    });
  }

  private reset(): void {
    this.generation += 1;
    this.meter = new RunMeter(this.host.clock);
    this.driver.clear();
    this.run = null;
    if (this.state !== 'disposed' && this.dataset) this.setState('ready');
  }

  /** Says that the run failed, unless a lost GPU device explains it (then that is said instead). */
  private async reportFailure(error: Error): Promise<void> {
    const generation = this.generation;
    this.meter.pause();
    // A lost device first fails the read-back in flight (a GPU buffer error), and settles
    // `device.lost` only once its queue has drained: seconds later on a software adapter.
    if (this.deviceLost && GPU_FAILURE.test(error.message))
      await Promise.race([this.deviceLost, new Promise((resolve) => setTimeout(resolve, DEVICE_LOSS_WAIT_MS))]);
    if (generation !== this.generation || this.state === 'disposed') return;
    this.host.post({
      type: 'error',
      id: null,
      message: `Training failed: ${error.message}`,
      kind: 'training',
      retryable: true,
    });
    this.setState('error');
  }

  /**
   * A GPU device can be lost at any moment (driver reset, another tab, a test hook). Stop the run
   * and say so; the reader can restart on WASM.
   */
  private watchDeviceLoss(): void {
    const device = (this.host.tf.backend() as unknown as { device?: { lost?: Promise<GpuLossInfo> } }).device;
    this.deviceLost = device?.lost ?? null;
    void this.deviceLost?.then((info) => {
      if (this.state === 'disposed') return;
      this.generation += 1;
      try {
        this.driver.clear();
      } catch {
        // The device took the run's buffers with it; there is nothing left to free.
      }
      this.run = null;
      this.meter.pause();
      const detail = [info.reason, info.message].filter(Boolean).join(': ');
      this.host.post({
        type: 'error',
        id: null,
        message: `The GPU device was lost${detail ? ` (${detail})` : ''}, so training stopped. Restart on WASM to carry on without the GPU.`,
        kind: 'device-lost',
        retryable: true,
      });
      this.setState('error');
    });
  }

  /** Stops everything and frees every tensor. */
  dispose(): void {
    this.generation += 1;
    this.driver.clear();
    this.run = null;
    this.dataset = null;
    this.state = 'disposed';
  }
}
