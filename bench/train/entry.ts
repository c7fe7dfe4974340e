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
import { DEFAULT as LAB } from '../../src/lab/config.ts';
import { cifarSpec, computeStats, getSpec, type ModelSpec } from '../../src/models/index.ts';
import { buildModel } from '../../src/models/tfjs-builder.ts';
import { BACKEND_LABELS, browserProbe, tfActivator, type BackendName } from '../../src/training/backend.ts';
import { fillImageBatch, fillLabelBatch } from '../../src/training/batches.ts';
import { loadDataset, type Dataset } from '../../src/training/dataset.ts';
import type { TrainingConfig } from '../../src/training/hyperparams.ts';
import { LENET_MNIST } from '../../src/training/presets.ts';
import * as tf from '../../src/training/tf.ts';
import { TrainingRun } from '../../src/training/trainer.ts';

/** One model at one batch size, with the settings its demo trains it with. */
interface BenchCase {
  readonly id: string;
  readonly label: string;
  readonly batch: number;
  readonly spec: ModelSpec;
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

/** What `activate` found. */
export interface BackendInfo {
  readonly backend: BackendName;
  readonly label: string;
  readonly device: string | null;
  readonly crossOriginIsolated: boolean;
}

/**
 * Settings for timing: the demo's optimiser and batch, the metrics read after every step (see the
 * top of this file), and enough epochs that no timed run ends.
 */
function timingConfig(
  config: Pick<TrainingConfig, 'optimizer' | 'learningRate' | 'momentum' | 'batchSize' | 'seed'>,
): TrainingConfig {
  return { ...config, epochs: 50, evalEvery: 10_000, metricsEvery: 1 };
}

function cases(channels: number): BenchCase[] {
  // The depth lab's default experiment (src/lab/config.ts) sizes the CIFAR-style nets.
  const cifar = (family: 'plain' | 'resnet', depth: number): BenchCase => ({
    id: `${family}-${depth}`,
    label: `${family === 'plain' ? 'plain' : 'ResNet'}-${depth}`,
    batch: LAB.batchSize,
    spec: cifarSpec({
      family,
      n: (depth - 2) / 6,
      inputSize: LAB.inputSize,
      inputChannels: channels,
      baseWidth: LAB.width,
    }),
    config: timingConfig(LAB),
  });
  const lenet = LENET_MNIST.config;
  return [
    // The LeNet demo's preset, at batch 64.
    {
      id: 'lenet5',
      label: 'LeNet-5',
      batch: 64,
      spec: getSpec(LENET_MNIST.modelId),
      config: timingConfig({ ...lenet, batchSize: 64 }),
    },
    cifar('plain', 20),
    cifar('resnet', 20),
    cifar('plain', 56),
    cifar('resnet', 56),
  ];
}

let dataset: Dataset | null = null;

function benchCases(): BenchCase[] {
  if (!dataset) throw new Error('Call load() first.');
  return cases(dataset.entry.imageShape[2]);
}

function findCase(id: string): BenchCase {
  const found = benchCases().find((c) => c.id === id);
  if (!found) throw new Error(`Unknown bench case ${id}`);
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
  const data = dataset as Dataset;
  const tensorsBefore = tf.memory().numTensors;
  // Built as the site's worker builds it (src/training/browser-host.ts): logits out.
  const run = new TrainingRun(tf, (seed) => buildModel(benchCase.spec, { seed, logits: true }), data, benchCase.config);
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
  const data = dataset as Dataset;
  const { config } = benchCase;
  const tensorsBefore = tf.memory().numTensors;
  const model = buildModel(benchCase.spec, { seed: config.seed, logits: true });
  const optimizer =
    config.optimizer === 'adam'
      ? tf.train.adam(config.learningRate)
      : config.momentum > 0
        ? tf.train.momentum(config.learningRate, config.momentum)
        : tf.train.sgd(config.learningRate);
  const { height, width, channels } = benchCase.spec.input;
  const batch = benchCase.batch;
  const order = Uint32Array.from({ length: batch }, (_, i) => i);
  const pixels = new Float32Array(batch * height * width * channels);
  const labels = new Int32Array(batch);
  fillImageBatch(data.train.images, data.entry.imageShape, order, 0, batch, [height, width, channels], pixels);
  fillLabelBatch(data.train.labels, order, 0, batch, labels);
  const x = tf.tensor4d(pixels, [batch, height, width, channels]);
  const oneHot = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), data.entry.classes.length));
  const loss = (): tf.Scalar => tf.losses.softmaxCrossEntropy(oneHot, model.apply(x, { training: true }) as tf.Tensor);
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
  /** Loads the lab's data set from `dataUrl` (the folder of manifest.json). */
  async load(dataUrl: string): Promise<{ dataset: string; trainCount: number }> {
    dataset = await loadDataset({
      baseUrl: dataUrl,
      datasetId: LAB.dataset,
      fetch: (input, init) => fetch(input, init),
    });
    return { dataset: dataset.entry.name, trainCount: dataset.train.count };
  },
  /** The cases, with the zoo's figures. */
  cases(): CaseInfo[] {
    return benchCases().map((c) => {
      const stats = computeStats(c.spec);
      return {
        id: c.id,
        label: c.label,
        specId: c.spec.id,
        batch: c.batch,
        params: stats.totals.params,
        macsPerImage: stats.totals.macs,
        flopsPerStep: 6 * stats.totals.macs * c.batch,
      };
    });
  },
  /** Makes `backend` current through the engine's own activator (forced, even in software). */
  async activate(backend: BackendName, wasmUrl: string): Promise<BackendInfo> {
    await tfActivator(tf, wasmUrl)(backend);
    return { backend, label: BACKEND_LABELS[backend], device: await deviceOf(backend), crossOriginIsolated };
  },
  engine: (caseId: string, options: TimingOptions) => timeEngine(findCase(caseId), options),
  bare: (caseId: string, options: TimingOptions) => timeBare(findCase(caseId), options),
};

/** The bench's handle on this page. */
export type TrainBenchApi = typeof api;

(globalThis as unknown as { __trainBench: TrainBenchApi }).__trainBench = api;
