/**
 * One training run: a freshly initialised model, its optimiser and the running metric sums.
 * Steps are synchronous and queue device work without reading anything back; metrics and test
 * accuracy are read with `await t.data()` every few steps. Every tensor it creates has one owner
 * and is disposed by `dispose()`.
 */
import type { Model } from '../models/graph.ts';
import { fillImageBatch, fillLabelBatch, type ImageShape } from './batches.ts';
import type { Dataset, Split } from './dataset.ts';
import { learningRateAt, type TrainingConfig } from './hyperparams.ts';
import { epochOrder, withSeededMathRandom } from './random.ts';
import type * as Tf from './tf.ts';

/**
 * Builds the model to train from `seed`; synchronous. It also runs with `Math.random` seeded, so
 * any initialiser that ignores the seed is reproducible too.
 */
export type ModelFactory = (seed: number) => Model;

/**
 * The optimiser a configuration names: Adam (β 0.9, 0.999, the backend's ε), SGD with momentum, or
 * plain SGD. Made by class rather than through `tf.train`, whose table of constructors keeps every
 * optimiser TF.js has in the bundle.
 */
export function makeOptimizer(tf: typeof Tf, config: TrainingConfig): Tf.Optimizer {
  if (config.optimizer === 'adam') return new tf.AdamOptimizer(config.learningRate, 0.9, 0.999);
  if (config.momentum > 0) return new tf.MomentumOptimizer(config.learningRate, config.momentum);
  return new tf.SGDOptimizer(config.learningRate);
}

/** Whether the model's last layer is a softmax, so that it outputs probabilities rather than logits. */
export function endsInSoftmax(model: Model): boolean {
  return model.layers.at(-1)?.settings()['activation'] === 'softmax';
}

/**
 * Mean cross-entropy of a batch: from logits, or from the probabilities of a softmax head (clipped
 * at 1e-7) when `probabilities` is true.
 */
export function batchLoss(tf: typeof Tf, output: Tf.Tensor, oneHot: Tf.Tensor, probabilities: boolean): Tf.Scalar {
  if (!probabilities) return tf.losses.softmaxCrossEntropy(oneHot, output);
  const logP = tf.log(tf.clipByValue(output, 1e-7, 1));
  return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, logP), -1))) as Tf.Scalar;
}

/** Test images per forward pass during evaluation. */
const EVAL_CHUNK = 500;

/** The mean loss and accuracy since the previous read. */
export interface WindowMetrics {
  readonly trainLoss: number;
  readonly trainAccuracy: number;
}

/** One run of the training loop over a data set. */
export class TrainingRun {
  readonly config: TrainingConfig;
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;
  /** Steps done so far. */
  step = 0;

  private readonly tf: typeof Tf;
  private readonly model: Model;
  private readonly optimizer: Tf.Optimizer;
  private readonly dataset: Dataset;
  private readonly inputShape: ImageShape;
  private readonly classCount: number;
  private readonly outputIsProbabilities: boolean;
  private readonly batchImages: Float32Array;
  private readonly batchLabels: Int32Array;
  private readonly lossSum: Tf.Variable;
  private readonly correctSum: Tf.Variable;
  private windowSteps = 0;
  private order: Uint32Array | null = null;
  private orderEpoch = -1;
  private testImages: Tf.Tensor | null = null;
  private testLabels: Tf.Tensor | null = null;
  private disposed = false;

