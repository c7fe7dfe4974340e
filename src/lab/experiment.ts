/**
 * The depth-degradation experiment, DOM-free: plain-d and ResNet-d nets of the zoo (its CIFAR
 * family, or its fully connected family), built by the zoo's `buildModel` and trained on identical batches in the same order (the engine's `TrainingRun` draws batch `k` from
 * the seed alone), with training loss and error per window of steps, training-subset and test
 * error every few steps, and probes of every weight layer with BatchNorm: the norm of its weight gradient and the
 * standard deviation of its response (after BN, before the nonlinearity, as in He et al. 2015
 * Fig. 7). Runs in Node, in a worker, or on the main thread.
 *
 * Just over 400 lines: the records a run writes, the run (`LabRun`) and the job that drives a set
 * of runs are read together; the configuration, estimates and curves already live apart.
 */
import type { Model } from '../models/graph.ts';
import { cifarSpec, computeStats, mlpSpec, type ModelSpec } from '../models/index.ts';
import { buildModel, type BuiltModel } from '../models/tfjs-builder.ts';
import { fillImageBatch, fillLabelBatch } from '../training/batches.ts';
import { downsampleImages, type Dataset } from '../training/dataset.ts';
import { JobDriver, type Job } from '../training/driver.ts';
import type { TrainingConfig } from '../training/hyperparams.ts';
import { inferenceSums, type LabelledImages } from '../training/inference.ts';
import type * as Tf from '../training/tf.ts';
import { TrainingRun } from '../training/trainer.ts';
import type { ExperimentConfig, Family } from './config.ts';
import { WARMUP_MARKS } from './estimate.ts';

/** Mean loss and error of the training batches since the previous point. */
export interface CurvePoint {
  readonly step: number;
  readonly trainLoss: number;
  readonly trainError: number;
}

/** Errors measured with the network in inference mode. */
export interface EvalPoint {
  readonly step: number;
  /** Error on the whole test split. */
  readonly testError: number;
  /** Loss and error on a fixed subset of the training split. */
  readonly subsetLoss: number;
  readonly subsetError: number;
}

/** Per-layer measurements (each weight layer with BatchNorm) on a fixed probe batch, in network order. */
export interface ProbePoint {
  readonly step: number;
  /** L2 norm of the loss gradient with respect to each layer's kernel. */
  readonly gradNorm: readonly number[];
  /** Standard deviation of each layer's response after BN, before the nonlinearity. */
  readonly responseStd: readonly number[];
}

/** Everything recorded about one network. */
export interface RunRecord {
  /** e.g. "plain-20". */
  readonly key: string;
  readonly family: Family;
  readonly depth: number;
  readonly modelId: string;
  readonly params: number;
  /** Ids of the probed layers (convolutions or fully connected) in network order: the rows of the probes. */
  readonly layers: readonly string[];
  readonly curve: CurvePoint[];
  readonly evals: EvalPoint[];
  readonly probes: ProbePoint[];
}

/** `plain-20`, `resnet-56`... */
export function runKey(family: Family, depth: number): string {
  return `${family}-${depth}`;
}

/** The zoo spec of one network of an experiment, for images of `channels` channels. */
export function labSpec(
  config: ExperimentConfig,
  family: Family,
  depth: number,
  channels: number,
  classes: number,
): ModelSpec {
  if (config.architecture === 'mlp') {
    return mlpSpec({ family, depth, width: config.width, inputSize: config.inputSize, channels, classes });
  }
  return cifarSpec({
    family,
    n: (depth - 2) / 6,
    inputSize: config.inputSize,
    inputChannels: channels,
    baseWidth: config.width,
    classes,
  });
}

/**
 * The data as the experiment's networks take it: downsampled to `inputSize` (the fully connected
 * nets flatten the images themselves).
 */
export function prepareDataset(dataset: Dataset, config: ExperimentConfig): Dataset {
  return downsampleDataset(dataset, config.inputSize);
}

