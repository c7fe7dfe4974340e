/**
 * The demos' default runs: which zoo model, which data set, and the settings a reader starts
 * from. tests/unit/training/lenet-accuracy.long.test.ts trains the LeNet preset and checks the
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

/**
 * LeNet-5 (modern variant with ReLU and max pooling) on the MNIST subset: Adam at 3e-3 with cosine
 * decay, batch 64, 5 epochs (625 steps). Measured on WASM in Node (seed 1, 2, 3): 98.0%, 97.7%,
 * 98.0% on the 2,000 held-out digits. The zoo's sigmoid variant ('lenet5-modern') stays near chance
 * for the first epoch and reached only 95.5% after 8 epochs at Adam 0.01.
 */
export const LENET_MNIST: Preset = {
  modelId: 'lenet5-relu',
  datasetId: 'mnist',
  config: {
    optimizer: 'adam',
    schedule: 'cosine',
    learningRate: 0.003,
    momentum: 0.9,
    batchSize: 64,
    epochs: 5,
    seed: 1,
    evalEvery: 125,
    metricsEvery: 10,
  },
};
