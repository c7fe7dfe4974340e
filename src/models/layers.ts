/**
 * The standard layers of the zoo's networks on ./graph.ts: each computes with the tfjs-core ops
 * that its TF.js Layers namesake calls, in the same order (fused convolution and matrix product
 * with a linear activation, BatchNorm on the batch's moments in training, moving averages updated
 * as `v − (v − x)(1 − momentum)`), so a model trains as it did when built with TF.js Layers.
 * tests/unit/models/layers-parity.test.ts runs each against TF.js Layers.
 *
 * All tensors are channels-last: [batch, height, width, channels].
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation as ActivationName } from './spec.ts';
import { initializers, Layer, known, resized, shape4, single, type Initializer, type Shape } from './graph.ts';

type Padding = 'valid' | 'same';

/** Output side of a convolution or pool. */
export function convOut(size: number, kernel: number, stride: number, padding: Padding): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - kernel) / stride) + 1;
}

/** Arguments of `Conv2D`. */
export interface Conv2DArgs {
  readonly name: string;
  readonly filters: number;
  readonly kernelSize: number;
  readonly strides?: number;
  readonly padding?: Padding;
  readonly useBias?: boolean;
  readonly kernelInitializer?: Initializer;
}

/** A 2-D convolution with a bias. Kernel [k, k, c, filters]. */
export class Conv2D extends Layer {
  readonly className = 'Conv2D';
  readonly filters: number;
  readonly kernelSize: number;
  readonly strides: number;
  readonly padding: Padding;
  readonly useBias: boolean;
  private readonly kernelInitializer: Initializer;
  private kernel: tf.Variable | null = null;
  private bias: tf.Variable | null = null;

  constructor(args: Conv2DArgs) {
    super(args);
    this.filters = args.filters;
    this.kernelSize = args.kernelSize;
    this.strides = args.strides ?? 1;
    this.padding = args.padding ?? 'valid';
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = args.kernelInitializer ?? initializers.glorotUniform();
  }

  override settings(): Readonly<Record<string, unknown>> {
    const { filters, kernelSize: k, strides: s, padding, useBias } = this;
    return { filters, kernelSize: [k, k], strides: [s, s], padding, useBias, activation: 'linear' };
  }

  protected build(inputs: readonly Shape[]): Shape {
    const s = shape4(this.name, inputs);
    const k = this.kernelSize;
    this.kernel = this.addWeight('kernel', [k, k, known(this.name, s, 3), this.filters], this.kernelInitializer);
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], initializers.zeros());
    return resized(s, (d) => convOut(d, k, this.strides, this.padding), this.filters);
  }

  protected call(inputs: readonly tf.Tensor[]): tf.Tensor {
    return tf.fused.conv2d({
      x: single(this.name, inputs) as tf.Tensor4D,
      filter: this.kernel as tf.Tensor4D,
      strides: [this.strides, this.strides],
      pad: this.padding,
      dilations: [1, 1],
      dataFormat: 'NHWC',
      ...(this.bias ? { bias: this.bias } : {}),
      activation: 'linear',
    });
  }
}

/** Arguments of `Dense`. */
export interface DenseArgs {
  readonly name: string;
  readonly units: number;
  readonly useBias?: boolean;
  readonly kernelInitializer?: Initializer;
}

/** A fully connected layer on [batch, n] inputs. Kernel [n, units]. */
export class Dense extends Layer {
  readonly className = 'Dense';
  readonly units: number;
  readonly useBias: boolean;
  private readonly kernelInitializer: Initializer;
  private kernel: tf.Variable | null = null;
  private bias: tf.Variable | null = null;

  constructor(args: DenseArgs) {
    super(args);
    this.units = args.units;
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = args.kernelInitializer ?? initializers.glorotUniform();
  }

  override settings(): Readonly<Record<string, unknown>> {
    return { units: this.units, useBias: this.useBias, activation: 'linear' };
  }

  protected build(inputs: readonly Shape[]): Shape {
    const s = single(this.name, inputs);
    if (s.length !== 2) throw new Error(`${this.name}: expected a [batch, features] input, got [${s.join(', ')}]`);
    this.kernel = this.addWeight('kernel', [known(this.name, s, 1), this.units], this.kernelInitializer);
    if (this.useBias) this.bias = this.addWeight('bias', [this.units], initializers.zeros());
    return [s[0] ?? null, this.units];
  }

  protected call(inputs: readonly tf.Tensor[]): tf.Tensor {
    return tf.fused.matMul({
      a: single(this.name, inputs),
      b: this.kernel as tf.Tensor2D,
      transposeA: false,
      transposeB: false,
      ...(this.bias ? { bias: this.bias } : {}),
      activation: 'linear',
    });
  }
}

/** Arguments of `BatchNormalization`. */
export interface BatchNormalizationArgs {
  readonly name: string;
  readonly momentum: number;
  readonly epsilon: number;
  readonly gammaInitializer?: Initializer;
}

