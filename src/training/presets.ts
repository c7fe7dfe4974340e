/**
 * The demos' default runs: which zoo model, which data set, and the settings a reader starts
 * from. tests/unit/training/lenet-accuracy.test.ts trains the LeNet preset and checks the
 * accuracy the chapter quotes.
 */
import type { TrainingConfig } from './hyperparams.ts';

/** A demo's model, data and default settings. */
export interface Preset {
  /** A model id of src/models (`getSpec`). */
  readonly modelId: string;
  /** A data set id of public/data/manifest.json. */
  readonly datasetId: string;
  readonly config: TrainingConfig;
}

/** LeNet-5 (modern variant) on the MNIST subset. */
export const LENET_MNIST: Preset = {
  modelId: 'lenet5-modern',
  datasetId: 'mnist',
  config: {
    optimizer: 'adam',
    schedule: 'constant',
    learningRate: 0.01,
    momentum: 0.9,
    batchSize: 64,
    epochs: 8,
    seed: 1,
    evalEvery: 125,
    metricsEvery: 10,
  },
};