/**
 * A network of the lab, as the zoo builds it from `seed`: input [batch, h, w, c], output
 * [batch, classes] softmax probabilities, which the lab's subset evaluation and probes read; with
 * the names of its layers.
 */
export function labModel(spec: ModelSpec, seed: number): BuiltModel {
  return buildModel(spec, { seed });
}

/**
 * The data set at `size` x `size` ({@link downsampleImages}); the data set itself when it already
 * is that size (a prepared copy from the manifest).
 */
export function downsampleDataset(dataset: Dataset, size: number): Dataset {
  const [h, w, c] = dataset.entry.imageShape;
  if (size === h && size === w) return dataset;
  return {
    id: dataset.id,
    entry: { ...dataset.entry, imageShape: [size, size, c] },
    train: { ...dataset.train, images: downsampleImages(dataset.train.images, dataset.train.count, [h, w, c], size) },
    test: { ...dataset.test, images: downsampleImages(dataset.test.images, dataset.test.count, [h, w, c], size) },
  };
}

/** The engine's settings for one network of the experiment. */
export function trainingConfig(config: ExperimentConfig, trainCount: number): TrainingConfig {
  const stepsPerEpoch = Math.floor(trainCount / config.batchSize);
  return {
    schedule: config.schedule,
    optimizer: config.optimizer,
    learningRate: config.learningRate,
    momentum: config.momentum,
    batchSize: config.batchSize,
    epochs: Math.max(1, Math.ceil(config.steps / stepsPerEpoch)),
    seed: config.seed,
    evalEvery: config.evalEvery,
    metricsEvery: config.metricsEvery,
  };
}

/**
 * The first `count` training images and labels (after the data set's own seeded shuffle), the
 * fixed sets on which the lab measures in inference mode. The caller owns the tensors.
 */
export function trainingSlice(tf: typeof Tf, dataset: Dataset, count: number): LabelledImages {
  const shape = dataset.entry.imageShape;
  const indices = Uint32Array.from({ length: count }, (_, i) => i);
  const pixels = new Float32Array(count * shape[0] * shape[1] * shape[2]);
  fillImageBatch(dataset.train.images, shape, indices, 0, count, shape, pixels);
  const labels = new Int32Array(count);
  fillLabelBatch(dataset.train.labels, indices, 0, count, labels);
  return { images: tf.tensor4d(pixels, [count, ...shape]), labels: tf.tensor1d(labels, 'int32') };
}

/**
 * One network of the experiment: the engine's run plus the lab's measurements. Owns its model
 * (through the run), its probe model (which shares the weights) and its probe and subset tensors.
 */
export class LabRun {
  readonly record: RunRecord;
  readonly run: TrainingRun;
  /** The step count at which this network stops. */
  readonly steps: number;

  private readonly tf: typeof Tf;
  private readonly config: ExperimentConfig;
  /** The network being trained (owned by the run; read it, do not dispose it). */
  readonly model: Model;
  /** The BatchNorm layers whose responses the probes read, in network order. */
  private readonly probed: readonly string[];
  private readonly kernels: Tf.Variable[];
  private readonly probeImages: Tf.Tensor4D;
  private readonly probeLabels: Tf.Tensor2D;
  /** The fixed training subset measured in inference mode (owned by the run). */
  readonly subset: LabelledImages;
  private disposed = false;