/**
 * BatchNorm over the last axis (Ioffe and Szegedy 2015). Weights gamma, beta (trained) and the
 * moving mean and variance (buffers), each [channels]. In training it normalises with the batch's
 * moments and moves the averages toward them; in inference it uses the averages.
 */
export class BatchNormalization extends Layer {
  readonly className = 'BatchNormalization';
  readonly momentum: number;
  readonly epsilon: number;
  private readonly gammaInitializer: Initializer;
  private gamma: tf.Variable | null = null;
  private beta: tf.Variable | null = null;
  private movingMean: tf.Variable | null = null;
  private movingVariance: tf.Variable | null = null;

  constructor(args: BatchNormalizationArgs) {
    super(args);
    this.momentum = args.momentum;
    this.epsilon = args.epsilon;
    this.gammaInitializer = args.gammaInitializer ?? initializers.ones();
  }

  override settings(): Readonly<Record<string, unknown>> {
    return { axis: -1, momentum: this.momentum, epsilon: this.epsilon };
  }

  protected build(inputs: readonly Shape[]): Shape {
    const s = single(this.name, inputs);
    if (s.length !== 2 && s.length !== 4)
      throw new Error(`${this.name}: expected a rank 2 or 4 input, got [${s.join(', ')}]`);
    const channels = [known(this.name, s, s.length - 1)];
    this.gamma = this.addWeight('gamma', channels, this.gammaInitializer);
    this.beta = this.addWeight('beta', channels, initializers.zeros());
    this.movingMean = this.addWeight('moving_mean', channels, initializers.zeros(), false);
    this.movingVariance = this.addWeight('moving_variance', channels, initializers.ones(), false);
    return s;
  }

  protected call(inputs: readonly tf.Tensor[], training: boolean): tf.Tensor {
    const x = single(this.name, inputs);
    const [gamma, beta, movingMean, movingVariance] = [
      this.gamma,
      this.beta,
      this.movingMean,
      this.movingVariance,
    ] as tf.Variable[];
    const normalize = (mean: tf.Tensor, variance: tf.Tensor): tf.Tensor =>
      x.rank === 2
        ? tf.batchNorm2d(
            x as tf.Tensor2D,
            mean as tf.Tensor1D,
            variance as tf.Tensor1D,
            beta as tf.Tensor1D,
            gamma as tf.Tensor1D,
            this.epsilon,
          )
        : tf.batchNorm4d(
            x as tf.Tensor4D,
            mean as tf.Tensor1D,
            variance as tf.Tensor1D,
            beta as tf.Tensor1D,
            gamma as tf.Tensor1D,
            this.epsilon,
          );
    if (!training) return normalize(movingMean as tf.Tensor, movingVariance as tf.Tensor);
    const { mean, variance } = tf.moments(
      x,
      Array.from({ length: x.rank - 1 }, (_, i) => i),
    );
    const y = normalize(mean, variance);
    const decay = 1 - this.momentum;
    for (const [average, value] of [
      [movingMean, mean],
      [movingVariance, variance],
    ] as const) {
      average?.assign(tf.sub(average, tf.mul(tf.sub(average, value), decay)));
    }
    return y;
  }
}

const ACTIVATIONS: Readonly<Record<ActivationName, (x: tf.Tensor) => tf.Tensor>> = {
  relu: (x) => tf.relu(x),
  sigmoid: (x) => tf.sigmoid(x),
  tanh: (x) => tf.tanh(x),
  softmax: (x) => tf.softmax(x, -1),
  linear: (x) => x,
};

/** An element-wise activation (softmax: over the last axis). */
export class Activation extends Layer {
  readonly className = 'Activation';
  readonly activation: ActivationName;

  constructor(args: { readonly name: string; readonly activation: ActivationName }) {
    super(args);
    this.activation = args.activation;
  }

  override settings(): Readonly<Record<string, unknown>> {
    return { activation: this.activation };
  }

  protected build(inputs: readonly Shape[]): Shape {
    return single(this.name, inputs);
  }

  protected call(inputs: readonly tf.Tensor[]): tf.Tensor {
    return ACTIVATIONS[this.activation](single(this.name, inputs));
  }
}

/** Arguments of the pooling layers. */
export interface Pooling2DArgs {
  readonly name: string;
  readonly poolSize: number;
  readonly strides: number;
  readonly padding: Padding;
}

abstract class Pooling2D extends Layer {
  readonly poolSize: number;
  readonly strides: number;
  readonly padding: Padding;

  constructor(args: Pooling2DArgs) {
    super(args);
    this.poolSize = args.poolSize;
    this.strides = args.strides;
    this.padding = args.padding;
  }

  override settings(): Readonly<Record<string, unknown>> {
    const { poolSize: p, strides: s, padding } = this;
    return { poolSize: [p, p], strides: [s, s], padding };
  }

