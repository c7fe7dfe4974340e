/**
 * Browser side of scripts/bench-training-suite.mjs, bundled by that script: times the training
 * engine's step (`TrainingRun.trainStep`) and, as the baseline, a bare `optimizer.minimize` loop on
 * one pre-uploaded batch, for the zoo's models on each TF.js backend. Node drives it through
 * `window.__trainBench`; every figure goes back as plain data.
 *
 * Each timed step ends with one small read-back (the engine's metric sums, the bare loop's loss),
 * so that a step on a GPU backend is timed alone rather than queued behind the next one. Both loops
 * pay it, so their ratio is the engine's own overhead (batch assembly, upload, metric sums).
 */
import type { Model } from '../../src/models/graph.ts';
import { DEFAULT as LAB, type ExperimentConfig } from '../../src/lab/config.ts';
import {
  finalTrainLoss,
  labModel,
  labSpec,
  prepareDataset,
  runExperiment,
  trainingConfig as labTrainingConfig,
} from '../../src/lab/experiment.ts';
import { computeStats, getSpec, type ModelSpec } from '../../src/models/index.ts';
import { buildModel } from '../../src/models/tfjs-builder.ts';
import { BACKEND_LABELS, browserProbe, tfActivator, type BackendName } from '../../src/training/backend.ts';
import { fillImageBatch, fillLabelBatch } from '../../src/training/batches.ts';
import { loadDataset, type Dataset } from '../../src/training/dataset.ts';
import type { TrainingConfig } from '../../src/training/hyperparams.ts';
import { LENET_MNIST } from '../../src/training/presets.ts';
import * as tf from '../../src/training/tf.ts';
import { yieldToEventLoop } from '../../src/training/session.ts';
import { batchLoss, endsInSoftmax, makeOptimizer, TrainingRun } from '../../src/training/trainer.ts';

/** One model at one batch size, built and fed as its demo builds and feeds it. */
interface BenchCase {
  readonly id: string;
  readonly label: string;
  readonly spec: ModelSpec;
  readonly build: (seed: number) => Model;
  /** The data as the demo's model takes it (the lab downsamples and flattens). */
  readonly data: Dataset;
  readonly config: TrainingConfig;
}

/** A case as Node sees it. */
export interface CaseInfo {
  readonly id: string;
  readonly label: string;
  readonly specId: string;
  readonly batch: number;
  readonly params: number;
  /** Multiply-accumulates of one image's forward pass, from the zoo's `computeStats`. */
  readonly macsPerImage: number;
  /** FLOPs of one training step: forward + backward ≈ 3 forward passes, 2 FLOPs per MAC. */
  readonly flopsPerStep: number;
}

/** How long to time a loop. */
export interface TimingOptions {
  readonly warmupSteps: number;
  readonly minSteps: number;
  /** Keep timing until this much time has passed (more samples for fast steps)... */
  readonly minMs: number;
  /** ...but never more than this many steps. */
  readonly maxSteps: number;
}

/** Per-step wall times of one loop, in ms. */
export interface LoopTiming {
  readonly warmupMs: readonly number[];
  readonly stepsMs: readonly number[];
  /** Live tensors before the model was built and after everything was disposed. */
  readonly tensorsBefore: number;
  readonly tensorsAfter: number;
}

/** One network of a whole lab run, as {@link api.lab} timed it. */
export interface LabNetTiming {
  readonly key: string;
  readonly steps: number;
  /** Wall time of its training steps alone (measurements excluded). */
  readonly stepMs: number;
  /** Wall time of its measurements (curve points, evaluations, probes). */
  readonly measureMs: number;
  readonly finalTrainLoss: number;
}

/** A whole lab experiment, trained as the lab's worker trains it. */
export interface LabTiming {
  readonly wallMs: number;
  readonly nets: readonly LabNetTiming[];
}

/** What `activate` found. */
export interface BackendInfo {
  readonly backend: BackendName;
  readonly label: string;
  readonly device: string | null;
  readonly crossOriginIsolated: boolean;
}

/** The demo's settings, with metrics read after every step (see above) and no end in sight. */
function timingConfig(config: TrainingConfig, batchSize = config.batchSize): TrainingConfig {
  return { ...config, batchSize, epochs: 50, evalEvery: 10_000, metricsEvery: 1 };
}

/**
 * LeNet-5 as the LeNet demo trains it (its preset, at batch 64), then plain and residual nets of
 * depth 20 and 56 as the depth lab's default experiment trains them (src/lab/config.ts: its
 * architecture, width, input size and batch).
 */
