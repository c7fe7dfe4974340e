/**
 * Layers the zoo needs for fidelity that TF.js lacks, on ./graph.ts. Each is a real layer: built
 * from differentiable tfjs-core ops (so it trains) and sized so that `countParams()` equals the
 * spec's own statistics.
 *
 * All tensors are channels-last: [batch, height, width, channels].
 */
import * as tf from '@tensorflow/tfjs-core';
import { initializers, Layer, known, resized, shape4, single, type Initializer, type Shape } from './graph.ts';
import { convOut } from './layers.ts';

interface LayerArgs {
  readonly name: string;
}

function variable(v: tf.Variable | undefined, what: string): tf.Tensor {
  if (!v) throw new Error(`${what} used before it was connected to a graph`);
  return v;
}

/** Arguments of `PartialConv2D`. */
export interface PartialConv2DArgs extends LayerArgs {
  readonly kernelSize: number;
  /** For each output map, the input channels it reads (LeCun 1998 Table I for C3). */
  readonly inputMaps: readonly (readonly number[])[];
  readonly useBias?: boolean;
  readonly seed?: number;
}

/**
 * A convolution in which output map j reads only the input maps `inputMaps[j]` (LeNet-5's C3).
 * It holds one kernel [k, k, |inputMaps[j]|, 1] per output map, so it has exactly
 * Σ_j k²·|inputMaps[j]| weights plus one bias per map. Stride 1, no padding.
 * Input [b, h, w, c] → output [b, h−k+1, w−k+1, inputMaps.length].
 */
export class PartialConv2D extends Layer {
  readonly className = 'PartialConv2D';
  readonly kernelSize: number;
  readonly inputMaps: readonly (readonly number[])[];
  readonly useBias: boolean;
  readonly seed: number | undefined;
  private kernels: tf.Variable[] = [];
  private bias: tf.Variable | undefined;

  constructor(args: PartialConv2DArgs) {
    super(args);
    this.kernelSize = args.kernelSize;
    this.inputMaps = args.inputMaps.map((m) => [...m]);
    this.useBias = args.useBias ?? true;
    this.seed = args.seed;
  }

  override settings(): Readonly<Record<string, unknown>> {
    return { kernelSize: this.kernelSize, inputMaps: this.inputMaps.map((m) => [...m]), useBias: this.useBias };
  }

  protected build(inputs: readonly Shape[]): Shape {
    const s = shape4(this.name, inputs);
    const channels = known(this.name, s, 3);
    const k = this.kernelSize;
    this.kernels = this.inputMaps.map((maps, j) => {
      if (maps.some((m) => m < 0 || m >= channels)) {
        throw new Error(`${this.name}: output map ${j} reads [${maps.join(', ')}] but the input has ${channels} maps`);
      }
      const init = initializers.glorotUniform(this.seed === undefined ? {} : { seed: this.seed + j });
      return this.addWeight(`kernel_${j}`, [k, k, maps.length, 1], init);
    });
    if (this.useBias) this.bias = this.addWeight('bias', [this.inputMaps.length], initializers.zeros());
    return resized(s, (d) => convOut(d, k, 1, 'valid'), this.inputMaps.length);
  }

  protected call(inputs: readonly tf.Tensor[]): tf.Tensor {
    const x = single(this.name, inputs) as tf.Tensor4D;
    const maps = this.inputMaps.map((sel, j) => {
      const picked = tf.gather<tf.Tensor4D>(x, [...sel], 3);
      return tf.conv2d(picked, variable(this.kernels[j], this.name) as tf.Tensor4D, 1, 'valid');
    });
    const y = tf.concat(maps, 3);
    return this.useBias ? tf.add(y, variable(this.bias, this.name)) : y;
  }
}

/** Arguments of `GroupedConv2D`. */
export interface GroupedConv2DArgs extends LayerArgs {
  readonly filters: number;
  readonly kernelSize: number;
  readonly strides?: number;
  readonly padding?: 'valid' | 'same';
  readonly groups: number;
  readonly useBias?: boolean;
  readonly kernelInitializer?: Initializer;
}

/**
 * A grouped convolution (AlexNet's two GPU towers): input channels and filters split into `groups`
 * equal parts, each part convolved only with its own. Kernel [k, k, c/groups, filters].
 * Input [b, h, w, c] → output [b, h', w', filters].
 */
