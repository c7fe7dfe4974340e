/**
 * The lesion experiment of Veit et al. 2016: train a plain and a residual network, then delete one
 * block at a time at test time and measure test accuracy. Deleting a residual block skips its
 * branch and keeps the identity (the block's input is a ReLU output, so relu(x + 0) = x); deleting
 * a plain block replaces it by the identity, which its constant width allows.
 *
 * The nets are the zoo's fully connected family (../models/mlp.ts) built by the zoo's
 * `buildModel` and trained by the engine's `TrainingRun`; MNIST digits are fed as 1×1×784 vectors.
 * DOM-free; TF.js comes in as a parameter.
 */
import { isBlock, mlpSpec, type ModelSpec } from '../models/index.ts';
import { buildModel, type BuiltModel } from '../models/tfjs-builder.ts';
import type { Dataset } from '../training/dataset.ts';
import type { Job } from '../training/driver.ts';
import { LESION_DEFAULTS, type LesionConfig } from './lesion-config.ts';
import type * as Tf from '../training/tf.ts';
import { TrainingRun } from '../training/trainer.ts';

export { LESION_DEFAULTS, type LesionConfig } from './lesion-config.ts';

/** The two families compared. */
export type LesionFamily = 'plain' | 'resnet';

/** Test accuracy of one net: intact, and with each block deleted in turn. */
export interface LesionCurve {
  readonly family: LesionFamily;
  readonly intact: number;
  /** One entry per block, in order. */
  readonly deleted: readonly { readonly blockId: string; readonly label: string; readonly accuracy: number }[];
}

/** The spec of one net. */
export function lesionSpec(family: LesionFamily, config: LesionConfig, inputs = 784): ModelSpec {
  return mlpSpec({
    family,
    depth: 2 * config.blocks + 2,
    width: config.width,
    inputSize: 1,
    channels: inputs,
    classes: 10,
  });
}

/** The same images seen as 1×1×(h·w·c) vectors (same bytes), cut to the first examples. */
export function flattenDataset(dataset: Dataset, trainCount: number, testCount: number): Dataset {
  const [h, w, c] = dataset.entry.imageShape;
  const pixels = h * w * c;
  const cut = (split: Dataset['train'], count: number): Dataset['train'] => {
    const n = Math.min(count, split.count);
    return { count: n, images: split.images.subarray(0, n * pixels), labels: split.labels.subarray(0, n) };
  };
  return {
    ...dataset,
    entry: { ...dataset.entry, imageShape: [1, 1, pixels] },
    train: cut(dataset.train, trainCount),
    test: cut(dataset.test, testCount),
  };
}

/**
 * Runs a model built from `spec` layer by layer on `x` ([n, 1, 1, D]) in inference mode, skipping
 * block `deleted`; the layers are found by the names the builder recorded. Blocks must have
 * identity shortcuts or none. Synchronous: call inside `tf.tidy`. Returns the model's output
 * [n, classes].
 */
export function forwardWithLesion(built: BuiltModel, spec: ModelSpec, x: Tf.Tensor, deleted: string | null): Tf.Tensor {
  const names = new Map(built.layers.map((entry) => [entry.id, entry.layers]));
  const blocks = new Map(built.blocks.map((block) => [block.id, block]));
  const run = (name: string, input: Tf.Tensor | Tf.Tensor[]): Tf.Tensor =>
    built.model.getLayer(name).apply(input, { training: false });
  const chain = (id: string, input: Tf.Tensor): Tf.Tensor => {
    const layers = names.get(id);
    if (!layers) throw new Error(`forwardWithLesion: no TF.js layers for spec item "${id}"`);
    return layers.reduce((h, name) => run(name, h), input);
  };
  let h = x;
  for (const stage of spec.stages) {
    for (const item of stage.items) {
      if (!isBlock(item)) {
        h = chain(item.id, h);
        continue;
      }
      const block = blocks.get(item.id);
      if (!block) throw new Error(`forwardWithLesion: block "${item.id}" was not built`);
      if (item.shortcut !== 'identity' && item.shortcut !== 'none') {
        throw new Error(`forwardWithLesion: block "${item.id}" has a ${item.shortcut} shortcut; only identity or none`);
      }
      if (item.id === deleted) continue;
      const branch = item.body.reduce((y, layer) => chain(layer.id, y), h);
      h = run(block.output, block.add ? run(block.add, [branch, h]) : branch);
    }
  }
  return h;
}

