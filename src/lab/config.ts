/**
 * Settings of the depth-degradation lab and its named configurations. Plain data, DOM-free and
 * TF.js-free: the experiment, the headless script, the URL state and the island all read these.
 */
import type { OptimizerName, ScheduleName } from '../training/hyperparams.ts';

/** Network families compared: no shortcuts, or option-A identity shortcuts (He et al. 2015 §4.2). */
export type Family = 'plain' | 'resnet';

/** Both families, plain first. */
export const FAMILIES: readonly Family[] = ['plain', 'resnet'];

/** Data sets the lab trains on (ids of public/data/manifest.json). */
export const DATASETS = ['mnist', 'fashion-mnist'] as const;

/** A data set id. */
export type DatasetId = (typeof DATASETS)[number];

/** Network kinds: the zoo's CIFAR-style convnets, or the lab's fully connected nets. */
export const ARCHITECTURES = ['mlp', 'conv'] as const;

/** A network kind. */
export type Architecture = (typeof ARCHITECTURES)[number];

/** One experiment: which nets, on what, trained how. */
export interface ExperimentConfig {
  readonly dataset: DatasetId;
  /** 'conv': 6n+2 layers in three stages (He et al. 2015 §4.2); 'mlp': 2b+2 fully connected layers. */
  readonly architecture: Architecture;
  /** Depths 6n+2 (8, 14, 20, 26, 32, ...); each is trained as every family in `families`. */
  readonly depths: readonly number[];
  readonly families: readonly Family[];
  /** Units of each hidden layer (mlp), or filters of the first stage (conv: w, 2w, 4w; the paper's 16). */
  readonly width: number;
  /** Square input side: 28 is the data's own, 14 and 7 average 2x2 or 4x4 pixel squares. */
  readonly inputSize: number;
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  /** 'constant', or 'cosine': annealed from `learningRate` to zero over the run's `steps`. */
  readonly schedule: ScheduleName;
  /** SGD momentum (ignored by Adam). */
  readonly momentum: number;
  readonly batchSize: number;
  /** Optimisation steps per network. */
  readonly steps: number;
  /** Seeds weight initialisation and batch order; every network gets the same. */
  readonly seed: number;
  /** A training-curve point (mean of the batches since the last one) every this many steps. */
  readonly metricsEvery: number;
  /** Test error and training-subset error every this many steps. */
  readonly evalEvery: number;
  /** Per-layer gradient norms and response std every this many steps. */
  readonly probeEvery: number;
  /** Images of the fixed probe batch. */
  readonly probeBatch: number;
  /** Training images in the fixed subset whose error is measured in inference mode. */
  readonly trainSubset: number;
}

/**
 * The lab's default: He et al.'s CIFAR-style ConvNets (2015 §4.2) shrunk so that a CPU trains all
 * six in minutes. Plain and residual twins at depths 8, 20 and 32 with 8, 16 and 32 filters per
 * stage, on Fashion-MNIST averaged down to 7x7 pixels, SGD at a constant 0.05 with momentum 0.9,
 * 600 steps of 64 images (3.84 passes over the 10,000 training images). Chosen from the sweep
 * recorded in bench/sweeps/ (README there): the cheapest setting tried whose deepest plain net ends
 * at 1.3x or more of the shallowest one's training loss while the residual nets stay within 1.1x,
 * on each of three seeds (plain 2.15, 1.91, 1.63; residual 1.03, 1.02, 1.04). 400 steps, constant
 * or cosine-annealed, fail the residual bound on seed 3 (1.12). Its recorded run
 * (public/data/runs/default.json) is drawn behind the reader's curves.
 */
export const DEFAULT: ExperimentConfig = {
  dataset: 'fashion-mnist',
  architecture: 'conv',
  depths: [8, 20, 32],
  families: FAMILIES,
  width: 8,
  inputSize: 7,
  optimizer: 'sgd',
  learningRate: 0.05,
  schedule: 'constant',
  momentum: 0.9,
  batchSize: 64,
  steps: 600,
  seed: 1,
  metricsEvery: 10,
  // Test and subset evaluations cost about a third of a training step per image (3,000 images,
  // about 16 steps' worth); every 150 steps, five of them cost about an eighth of the run.
  evalEvery: 150,
  probeEvery: 150,
  probeBatch: 128,
  trainSubset: 1000,
};

/**
 * The degradation unit test's setting (tests/unit/lab/degradation.long.test.ts): the default's nets
 * at depths 8 and 20 only, for the first 200 of its steps, so about a sixth of its work. At a constant
 * learning rate these are the first 200 steps of the default's own run on the same seed (same
 * batches); the sweep's stored curves show both conditions holding there on seed 1.
 */
export const QUICK: ExperimentConfig = {
  ...DEFAULT,
  depths: [8, 20],
  steps: 200,
  evalEvery: 50,
  probeEvery: 50,
};

/**
 * The paper's own scale for a real GPU (He et al. 2015 §4.2): convolutional nets of widths 16, 32
 * and 64 at the full 28x28 input, depths 20, 32 and 56. Offered only when a hardware WebGPU or WebGL
 * adapter runs the lab; a CPU would take hours.
 */
export const PAPER_GPU: ExperimentConfig = {
  ...DEFAULT,
  architecture: 'conv',
  depths: [20, 32, 56],
  width: 16,
  inputSize: 28,
};

/** True when `a` and `b` train the same networks the same way (so one's record stands for the other). */
export function sameExperiment(a: ExperimentConfig, b: ExperimentConfig): boolean {
  const keys = Object.keys(a) as (keyof ExperimentConfig)[];
  return keys.length === Object.keys(b).length && keys.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

/** Named configurations for `npm run experiment -- --config <name>`. */
export const CONFIGS: Readonly<Record<string, ExperimentConfig>> = {
  quick: QUICK,
  default: DEFAULT,
  'paper-gpu': PAPER_GPU,
};