export class GroupedConv2D extends Layer {
  readonly className = 'GroupedConv2D';
  readonly filters: number;
  readonly kernelSize: number;
  readonly strides: number;
  readonly padding: 'valid' | 'same';
  readonly groups: number;
  readonly useBias: boolean;
  private readonly kernelInitializer: Initializer;
  private kernel: tf.Variable | undefined;
  private bias: tf.Variable | undefined;

  constructor(args: GroupedConv2DArgs) {
    super(args);
    this.filters = args.filters;
    this.kernelSize = args.kernelSize;
    this.strides = args.strides ?? 1;
    this.padding = args.padding ?? 'valid';
    this.groups = args.groups;
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = args.kernelInitializer ?? initializers.glorotUniform();
  }

  override settings(): Readonly<Record<string, unknown>> {
    const { filters, kernelSize: k, strides: st, padding, groups, useBias } = this;
    return { filters, kernelSize: [k, k], strides: [st, st], padding, groups, useBias };
  }

  protected build(inputs: readonly Shape[]): Shape {
    const s = shape4(this.name, inputs);
    const channels = known(this.name, s, 3);
    if (channels % this.groups !== 0 || this.filters % this.groups !== 0) {
      throw new Error(
        `${this.name}: ${channels} input and ${this.filters} output channels do not split into ${this.groups} groups`,
      );
    }
    const k = this.kernelSize;
    this.kernel = this.addWeight('kernel', [k, k, channels / this.groups, this.filters], this.kernelInitializer);
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], initializers.zeros());
    return resized(s, (d) => convOut(d, k, this.strides, this.padding), this.filters);
  }

  protected call(inputs: readonly tf.Tensor[]): tf.Tensor {
    const x = single(this.name, inputs) as tf.Tensor4D;
    const xs = tf.split<tf.Tensor4D>(x, this.groups, 3);
    const ks = tf.split<tf.Tensor4D>(variable(this.kernel, this.name), this.groups, 3);
    const parts = xs.map((xi, g) => tf.conv2d(xi, ks[g] as tf.Tensor4D, this.strides, this.padding));
    const y = tf.concat(parts, 3);
    return this.useBias ? tf.add(y, variable(this.bias, this.name)) : y;
  }
}

/** Arguments of `TrainableSubsampling`. */
export interface TrainableSubsamplingArgs extends LayerArgs {
  /** Window and stride. */
  readonly size: number;
}

/**
 * LeNet-5's S2/S4: each output is (sum of a size×size window) × a trainable per-map coefficient
 * + a trainable per-map bias. 2·channels parameters. The sigmoid is a separate layer.
 * Input [b, h, w, c] → output [b, ⌊h/size⌋, ⌊w/size⌋, c].
 */
export class TrainableSubsampling extends Layer {
  readonly className = 'TrainableSubsampling';
  readonly size: number;
  private coefficient: tf.Variable | undefined;
  private bias: tf.Variable | undefined;

  constructor(args: TrainableSubsamplingArgs) {
    super(args);
    this.size = args.size;
  }

  override settings(): Readonly<Record<string, unknown>> {
    return { size: this.size };
  }

  protected build(inputs: readonly Shape[]): Shape {
    const s = shape4(this.name, inputs);
    const c = known(this.name, s, 3);
    // Initialised to an average (1/size²), so an untrained layer behaves like average pooling.
    this.coefficient = this.addWeight(
      'coefficient',
      [c],
      initializers.constant({ value: 1 / (this.size * this.size) }),
    );
    this.bias = this.addWeight('bias', [c], initializers.zeros());
    return resized(s, (d) => convOut(d, this.size, this.size, 'valid'), c);
  }

  protected call(inputs: readonly tf.Tensor[]): tf.Tensor {
    const x = single(this.name, inputs) as tf.Tensor4D;
    const sums = tf.mul(tf.avgPool(x, this.size, this.size, 'valid'), this.size * this.size);
    return tf.add(tf.mul(sums, variable(this.coefficient, this.name)), variable(this.bias, this.name));
  }
}

/** Arguments of `LocalResponseNorm`. */
export interface LocalResponseNormArgs extends LayerArgs {
  readonly radius: number;
  readonly bias: number;
  readonly alpha: number;
  readonly beta: number;
}

/**
 * Cross-channel local response normalisation, b = a / (bias + alpha·Σ a²)^beta over 2·radius+1
 * neighbouring channels (Krizhevsky et al. 2012 §3.3). No parameters; shape unchanged.
 */
export class LocalResponseNorm extends Layer {
  readonly className = 'LocalResponseNorm';
  readonly radius: number;
  readonly lrnBias: number;
  readonly alpha: number;
  readonly beta: number;