  protected build(inputs: readonly Shape[]): Shape {
    const s = shape4(this.name, inputs);
    return resized(s, (d) => convOut(d, this.poolSize, this.strides, this.padding));
  }
}

export class MaxPooling2D extends Pooling2D {
  readonly className = 'MaxPooling2D';

  protected call(inputs: readonly tf.Tensor[]): tf.Tensor {
    return tf.maxPool(single(this.name, inputs) as tf.Tensor4D, this.poolSize, this.strides, this.padding);
  }
}

export class AveragePooling2D extends Pooling2D {
  readonly className = 'AveragePooling2D';

  protected call(inputs: readonly tf.Tensor[]): tf.Tensor {
    return tf.avgPool(single(this.name, inputs) as tf.Tensor4D, this.poolSize, this.strides, this.padding);
  }
}

/** The mean of each channel over the height and width: [b, h, w, c] → [b, c]. */
export class GlobalAveragePooling2D extends Layer {
  readonly className = 'GlobalAveragePooling2D';

  protected build(inputs: readonly Shape[]): Shape {
    const s = shape4(this.name, inputs);
    return [s[0] ?? null, s[3] ?? null];
  }

  protected call(inputs: readonly tf.Tensor[]): tf.Tensor {
    return tf.mean(single(this.name, inputs), [1, 2]);
  }
}

/** Zeros around the height and width: [b, h, w, c] → [b, h + 2p, w + 2p, c]. */
export class ZeroPadding2D extends Layer {
  readonly className = 'ZeroPadding2D';
  readonly padding: number;

  constructor(args: { readonly name: string; readonly padding: number }) {
    super(args);
    this.padding = args.padding;
  }

  override settings(): Readonly<Record<string, unknown>> {
    const p = this.padding;
    return {
      padding: [
        [p, p],
        [p, p],
      ],
    };
  }

  protected build(inputs: readonly Shape[]): Shape {
    const s = shape4(this.name, inputs);
    return resized(s, (d) => d + 2 * this.padding);
  }

  protected call(inputs: readonly tf.Tensor[]): tf.Tensor {
    const p = this.padding;
    return tf.pad(single(this.name, inputs), [
      [0, 0],
      [p, p],
      [p, p],
      [0, 0],
    ]);
  }
}

/** [b, ...] → [b, product of the rest]. */
export class Flatten extends Layer {
  readonly className = 'Flatten';

  protected build(inputs: readonly Shape[]): Shape {
    const s = single(this.name, inputs);
    const rest = s.slice(1);
    return [s[0] ?? null, rest.includes(null) ? null : (rest as number[]).reduce((a, b) => a * b, 1)];
  }

  protected call(inputs: readonly tf.Tensor[]): tf.Tensor {
    const x = single(this.name, inputs);
    return tf.reshape(x, [x.shape[0] ?? 0, x.shape.slice(1).reduce((a, b) => a * b, 1)]);
  }
}

/**
 * Dropout (Srivastava et al. 2014), in training only. Each call draws a new mask from the seed
 * and a count of calls, so a seeded run is reproducible and no two steps share a mask (TF.js
 * Layers reuses one mask for every step when given a seed).
 */
export class Dropout extends Layer {
  readonly className = 'Dropout';
  readonly rate: number;
  readonly seed: number | undefined;
  private calls = 0;

  constructor(args: { readonly name: string; readonly rate: number; readonly seed?: number }) {
    super(args);
    this.rate = args.rate;
    this.seed = args.seed;
  }

  override settings(): Readonly<Record<string, unknown>> {
    return { rate: this.rate };
  }

  protected build(inputs: readonly Shape[]): Shape {
    return single(this.name, inputs);
  }

  protected call(inputs: readonly tf.Tensor[], training: boolean): tf.Tensor {
    const x = single(this.name, inputs);
    if (!training || this.rate <= 0 || this.rate >= 1) return x;
    this.calls += 1;
    return tf.dropout(x, this.rate, undefined, this.seed === undefined ? undefined : this.seed * 7919 + this.calls);
  }
}

/** The sum of its inputs, all of one shape, added left to right. */
export class Add extends Layer {
  readonly className = 'Add';

  protected build(inputs: readonly Shape[]): Shape {
    const [first, ...rest] = inputs;
    if (!first || rest.length === 0) throw new Error(`${this.name}: an addition needs at least two inputs.`);
    for (const s of rest) {
      if (s.length !== first.length || s.some((d, i) => d !== first[i]))
        throw new Error(`${this.name}: cannot add [${s.join(', ')}] to [${first.join(', ')}]`);
    }
    return first;
  }

  protected call(inputs: readonly tf.Tensor[]): tf.Tensor {
    return inputs.slice(1).reduce((sum, x) => tf.add(sum, x), inputs[0] as tf.Tensor);
  }
}