function makeCases(lenetData: Dataset, labData: Dataset): BenchCase[] {
  const lenet = getSpec(LENET_MNIST.modelId);
  return [
    {
      id: 'lenet5',
      label: 'LeNet-5',
      spec: lenet,
      // As the site's worker builds it (src/training/browser-host.ts): logits out.
      build: (seed) => buildModel(lenet, { seed, logits: true }).model,
      data: lenetData,
      config: timingConfig(LENET_MNIST.config, 64),
    },
    ...labCases(labData, LAB, [20, 56]),
  ];
}

/** Plain and residual nets of `depths` as the depth lab trains them under `config`. */
function labCases(raw: Dataset, config: ExperimentConfig, depths: readonly number[]): BenchCase[] {
  const lab = prepareDataset(raw, config);
  const [h, w, channels] = lab.entry.imageShape;
  const classes = raw.entry.classes.length;
  const labCase = (family: 'plain' | 'resnet', depth: number): BenchCase => {
    const spec = labSpec(config, family, depth, channels, classes);
    return {
      id: `${family}-${depth}`,
      label: `${family === 'plain' ? 'plain' : 'ResNet'}-${depth} (${config.architecture}, ${h}×${w}, width ${config.width})`,
      spec,
      build: (seed) => labModel(spec, seed).model,
      data: lab,
      config: timingConfig(labTrainingConfig(config, lab.train.count)),
    };
  };
  return depths.flatMap((depth) => [labCase('plain', depth), labCase('resnet', depth)]);
}

let cases: BenchCase[] = [];

function findCase(id: string): BenchCase {
  const found = cases.find((c) => c.id === id);
  if (!found) throw new Error(`Unknown bench case ${id}; call load() first.`);
  return found;
}

async function timeLoop(
  step: () => Promise<void>,
  options: TimingOptions,
): Promise<{ warmupMs: number[]; stepsMs: number[] }> {
  const warmupMs: number[] = [];
  for (let i = 0; i < options.warmupSteps; i += 1) {
    const start = performance.now();
    await step();
    warmupMs.push(performance.now() - start);
  }
  const stepsMs: number[] = [];
  const begun = performance.now();
  while (
    stepsMs.length < options.minSteps ||
    (performance.now() - begun < options.minMs && stepsMs.length < options.maxSteps)
  ) {
    const start = performance.now();
    await step();
    stepsMs.push(performance.now() - start);
  }
  return { warmupMs, stepsMs };
}

/** The engine: one `TrainingRun` step, then its metric read-back. */
async function timeEngine(benchCase: BenchCase, options: TimingOptions): Promise<LoopTiming> {
  const tensorsBefore = tf.memory().numTensors;
  const run = new TrainingRun(tf, benchCase.build, benchCase.data, benchCase.config);
  let timing: Awaited<ReturnType<typeof timeLoop>>;
  try {
    timing = await timeLoop(async () => {
      run.trainStep();
      await run.readWindow();
    }, options);
  } finally {
    run.dispose();
  }
  return { ...timing, tensorsBefore, tensorsAfter: tf.memory().numTensors };
}

/** The baseline: `optimizer.minimize` on one batch uploaded beforehand, reading only the loss. */
async function timeBare(benchCase: BenchCase, options: TimingOptions): Promise<LoopTiming> {
  const { config, data } = benchCase;
  const tensorsBefore = tf.memory().numTensors;
  const model = benchCase.build(config.seed);
  const optimizer = makeOptimizer(tf, config);
  const { height, width, channels } = benchCase.spec.input;
  const batch = config.batchSize;
  const order = Uint32Array.from({ length: batch }, (_, i) => i);
  const pixels = new Float32Array(batch * height * width * channels);
  const labels = new Int32Array(batch);
  fillImageBatch(data.train.images, data.entry.imageShape, order, 0, batch, [height, width, channels], pixels);
  fillLabelBatch(data.train.labels, order, 0, batch, labels);
  const x = tf.tensor4d(pixels, [batch, height, width, channels]);
  const oneHot = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), data.entry.classes.length));
  // The engine's own loss.
  const probabilities = endsInSoftmax(model);
  const loss = (): tf.Scalar => batchLoss(tf, model.apply(x, { training: true }), oneHot, probabilities);
  let timing: Awaited<ReturnType<typeof timeLoop>>;
  try {
    timing = await timeLoop(async () => {
      const cost = optimizer.minimize(loss, true);
      if (!cost) throw new Error('minimize returned no loss');
      await cost.data();
      cost.dispose();
    }, options);
  } finally {
    model.dispose();
    optimizer.dispose();
    x.dispose();
    oneHot.dispose();
  }
  return { ...timing, tensorsBefore, tensorsAfter: tf.memory().numTensors };
}

