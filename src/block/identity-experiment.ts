/**
 * Learning the identity (He et al. 2015 §3.1): a plain stack and a residual stack of the same
 * depth, width and initial weights are trained side by side to reproduce their input.
 *
 * Both stacks have `blocks` two-layer blocks of `width` units. The plain block computes
 * `relu(N2(W2 relu(N1(W1 h))))`, the residual block `relu(N2(W2 relu(N1(W1 h))) + h)`: the only
 * difference is the `+ h`. Each N is batch normalisation over the (full) batch with a learnable
 * scale γ and shift β, as after every convolution in He et al.'s networks. Weights are He-normal
 * (scale 1) from a seeded generator, so a run is the same on every backend. With both, the plain
 * stack's output keeps the size of its input at initialisation: its error cannot come from a
 * vanishing signal. Inputs are non-negative (a ReLU's output), and for a fixed batch each N is an
 * affine map, so the identity is reachable by both stacks.
 * DOM-free; TF.js comes in as a parameter (../training/tf.ts, after the engine chose a backend).
 */
import type { Job } from '../training/driver.ts';
import { gaussian, mulberry32 } from '../training/random.ts';
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
  /** Batch-normalise every layer's pre-activation (with learnable γ, β) instead of adding a bias. */
  readonly normalize: boolean;
  readonly seed: number;
}

/**
 * The defaults: 12 blocks (24 weight layers) of 16 units with batch normalisation, He-normal
 * weights, 400 full-batch SGD steps at 0.2; seconds on a CPU. Chosen from a small sweep (learning
 * rates 0.02 to 0.2, 6 and 12 blocks, 3 seeds): every setting ends with the residual stack below the
 * plain one, and this one shows the widest gap while the plain stack's error has flattened out.
 */
export const IDENTITY_DEFAULTS: IdentityConfig = {
  width: 16,
  blocks: 12,
  samples: 128,
  steps: 400,
  learningRate: 0.2,
  initScale: 1,
  normalize: true,
  seed: 1,
};

/** Root-mean-square size of the input and of each stack's output. */
export interface SignalScale {
  readonly input: number;
  readonly plain: number;
  readonly residual: number;
}

/** Mean squared error of both stacks at one step. */
export interface IdentityPoint {
  readonly step: number;
  readonly plain: number;
  readonly residual: number;
}

interface Layer {
  readonly w: Tf.Variable;
  /** Bias, or BN's shift β when normalising. */
  readonly b: Tf.Variable;
  /** BN's scale γ (unused without normalisation). */
  readonly g: Tf.Variable;
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
        const g0 = tf.ones([width]);
        const layer = { w: tf.variable(w0), b: tf.variable(b0), g: tf.variable(g0, config.normalize) };
        // The variables keep the data; the initial tensors are no longer needed.
        tf.dispose([w0, b0, g0]);
        return layer;
      });
    this.x = tf.tensor2d(data, [samples, width]);
    this.plain = make();
    this.residual = make();
    this.optPlain = new tf.SGDOptimizer(config.learningRate);
    this.optResidual = new tf.SGDOptimizer(config.learningRate);
  }

  /** A layer's pre-activation: `W h` batch-normalised, or `W h + b`. Synchronous. */
  private layer(l: Layer, h: Tf.Tensor2D): Tf.Tensor2D {
    const tf = this.tf;
    const z = tf.matMul(h, l.w);
    if (!this.config.normalize) return tf.add<Tf.Tensor2D>(z, l.b);
    const { mean, variance } = tf.moments(z, 0);
    return tf.add<Tf.Tensor2D>(tf.mul(tf.div(tf.sub(z, mean), tf.sqrt(tf.add(variance, 1e-5))), l.g), l.b);
  }

  /** Output of a stack, `[n, width]`. Synchronous: call inside `tf.tidy`. */
  private forward(layers: readonly Layer[], residual: boolean, x: Tf.Tensor2D): Tf.Tensor2D {
    const tf = this.tf;
    let h: Tf.Tensor2D = x;
    for (let i = 0; i < layers.length; i += 2) {
      const a1 = tf.relu(this.layer(layers[i] as Layer, h));
      const z2 = this.layer(layers[i + 1] as Layer, a1);
      h = tf.relu(residual ? tf.add<Tf.Tensor2D>(z2, h) : z2);
    }
    return h;
  }

  /** Root-mean-square size of the input and of both stacks' outputs as they stand (one read-back). */
  async signalScale(): Promise<SignalScale> {
    const tf = this.tf;
    const rms = (t: Tf.Tensor): Tf.Tensor => tf.sqrt(tf.mean(tf.square(t)));
    const all = tf.tidy(() =>
      tf.stack([
        rms(this.x),
        rms(this.forward(this.plain, false, this.x)),
        rms(this.forward(this.residual, true, this.x)),
      ]),
    );
    const values = await all.data();
    all.dispose();
    return { input: values[0] ?? Number.NaN, plain: values[1] ?? Number.NaN, residual: values[2] ?? Number.NaN };
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
    for (const l of [...this.plain, ...this.residual]) this.tf.dispose([l.w, l.b, l.g]);
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