/** Accuracy of a built model on the test split with block `deleted` removed (one read-back). */
export async function lesionAccuracy(
  tf: typeof Tf,
  built: BuiltModel,
  spec: ModelSpec,
  test: Dataset['test'],
  deleted: string | null,
): Promise<number> {
  const pixels = test.images.length / test.count;
  const correct = tf.tidy(() => {
    const x = tf.div(tf.tensor4d(test.images, [test.count, 1, 1, pixels], 'float32'), 255);
    const predicted = tf.argMax(forwardWithLesion(built, spec, x, deleted), -1);
    return tf.sum(tf.cast(tf.equal(predicted, tf.tensor1d(test.labels, 'int32')), 'float32'));
  });
  const value = (await correct.data())[0] ?? 0;
  correct.dispose();
  return value / test.count;
}

/** Two training runs and the lesion study of both. Every tensor is owned by its run. */
export class LesionExperiment {
  readonly config: LesionConfig;
  readonly specs: Readonly<Record<LesionFamily, ModelSpec>>;
  private readonly tf: typeof Tf;
  private readonly data: Dataset;
  private readonly built: Partial<Record<LesionFamily, BuiltModel>> = {};
  readonly runs: Readonly<Record<LesionFamily, TrainingRun>>;

  constructor(tf: typeof Tf, dataset: Dataset, config: LesionConfig = LESION_DEFAULTS) {
    this.tf = tf;
    this.config = config;
    this.data = flattenDataset(dataset, config.trainCount, config.testCount);
    const [, , inputs] = this.data.entry.imageShape;
    this.specs = { plain: lesionSpec('plain', config, inputs), resnet: lesionSpec('resnet', config, inputs) };
    const make = (family: LesionFamily): TrainingRun =>
      new TrainingRun(
        tf,
        () => {
          const built = buildModel(this.specs[family], { seed: config.training.seed, logits: true });
          this.built[family] = built;
          return built.model;
        },
        this.data,
        config.training,
      );
    this.runs = { plain: make('plain'), resnet: make('resnet') };
  }

  /** Steps of each run. */
  get totalSteps(): number {
    return this.runs.plain.totalSteps;
  }

  /** Steps done (both runs advance together). */
  get step(): number {
    return this.runs.plain.step;
  }

  /** One training step of each net. */
  trainStep(): void {
    this.runs.plain.trainStep();
    this.runs.resnet.trainStep();
  }

  /** Test accuracy of one net intact and with each block deleted in turn. */
  async lesion(family: LesionFamily): Promise<LesionCurve> {
    const built = this.built[family];
    if (!built) throw new Error('The model was not built.');
    const spec = this.specs[family];
    const intact = await lesionAccuracy(this.tf, built, spec, this.data.test, null);
    const deleted: { blockId: string; label: string; accuracy: number }[] = [];
    for (const stage of spec.stages) {
      for (const item of stage.items) {
        if (!isBlock(item)) continue;
        const accuracy = await lesionAccuracy(this.tf, built, spec, this.data.test, item.id);
        deleted.push({ blockId: item.id, label: item.label ?? item.id, accuracy });
      }
    }
    return { family, intact, deleted };
  }

  /** Frees both runs (models, optimisers, test tensors). */
  dispose(): void {
    this.runs.plain.dispose();
    this.runs.resnet.dispose();
  }
}

/** Progress of a lesion job; the curves come with its last measurement. */
export interface LesionProgress {
  readonly step: number;
  readonly totalSteps: number;
  readonly curves: Readonly<Record<LesionFamily, LesionCurve>> | null;
}

/**
 * The experiment as a job of the engine's driver (../training/driver.ts): training losses every
 * `readEvery` steps, then, after the last step, the lesion study of both nets.
 */
export function lesionJob(experiment: LesionExperiment, readEvery = 4): Job<LesionProgress> {
  const finished = () => experiment.step >= experiment.totalSteps;
  return {
    get finished() {
      return finished();
    },
    step: () => experiment.trainStep(),
    due: () => experiment.step > 0 && (experiment.step % readEvery === 0 || finished()),
    async measure() {
      const resnet = await experiment.runs.resnet.readWindow();
      const plain = await experiment.runs.plain.readWindow();
      const curves = finished()
        ? { plain: await experiment.lesion('plain'), resnet: await experiment.lesion('resnet') }
        : null;
      return {
        losses: [plain.trainLoss, resnet.trainLoss],
        value: { step: experiment.step, totalSteps: experiment.totalSteps, curves },
      };
    },
    dispose: () => experiment.dispose(),
  };
}