  constructor(tf: typeof Tf, dataset: Dataset, config: ExperimentConfig, family: Family, depth: number) {
    this.tf = tf;
    this.config = config;
    this.steps = config.steps;
    const classes = dataset.entry.classes.length;
    const spec = labSpec(config, family, depth, dataset.entry.imageShape[2], classes);
    const made: BuiltModel[] = [];
    this.run = new TrainingRun(
      tf,
      (seed) => {
        const built = labModel(spec, seed);
        made.push(built);
        return built.model;
      },
      dataset,
      trainingConfig(config, dataset.train.count),
      { totalSteps: config.steps },
    );
    const built = made[0];
    if (!built) throw new Error('The model factory was not called.');
    const { model, normalized: probed } = built;
    this.model = model;
    const layers = probed.map((l) => l.id);
    this.probed = probed.map((l) => l.bn);
    this.kernels = probed.map((l) => {
      const kernel = this.model.getLayer(l.kernel).trainableWeights[0];
      if (!kernel) throw new Error(`Layer ${l.kernel} has no kernel.`);
      return kernel;
    });
    this.record = {
      key: runKey(family, depth),
      family,
      depth,
      modelId: spec.id,
      params: computeStats(spec).totals.params,
      layers,
      curve: [],
      evals: [],
      probes: [],
    };
    const probe = trainingSlice(tf, dataset, config.probeBatch);
    this.probeImages = probe.images;
    this.probeLabels = tf.oneHot(probe.labels, classes) as Tf.Tensor2D;
    probe.labels.dispose();
    this.subset = trainingSlice(tf, dataset, Math.min(config.trainSubset, dataset.train.count));
  }

  /** Steps done. */
  get step(): number {
    return this.run.step;
  }

  /** True once the run has done its steps. */
  get finished(): boolean {
    return this.run.step >= this.steps;
  }

  /** One optimisation step on the next batch (queued, nothing read back). */
  trainStep(): void {
    if (!this.finished) this.run.trainStep();
  }

  /** Whether a curve point, an evaluation or a probe is due at the current step. */
  due(): { curve: boolean; evaluate: boolean; probe: boolean } {
    const step = this.run.step;
    const last = this.finished;
    return {
      curve: step > 0 && (step % this.config.metricsEvery === 0 || last),
      evaluate: step % this.config.evalEvery === 0 || last,
      probe: step % this.config.probeEvery === 0 || last,
    };
  }

  /** Takes the measurements due now, appends them to the record and returns what was added. */
  async measure(): Promise<{ curve: CurvePoint | null; evaluation: EvalPoint | null; probe: ProbePoint | null }> {
    const due = this.due();
    const step = this.run.step;
    let curve: CurvePoint | null = null;
    let evaluation: EvalPoint | null = null;
    let probe: ProbePoint | null = null;
    if (due.curve) {
      const window = await this.run.readWindow();
      curve = { step, trainLoss: window.trainLoss, trainError: 1 - window.trainAccuracy };
      this.record.curve.push(curve);
    }
    if (due.evaluate) {
      const testError = 1 - (await this.run.evaluate());
      const subset = await this.evaluateSubset();
      evaluation = { step, testError, ...subset };
      this.record.evals.push(evaluation);
    }
    if (due.probe) {
      probe = { step, ...(await this.probe()) };
      this.record.probes.push(probe);
    }
    return { curve, evaluation, probe };
  }

  /** Loss and error on the fixed training subset, in inference mode. */
  private async evaluateSubset(): Promise<{ subsetLoss: number; subsetError: number }> {
    const count = this.subset.images.shape[0];
    const sums = inferenceSums(this.tf, this.model, this.subset, 500);
    const values = await sums.data();
    sums.dispose();
    return { subsetLoss: (values[0] ?? Number.NaN) / count, subsetError: (values[1] ?? Number.NaN) / count };
  }

  /**
   * Gradient norms and response standard deviations on the probe batch, with BatchNorm using the
   * batch's statistics as in training. The BN moving averages that this forward pass would update
   * are restored, so probing never changes what the network later computes.
   */
  private async probe(): Promise<{ gradNorm: number[]; responseStd: number[] }> {
    const tf = this.tf;
    const saved = this.model.nonTrainableWeights.map((v) => ({ v, value: tf.clone(v) }));
    const stds: Tf.Tensor[] = [];
    const result = tf.tidy(() => {
      const { grads } = tf.variableGrads(() => {
        const outputs = this.model.tap(this.probeImages, this.probed, { training: true });
        const p = outputs[outputs.length - 1] as Tf.Tensor2D;
        for (let i = 0; i < outputs.length - 1; i += 1) {
          const { variance } = tf.moments(outputs[i] as Tf.Tensor);
          stds.push(tf.keep(tf.sqrt(variance)));
        }
        const picked = tf.sum(tf.mul(this.probeLabels, p), -1);
        return tf.mean<Tf.Scalar>(tf.neg(tf.log(tf.clipByValue(picked, 1e-7, 1))));
      }, this.kernels);
      const norms = this.kernels.map((k) => tf.norm(grads[k.name] as Tf.Tensor));
      return tf.stack([...norms, ...stds]);
    });
    tf.dispose(stds);
    for (const { v, value } of saved) {
      v.assign(value);
      value.dispose();
    }
    const values = Array.from(await result.data());
    result.dispose();
    const n = this.kernels.length;
    return { gradNorm: values.slice(0, n), responseStd: values.slice(n) };
  }

