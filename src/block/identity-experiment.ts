/**
 * Learning the identity (He et al. 2015 §3.1): a plain stack and a residual stack of the same
 * depth, width and initial weights are trained side by side to reproduce their input.
 *
 * Both stacks have `blocks` two-layer blocks of `width` units. The plain block computes
 * `relu(W2 relu(W1 h + b1) + b2)`, the residual block `relu(W2 relu(W1 h + b1) + b2 + h)`: the only
 * difference is the `+ h`. Inputs are non-negative (a ReLU's output), so the identity is reachable
 * by both. Weights are He-normal from a seeded generator, so a run is the same on every backend.
 * DOM-free; TF.js comes in as a parameter (../training/tf.ts, after the engine chose a backend).
 */
import type { Job } from '../training/driver.ts';
import { mulberry32 } from '../training/random.ts';
import type * as Tf from '../training/tf.ts';

/** Settings of one run. */
export interface IdentityConfig {
  /** Units per layer (= input size). */
  readonly width: number;
  /** Two-layer blocks per stack; each stack has 2·blocks weight layers. */
  readonly blocks: number;
  /** Training vectors (one full batch per step). */
  readonly samples: number;
  readonly steps: number;
  /** Step size of plain SGD. */
  readonly learningRate: number;
  /** Multiplier of the He-normal standard deviation sqrt(2 / width) of every weight. */
  readonly initScale: number;
  readonly seed: number;
}

/**
 * The defaults: 6 blocks (12 weight layers) of 16 units, 200 full-batch SGD steps; seconds on a
 * CPU. Half the He-normal scale keeps the residual stack's signal from growing block after block,
 * so both stacks start from about the same loss.
 */
export const IDENTITY_DEFAULTS: IdentityConfig = {
  width: 16,
  blocks: 6,
  samples: 128,
  steps: 200,
  learningRate: 0.1,
  initScale: 0.5,
  seed: 1,
};

/** Mean squared error of both stacks at one step. */
export interface IdentityPoint {
  readonly step: number;
  readonly plain: number;
  readonly residual: number;
}

interface Layer {
  readonly w: Tf.Variable;
  readonly b: Tf.Variable;
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Two stacks, their optimisers and the data: one owner of every tensor. */
export class IdentityExperiment {
  readonly config: IdentityConfig;
  /** Steps done. */
  step = 0;
  private readonly tf: typeof Tf;
  private readonly x: Tf.Tensor2D;
  private readonly plain: Layer[];
  private readonly residual: Layer[];
  private readonly optPlain: Tf.Optimizer;
  private readonly optResidual: Tf.Optimizer;
  private disposed = false;

  constructor(tf: typeof Tf, config: IdentityConfig = IDENTITY_DEFAULTS) {
    this.tf = tf;
    this.config = config;
    const { width, blocks, samples, seed } = config;
    const random = mulberry32(seed);
    const data = Float32Array.from({ length: samples * width }, () => Math.max(0, gaussian(random)));
    const std = config.initScale * Math.sqrt(2 / width);
    const init = Array.from({ length: 2 * blocks }, () =>
      Float32Array.from({ length: width * width }, () => std * gaussian(random)),
    );
    // Both stacks start from the same weights.
    const make = (): Layer[] =>
      init.map((values) => {
        const w0 = tf.tensor2d(values, [width, width]);
        const b0 = tf.zeros([width]);
        const layer = { w: tf.variable(w0), b: tf.variable(b0) };
        // The variables keep the data; the initial tensors are no longer needed.
        w0.dispose();
        b0.dispose();
        return layer;
      });
    this.x = tf.tensor2d(data, [samples, width]);
    this.plain = make();
    this.residual = make();
    this.optPlain = tf.train.sgd(config.learningRate);
    this.optResidual = tf.train.sgd(config.learningRate);
  }

  /** Output of a stack, `[n, width]`. Synchronous: call inside `tf.tidy`. */
  private forward(layers: readonly Layer[], residual: boolean, x: Tf.Tensor2D): Tf.Tensor2D {
    const tf = this.tf;
    let h: Tf.Tensor2D = x;
    for (let i = 0; i < layers.length; i += 2) {
      const l1 = layers[i] as Layer;
      const l2 = layers[i + 1] as Layer;
      const a1 = tf.relu(tf.add<Tf.Tensor2D>(tf.matMul(h, l1.w), l1.b));
      const z2 = tf.add<Tf.Tensor2D>(tf.matMul(a1, l2.w), l2.b);
      h = tf.relu(residual ? tf.add<Tf.Tensor2D>(z2, h) : z2);
    }
    return h;
  }

  /** Runs one SGD step on each stack. Queues device work; reads nothing back. */
  trainStep(): void {
    if (this.disposed) throw new Error('This experiment was disposed.');
    const tf = this.tf;
    tf.tidy(() => {
      const loss = (layers: Layer[], residual: boolean) => () =>
        tf.losses.meanSquaredError<Tf.Tensor2D, Tf.Scalar>(this.x, this.forward(layers, residual, this.x));
      this.optPlain.minimize(loss(this.plain, false), false);
      this.optResidual.minimize(loss(this.residual, true), false);
    });
    this.step += 1;
  }

  /** Current mean squared error of both stacks on the training vectors (one read-back). */
  async losses(): Promise<IdentityPoint> {
    const tf = this.tf;
    const both = tf.tidy(() =>
      tf.stack([
        tf.losses.meanSquaredError(this.x, this.forward(this.plain, false, this.x)),
        tf.losses.meanSquaredError(this.x, this.forward(this.residual, true, this.x)),
      ]),
    );
    const values = await both.data();
    both.dispose();
    return { step: this.step, plain: values[0] ?? Number.NaN, residual: values[1] ?? Number.NaN };
  }

  /** Frees every tensor: weights, data and optimiser state. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const l of [...this.plain, ...this.residual]) {
      l.w.dispose();
      l.b.dispose();
    }
    this.x.dispose();
    this.optPlain.dispose();
    this.optResidual.dispose();
  }
}

/**
 * The experiment as a job of the engine's driver (../training/driver.ts): both losses before the
 * first step, every `readEvery` steps and after the last one.
 */
export function identityJob(experiment: IdentityExperiment, readEvery = 5): Job<IdentityPoint> {
  const steps = experiment.config.steps;
  return {
    get finished() {
      return experiment.step >= steps;
    },
    step: () => experiment.trainStep(),
    due: () => experiment.step % readEvery === 0 || experiment.step === steps,
    async measure() {
      const point = await experiment.losses();
      return { losses: [point.plain, point.residual], value: point };
    },
    dispose: () => experiment.dispose(),
  };
}