  /**
   * `options.totalSteps` stops the run (and ends a cosine schedule) before the last of
   * `config.epochs`; by default the run does every step of every epoch.
   */
  constructor(
    tf: typeof Tf,
    createModel: ModelFactory,
    dataset: Dataset,
    config: TrainingConfig,
    options: { readonly totalSteps?: number } = {},
  ) {
    this.tf = tf;
    this.dataset = dataset;
    this.config = config;
    this.model = withSeededMathRandom(config.seed, () => createModel(config.seed));
    const input = this.model.inputShape;
    if (input.length !== 4) throw new Error('The model must take [batch, height, width, channels] images.');
    this.inputShape = [input[1] ?? 0, input[2] ?? 0, input[3] ?? 0];
    this.outputIsProbabilities = endsInSoftmax(this.model);
    this.classCount = dataset.entry.classes.length;
    this.stepsPerEpoch = Math.floor(dataset.train.count / config.batchSize);
    if (this.stepsPerEpoch < 1)
      throw new Error(`Batch size ${config.batchSize} exceeds the ${dataset.train.count} training images.`);
    const allSteps = this.stepsPerEpoch * config.epochs;
    this.totalSteps = Math.min(allSteps, options.totalSteps ?? allSteps);
    const [h, w, c] = this.inputShape;
    this.batchImages = new Float32Array(config.batchSize * h * w * c);
    this.batchLabels = new Int32Array(config.batchSize);
    this.optimizer = makeOptimizer(tf, config);
    // tidy frees the initial scalars; variables survive it.
    this.lossSum = tf.tidy(() => tf.variable(tf.scalar(0), false));
    this.correctSum = tf.tidy(() => tf.variable(tf.scalar(0), false));
  }

  /** Fractional epochs done. */
  get epoch(): number {
    return this.step / this.stepsPerEpoch;
  }