  /** Frees the model, the optimiser state and the lab's tensors. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.run.dispose();
    this.tf.dispose([this.probeImages, this.probeLabels, this.subset.images, this.subset.labels]);
  }
}

/** Progress reported by {@link runExperiment} after each measurement. */
export interface ExperimentProgress {
  readonly key: string;
  readonly step: number;
  readonly steps: number;
  readonly curve: CurvePoint | null;
  readonly evaluation: EvalPoint | null;
}

/** What one measurement of a {@link LabRun} added (null where nothing was due). */
export interface LabPoint {
  readonly step: number;
  readonly curve: CurvePoint | null;
  readonly evaluation: EvalPoint | null;
  readonly probe: ProbePoint | null;
}

/**
 * One network of the lab as a job of the engine's driver; disposing the job frees the run. It also
 * reports the warm-up's steps (./estimate.ts), with nothing measured, so the page can time them.
 */
export function labJob(run: LabRun): Job<LabPoint> {
  return {
    get finished() {
      return run.finished;
    },
    step: () => run.trainStep(),
    due: () => {
      const due = run.due();
      return due.curve || due.evaluate || due.probe || WARMUP_MARKS.includes(run.step);
    },
    async measure() {
      const step = run.step;
      const point = await run.measure();
      return { losses: point.curve ? [point.curve.trainLoss] : [], value: { step, ...point } };
    },
    dispose: () => run.dispose(),
  };
}

/**
 * Trains every network of `config` interleaved, one step each in turn, and returns the records.
 * Headless use (tests, scripts, the bench): the same driver as the lab's worker, with no yield
 * between steps unless `options.yieldNow` gives one, and each run's job as `options.wrap` makes it
 * (the bench times its steps).
 */
export async function runExperiment(
  tf: typeof Tf,
  dataset: Dataset,
  config: ExperimentConfig,
  onProgress?: (progress: ExperimentProgress) => void,
  options: {
    readonly yieldNow?: () => Promise<void>;
    readonly wrap?: (key: string, job: Job<LabPoint>) => Job<LabPoint>;
  } = {},
): Promise<RunRecord[]> {
  const runs = new Map<string, LabRun>();
  let failure = null as Error | null;
  const wrap = options.wrap ?? ((_key: string, job: Job<LabPoint>) => job);
  const driver = new JobDriver<LabPoint>(options.yieldNow ?? (() => Promise.resolve()), {
    measured: (key, { step, curve, evaluation }) => {
      // The measurement before the first step is the record's, not progress.
      const run = runs.get(key) as LabRun;
      if (step > 0) onProgress?.({ key, step, steps: run.steps, curve, evaluation });
    },
    failed: (error, key) => (failure = new Error(`${key}: ${error.message}`)),
  });
  try {
    for (const depth of config.depths) {
      for (const family of config.families) {
        const run = new LabRun(tf, dataset, config, family, depth);
        runs.set(run.record.key, run);
      }
    }
    await driver.run([...runs.values()].map((run) => [run.record.key, wrap(run.record.key, labJob(run))] as const));
    if (failure) throw failure;
    return [...runs.values()].map((run) => run.record);
  } finally {
    driver.clear();
    for (const run of runs.values()) run.dispose();
  }
}

export { finalTrainLoss } from './run-facts.ts';
