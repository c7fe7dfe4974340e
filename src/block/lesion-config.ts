/**
 * The lesion study's settings and defaults (src/block/lesion.ts runs it). Free of TF.js, so that
 * the island which starts it loads none before Start.
 */
import type { TrainingConfig } from '../training/hyperparams.ts';

/** Settings of one lesion experiment. */
export interface LesionConfig {
  /** Two-layer blocks per net (depth = 2·blocks + 2 weight layers). */
  readonly blocks: number;
  /** Units of every hidden layer. */
  readonly width: number;
  /** Training and test examples used (the first ones of each split). */
  readonly trainCount: number;
  readonly testCount: number;
  readonly training: TrainingConfig;
}

/** Defaults: two 14-layer nets of width 32 on 3,200 digits, one epoch (100 steps) each. */
export const LESION_DEFAULTS: LesionConfig = {
  blocks: 6,
  width: 32,
  trainCount: 3200,
  testCount: 1000,
  training: {
    optimizer: 'adam',
    schedule: 'constant',
    learningRate: 0.01,
    momentum: 0,
    batchSize: 32,
    epochs: 1,
    seed: 7,
    evalEvery: 10_000,
    metricsEvery: 10,
  },
};