/** Where the device backends run, as the probe describes it. */
async function deviceOf(backend: BackendName): Promise<string | null> {
  const probe = browserProbe();
  if (backend === 'webgpu') {
    const facts = await probe.webgpu();
    return facts.status === 'adapter' ? `${facts.description}${facts.software ? ' (software)' : ''}` : null;
  }
  if (backend === 'webgl') {
    const facts = probe.webgl();
    return facts.status === 'ok' ? `${facts.renderer}${facts.software ? ' (software)' : ''}` : null;
  }
  if (backend === 'wasm')
    return crossOriginIsolated
      ? 'WebAssembly, multi-threaded'
      : 'WebAssembly, one thread (page not cross-origin isolated)';
  return 'JavaScript';
}

const api = {
  /** Loads the demos' data sets from `dataUrl` (the folder of manifest.json) and prepares the cases. */
  async load(dataUrl: string): Promise<void> {
    const load = (datasetId: string): Promise<Dataset> =>
      loadDataset({ baseUrl: dataUrl, datasetId, fetch: (input, init) => fetch(input, init) });
    const lenetData = await load(LENET_MNIST.datasetId);
    cases = makeCases(lenetData, LAB.dataset === LENET_MNIST.datasetId ? lenetData : await load(LAB.dataset));
  },
  /** Replaces the cases with the depth lab's nets under `config` (its data set, size, width, batch). */
  async loadLab(dataUrl: string, config: ExperimentConfig): Promise<void> {
    const raw = await loadDataset({
      baseUrl: dataUrl,
      datasetId: config.dataset,
      fetch: (input, init) => fetch(input, init),
    });
    cases = labCases(raw, config, config.depths);
  },
  /** The cases, with the zoo's figures. */
  cases(): CaseInfo[] {
    return cases.map((c) => {
      const stats = computeStats(c.spec);
      return {
        id: c.id,
        label: c.label,
        specId: c.spec.id,
        batch: c.config.batchSize,
        params: stats.totals.params,
        macsPerImage: stats.totals.macs,
        flopsPerStep: 6 * stats.totals.macs * c.config.batchSize,
      };
    });
  },
  /** Makes `backend` current through the engine's own activator (forced, even in software). */
  async activate(backend: BackendName, wasmUrl: string): Promise<BackendInfo> {
    const detail = await tfActivator(tf, wasmUrl)(backend);
    return {
      backend,
      label: BACKEND_LABELS[backend],
      device: detail ?? (await deviceOf(backend)),
      crossOriginIsolated,
    };
  },
  /**
   * Trains every network of `config` on the current backend exactly as the lab does (its runs,
   * jobs and driver, interleaved a step each), from loading the data to the last measurement, and
   * times it. On WASM a step runs synchronously, so timing `step()` times its computation.
   */
  async lab(dataUrl: string, config: ExperimentConfig): Promise<LabTiming> {
    const started = performance.now();
    const raw = await loadDataset({ baseUrl: dataUrl, datasetId: config.dataset, fetch: (i, o) => fetch(i, o) });
    const times = new Map<string, { stepMs: number; measureMs: number }>();
    // The lab's worker yields between steps the same way (a message, not a clamped timer).
    const records = await runExperiment(tf, prepareDataset(raw, config), config, undefined, {
      yieldNow: yieldToEventLoop,
      wrap: (key, job) => {
        const time = { stepMs: 0, measureMs: 0 };
        times.set(key, time);
        return {
          get finished() {
            return job.finished;
          },
          step() {
            const t = performance.now();
            job.step();
            time.stepMs += performance.now() - t;
          },
          due: () => job.due(),
          async measure() {
            const t = performance.now();
            const m = await job.measure();
            time.measureMs += performance.now() - t;
            return m;
          },
          dispose: () => job.dispose(),
        };
      },
    });
    return {
      wallMs: performance.now() - started,
      nets: records.map((record) => ({
        key: record.key,
        steps: config.steps,
        stepMs: times.get(record.key)?.stepMs ?? 0,
        measureMs: times.get(record.key)?.measureMs ?? 0,
        finalTrainLoss: finalTrainLoss(record),
      })),
    };
  },
  engine: (caseId: string, options: TimingOptions) => timeEngine(findCase(caseId), options),
  bare: (caseId: string, options: TimingOptions) => timeBare(findCase(caseId), options),
};

/** The bench's handle on this page. */
export type TrainBenchApi = typeof api;

(globalThis as unknown as { __trainBench: TrainBenchApi }).__trainBench = api;