  /** Runs one optimisation step. Queues device work and returns without reading anything. */
  trainStep(): void {
    if (this.disposed) throw new Error('This run was disposed.');
    if (this.step >= this.totalSteps) return;
    const tf = this.tf;
    const epoch = Math.floor(this.step / this.stepsPerEpoch);
    if (epoch !== this.orderEpoch) {
      this.order = epochOrder(this.dataset.train.count, this.config.seed, epoch);
      this.orderEpoch = epoch;
    }
    const start = (this.step % this.stepsPerEpoch) * this.config.batchSize;
    const batch = this.config.batchSize;
    const order = this.order as Uint32Array;
    if (this.config.schedule !== 'constant')
      this.setLearningRate(learningRateAt(this.config, this.step, this.totalSteps));
    fillImageBatch(
      this.dataset.train.images,
      this.dataset.entry.imageShape,
      order,
      start,
      batch,
      this.inputShape,
      this.batchImages,
    );
    fillLabelBatch(this.dataset.train.labels, order, start, batch, this.batchLabels);
    tf.tidy(() => {
      // One upload per step for the images and one for the labels.
      const x = tf.tensor4d(this.batchImages, [batch, ...this.inputShape]);
      const labels = tf.tensor1d(this.batchLabels, 'int32');
      const oneHot = tf.oneHot(labels, this.classCount);
      let correct: Tf.Tensor | null = null;
      const cost = this.optimizer.minimize(() => {
        const output = this.model.apply(x, { training: true });
        correct = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(output, -1), labels), 'float32')));
        return batchLoss(tf, output, oneHot, this.outputIsProbabilities);
      }, true);
      if (!cost || !correct) throw new Error('The optimiser returned no loss.');
      this.lossSum.assign(tf.add(this.lossSum, cost));
      this.correctSum.assign(tf.add(this.correctSum, correct));
      (correct as Tf.Tensor).dispose();
    });
    this.step += 1;
    this.windowSteps += 1;
  }

  private setLearningRate(rate: number): void {
    const optimizer = this.optimizer as Tf.Optimizer & {
      setLearningRate?: (rate: number) => void;
      learningRate: number;
    };
    // SGD and momentum keep the rate as a tensor (replaced by setLearningRate); Adam reads the number.
    if (typeof optimizer.setLearningRate === 'function') optimizer.setLearningRate(rate);
    else optimizer.learningRate = rate;
  }

  /** Reads and clears the sums since the last read (one device read-back). */
  async readWindow(): Promise<WindowMetrics> {
    if (this.disposed) throw new Error('This run was disposed.');
    const tf = this.tf;
    const steps = this.windowSteps;
    const both = tf.stack([this.lossSum, this.correctSum]);
    this.windowSteps = 0;
    tf.tidy(() => {
      this.lossSum.assign(tf.zerosLike(this.lossSum));
      this.correctSum.assign(tf.zerosLike(this.correctSum));
    });
    const values = await both.data();
    both.dispose();
    if (steps === 0) return { trainLoss: Number.NaN, trainAccuracy: Number.NaN };
    return {
      trainLoss: (values[0] ?? Number.NaN) / steps,
      trainAccuracy: (values[1] ?? Number.NaN) / (steps * this.config.batchSize),
    };
  }

  private ensureTestTensors(): { images: Tf.Tensor; labels: Tf.Tensor } {
    if (!this.testImages || !this.testLabels) {
      const test = this.dataset.test;
      const all = Uint32Array.from({ length: test.count }, (_, i) => i);
      const [h, w, c] = this.inputShape;
      const pixels = new Float32Array(test.count * h * w * c);
      fillImageBatch(test.images, this.dataset.entry.imageShape, all, 0, test.count, this.inputShape, pixels);
      this.testImages = this.tf.tensor4d(pixels, [test.count, h, w, c]);
      this.testLabels = this.tf.tensor1d(Int32Array.from(test.labels), 'int32');
    }
    return { images: this.testImages, labels: this.testLabels };
  }

  /** Accuracy on the whole test split (one read-back). */
  async evaluate(): Promise<number> {
    if (this.disposed) throw new Error('This run was disposed.');
    const tf = this.tf;
    const { images, labels } = this.ensureTestTensors();
    const count = this.dataset.test.count;
    const total = tf.tidy(() => {
      const parts: Tf.Tensor[] = [];
      for (let start = 0; start < count; start += EVAL_CHUNK) {
        const size = Math.min(EVAL_CHUNK, count - start);
        const output = this.model.apply(tf.slice(images, [start, 0, 0, 0], [size, -1, -1, -1]), {
          training: false,
        });
        const predicted = tf.argMax(output, -1);
        parts.push(tf.sum(tf.cast(tf.equal(predicted, tf.slice(labels, [start], [size])), 'float32')));
      }
      return tf.addN(parts);
    });
    const correct = (await total.data())[0] ?? 0;
    total.dispose();
    return correct / count;
  }

  /** Class probabilities of `count` images (`pixels`: count x h x w x c in [0, 1], the data's shape). */
  async predict(pixels: Float32Array, count: number): Promise<Float32Array> {
    const tf = this.tf;
    const [h, w, c] = this.dataset.entry.imageShape;
    const [ih, iw] = this.inputShape;
    const probabilities = tf.tidy(() => {
      let x: Tf.Tensor4D = tf.tensor4d(pixels, [count, h, w, c]);
      if (ih !== h || iw !== w) {
        const top = Math.floor((ih - h) / 2);
        const left = Math.floor((iw - w) / 2);
        x = tf.pad(x, [
          [0, 0],
          [top, ih - h - top],
          [left, iw - w - left],
          [0, 0],
        ]);
      }
      const output = this.model.apply(x, { training: false });
      return this.outputIsProbabilities ? output : tf.softmax(output);
    });
    const values = (await probabilities.data()) as Float32Array;
    probabilities.dispose();
    return values;
  }

  /** Predictions on the first `count` test images. */
  async samples(
    count: number,
  ): Promise<{ index: number; label: number; predicted: number; confidence: number; pixels: Uint8Array }[]> {
    const test: Split = this.dataset.test;
    const n = Math.min(count, test.count);
    const [h, w, c] = this.dataset.entry.imageShape;
    const size = h * w * c;
    const pixels = new Float32Array(n * size);
    for (let i = 0; i < n * size; i += 1) pixels[i] = (test.images[i] as number) / 255;
    const probabilities = await this.predict(pixels, n);
    const classes = this.classCount;
    return Array.from({ length: n }, (_, index) => {
      const row = probabilities.subarray(index * classes, (index + 1) * classes);
      let predicted = 0;
      for (let k = 1; k < classes; k += 1) if ((row[k] as number) > (row[predicted] as number)) predicted = k;
      return {
        index,
        label: test.labels[index] as number,
        predicted,
        confidence: row[predicted] as number,
        pixels: test.images.slice(index * size, (index + 1) * size),
      };
    });
  }

  /** Frees the model, the optimiser state, the sums and the test tensors. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.model.dispose();
    this.optimizer.dispose();
    this.lossSum.dispose();
    this.correctSum.dispose();
    this.testImages?.dispose();
    this.testLabels?.dispose();
  }
}