  constructor(args: LocalResponseNormArgs) {
    super(args);
    this.radius = args.radius;
    this.lrnBias = args.bias;
    this.alpha = args.alpha;
    this.beta = args.beta;
  }

  override settings(): Readonly<Record<string, unknown>> {
    return { radius: this.radius, bias: this.lrnBias, alpha: this.alpha, beta: this.beta };
  }

  protected build(inputs: readonly Shape[]): Shape {
    return shape4(this.name, inputs);
  }

  protected call(inputs: readonly tf.Tensor[]): tf.Tensor {
    const x = single(this.name, inputs) as tf.Tensor4D;
    return tf.localResponseNormalization(x, this.radius, this.lrnBias, this.alpha, this.beta);
  }
}

/** Arguments of `ZeroPadShortcut`. */
export interface ZeroPadShortcutArgs extends LayerArgs {
  readonly stride: number;
  /** Channels after padding (≥ input channels). */
  readonly outChannels: number;
}

/**
 * He et al. 2015 option A: a parameter-free shortcut that keeps every `stride`-th pixel and pads
 * the extra channels with zeros (split evenly before and after, as in common CIFAR code).
 * Input [b, h, w, c] → output [b, ⌈h/stride⌉, ⌈w/stride⌉, outChannels].
 */
export class ZeroPadShortcut extends Layer {
  readonly className = 'ZeroPadShortcut';
  readonly stride: number;
  readonly outChannels: number;

  constructor(args: ZeroPadShortcutArgs) {
    super(args);
    this.stride = args.stride;
    this.outChannels = args.outChannels;
  }

  override settings(): Readonly<Record<string, unknown>> {
    return { stride: this.stride, outChannels: this.outChannels };
  }

  protected build(inputs: readonly Shape[]): Shape {
    const s = shape4(this.name, inputs);
    const channels = known(this.name, s, 3);
    if (channels > this.outChannels) {
      throw new Error(`${this.name}: cannot pad ${channels} channels down to ${this.outChannels}`);
    }
    return resized(s, (d) => Math.ceil(d / this.stride), this.outChannels);
  }

  protected call(inputs: readonly tf.Tensor[]): tf.Tensor {
    const x = single(this.name, inputs) as tf.Tensor4D;
    // A 1×1 average pool with stride s is exactly "every s-th pixel", and has a gradient
    // (tfjs-core has none for stridedSlice).
    const sub = this.stride === 1 ? x : tf.avgPool(x, 1, this.stride, 'valid');
    const extra = this.outChannels - (x.shape[3] ?? 0);
    if (extra === 0) return sub;
    const before = Math.floor(extra / 2);
    return tf.pad(sub, [
      [0, 0],
      [0, 0],
      [0, 0],
      [before, extra - before],
    ]);
  }
}

/** Arguments of `EuclideanRbf`. */
export interface EuclideanRbfArgs extends LayerArgs {
  readonly units: number;
  readonly seed?: number;
}

/**
 * LeNet-5's output layer: y_i = Σ_j (x_j − w_ij)². The prototypes w are fixed (non-trainable);
 * here they are seeded random ±1 codes, since the paper's hand-drawn bitmaps are not reproduced.
 * Input [b, n] → output [b, units]; smaller is a better match.
 */
export class EuclideanRbf extends Layer {
  readonly className = 'EuclideanRbf';
  readonly units: number;
  readonly seed: number | undefined;
  private prototypes: tf.Variable | undefined;

  constructor(args: EuclideanRbfArgs) {
    super(args);
    this.units = args.units;
    this.seed = args.seed;
  }

  override settings(): Readonly<Record<string, unknown>> {
    return { units: this.units };
  }

  protected build(inputs: readonly Shape[]): Shape {
    const s = single(this.name, inputs);
    const n = known(this.name, s, 1);
    const seed = this.seed ?? 0;
    this.prototypes = this.addWeight(
      'prototypes',
      [n, this.units],
      (shape) => tf.sign(tf.sub(tf.randomUniform([...shape], 0, 1, 'float32', seed), 0.5)),
      false,
    );
    return [s[0] ?? null, this.units];
  }

  protected call(inputs: readonly tf.Tensor[]): tf.Tensor {
    const x = single(this.name, inputs) as tf.Tensor2D;
    const w = variable(this.prototypes, this.name);
    // [b, n, 1] − [1, n, units] → squared distances summed over n.
    return tf.sum(tf.square(tf.sub(tf.expandDims(x, 2), tf.expandDims(w, 0))), 1);
  }
}
