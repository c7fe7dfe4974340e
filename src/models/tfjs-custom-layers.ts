/**
 * TF.js layers the zoo needs for fidelity that tfjs-layers lacks. Each is a real layer: built from
 * differentiable tfjs-core ops (so it trains), serialisable (registered by class name), and sized
 * so that `countParams()` equals the spec's own statistics.
 *
 * All tensors are channels-last: [batch, height, width, channels].
 *
 * Over 400 lines on purpose: six small layers, each a class with its build, call, output shape and
 * config, that share the helpers at the top and are registered together; one file keeps the
 * serialisation registry in one place.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from './tfl.ts';

type LayerArgs = NonNullable<ConstructorParameters<typeof tfl.Layer>[0]>;
type Initializer = ReturnType<typeof tfl.initializers.heNormal>;
type LayerVariable = tfl.LayerVariable;
type Kwargs = Record<string, unknown>;

function one(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor4D {
  const x = Array.isArray(inputs) ? inputs[0] : inputs;
  if (!x) throw new Error('layer called without an input');
  return x as tf.Tensor4D;
}

function shape4(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
  const s = Array.isArray(inputShape[0]) ? inputShape[0] : (inputShape as tfl.Shape);
  if (s.length !== 4) throw new Error(`expected a [batch, height, width, channels] input, got [${s.join(', ')}]`);
  return s;
}

function dim(s: tfl.Shape, axis: number): number {
  const d = s[axis];
  if (d == null) throw new Error(`input axis ${axis} must be known, got [${s.join(', ')}]`);
  return d;
}

function variable(v: LayerVariable | undefined, what: string): tf.Tensor {
  if (!v) throw new Error(`${what} used before build()`);
  return v.read();
}

function convOut(size: number | null, kernel: number, stride: number, padding: 'valid' | 'same'): number | null {
  if (size == null) return null;
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - kernel) / stride) + 1;
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
export class PartialConv2D extends tfl.Layer {
  static readonly className = 'PartialConv2D';
  readonly kernelSize: number;
  readonly inputMaps: readonly (readonly number[])[];
  readonly useBias: boolean;
  readonly seed: number | undefined;
  private kernels: LayerVariable[] = [];
  private bias: LayerVariable | undefined;

  constructor(args: PartialConv2DArgs) {
    super(args);
    this.kernelSize = args.kernelSize;
    this.inputMaps = args.inputMaps.map((m) => [...m]);
    this.useBias = args.useBias ?? true;
    this.seed = args.seed;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const channels = dim(shape4(inputShape), 3);
    const k = this.kernelSize;
    this.kernels = this.inputMaps.map((maps, j) => {
      if (maps.some((m) => m < 0 || m >= channels)) {
        throw new Error(`${this.name}: output map ${j} reads [${maps.join(', ')}] but the input has ${channels} maps`);
      }
      const init = tfl.initializers.glorotUniform(this.seed === undefined ? {} : { seed: this.seed + j });
      return this.addWeight(`kernel_${j}`, [k, k, maps.length, 1], 'float32', init);
    });
    if (this.useBias) this.bias = this.addWeight('bias', [this.inputMaps.length], 'float32', tfl.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const s = shape4(inputShape);
    const k = this.kernelSize;
    return [
      s[0] ?? null,
      convOut(s[1] ?? null, k, 1, 'valid'),
      convOut(s[2] ?? null, k, 1, 'valid'),
      this.inputMaps.length,
    ];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = one(inputs);
      const maps = this.inputMaps.map((sel, j) => {
        const picked = tf.gather<tf.Tensor4D>(x, [...sel], 3);
        return tf.conv2d(picked, variable(this.kernels[j], this.name) as tf.Tensor4D, 1, 'valid');
      });
      const y = tf.concat(maps, 3);
      return this.useBias ? tf.add(y, variable(this.bias, this.name)) : y;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      kernelSize: this.kernelSize,
      inputMaps: this.inputMaps.map((m) => [...m]),
      useBias: this.useBias,
      ...(this.seed === undefined ? {} : { seed: this.seed }),
    };
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
export class GroupedConv2D extends tfl.Layer {
  static readonly className = 'GroupedConv2D';
  readonly filters: number;
  readonly kernelSize: number;
  readonly strides: number;
  readonly padding: 'valid' | 'same';
  readonly groups: number;
  readonly useBias: boolean;
  private readonly kernelInitializer: Initializer;
  private kernel: LayerVariable | undefined;
  private bias: LayerVariable | undefined;

  constructor(args: GroupedConv2DArgs) {
    super(args);
    this.filters = args.filters;
    this.kernelSize = args.kernelSize;
    this.strides = args.strides ?? 1;
    this.padding = args.padding ?? 'valid';
    this.groups = args.groups;
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = args.kernelInitializer ?? tfl.initializers.glorotUniform({});
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const channels = dim(shape4(inputShape), 3);
    if (channels % this.groups !== 0 || this.filters % this.groups !== 0) {
      throw new Error(
        `${this.name}: ${channels} input and ${this.filters} output channels do not split into ${this.groups} groups`,
      );
    }
    const k = this.kernelSize;
    this.kernel = this.addWeight(
      'kernel',
      [k, k, channels / this.groups, this.filters],
      'float32',
      this.kernelInitializer,
    );
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], 'float32', tfl.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const s = shape4(inputShape);
    const k = this.kernelSize;
    return [
      s[0] ?? null,
      convOut(s[1] ?? null, k, this.strides, this.padding),
      convOut(s[2] ?? null, k, this.strides, this.padding),
      this.filters,
    ];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = one(inputs);
      const xs = tf.split<tf.Tensor4D>(x, this.groups, 3);
      const ks = tf.split<tf.Tensor4D>(variable(this.kernel, this.name), this.groups, 3);
      const parts = xs.map((xi, g) => tf.conv2d(xi, ks[g] as tf.Tensor4D, this.strides, this.padding));
      const y = tf.concat(parts, 3);
      return this.useBias ? tf.add(y, variable(this.bias, this.name)) : y;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      groups: this.groups,
      useBias: this.useBias,
    };
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
export class TrainableSubsampling extends tfl.Layer {
  static readonly className = 'TrainableSubsampling';
  readonly size: number;
  private coefficient: LayerVariable | undefined;
  private bias: LayerVariable | undefined;

  constructor(args: TrainableSubsamplingArgs) {
    super(args);
    this.size = args.size;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const c = dim(shape4(inputShape), 3);
    // Initialised to an average (1/size²), so an untrained layer behaves like average pooling.
    this.coefficient = this.addWeight(
      'coefficient',
      [c],
      'float32',
      tfl.initializers.constant({ value: 1 / (this.size * this.size) }),
    );
    this.bias = this.addWeight('bias', [c], 'float32', tfl.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const s = shape4(inputShape);
    return [
      s[0] ?? null,
      convOut(s[1] ?? null, this.size, this.size, 'valid'),
      convOut(s[2] ?? null, this.size, this.size, 'valid'),
      s[3] ?? null,
    ];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = one(inputs);
      const sums = tf.mul(tf.avgPool(x, this.size, this.size, 'valid'), this.size * this.size);
      return tf.add(tf.mul(sums, variable(this.coefficient, this.name)), variable(this.bias, this.name));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), size: this.size };
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
export class LocalResponseNorm extends tfl.Layer {
  static readonly className = 'LocalResponseNorm';
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

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return shape4(inputShape);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => tf.localResponseNormalization(one(inputs), this.radius, this.lrnBias, this.alpha, this.beta));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), radius: this.radius, bias: this.lrnBias, alpha: this.alpha, beta: this.beta };
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
export class ZeroPadShortcut extends tfl.Layer {
  static readonly className = 'ZeroPadShortcut';
  readonly stride: number;
  readonly outChannels: number;

  constructor(args: ZeroPadShortcutArgs) {
    super(args);
    this.stride = args.stride;
    this.outChannels = args.outChannels;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const s = shape4(inputShape);
    const sub = (d: number | null | undefined): number | null => (d == null ? null : Math.ceil(d / this.stride));
    return [s[0] ?? null, sub(s[1]), sub(s[2]), this.outChannels];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = one(inputs);
      // A 1×1 average pool with stride s is exactly "every s-th pixel", and has a gradient
      // (tfjs-core has none for stridedSlice).
      const sub = this.stride === 1 ? x : tf.avgPool(x, 1, this.stride, 'valid');
      const extra = this.outChannels - dim(x.shape, 3);
      if (extra < 0) throw new Error(`${this.name}: cannot pad ${x.shape[3]} channels down to ${this.outChannels}`);
      if (extra === 0) return sub;
      const before = Math.floor(extra / 2);
      return tf.pad(sub, [
        [0, 0],
        [0, 0],
        [0, 0],
        [before, extra - before],
      ]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), stride: this.stride, outChannels: this.outChannels };
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
export class EuclideanRbf extends tfl.Layer {
  static readonly className = 'EuclideanRbf';
  readonly units: number;
  readonly seed: number | undefined;
  private prototypes: LayerVariable | undefined;

  constructor(args: EuclideanRbfArgs) {
    super(args);
    this.units = args.units;
    this.seed = args.seed;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
    const n = dim(s, 1);
    this.prototypes = this.addWeight(
      'prototypes',
      [n, this.units],
      'float32',
      tfl.initializers.zeros(),
      undefined,
      false,
    );
    const codes = tf.tidy(() =>
      tf.sign(tf.sub(tf.randomUniform([n, this.units], 0, 1, 'float32', this.seed ?? 0), 0.5)),
    );
    this.prototypes.write(codes);
    codes.dispose();
    this.built = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
    return [s[0] ?? null, this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor2D;
      const w = variable(this.prototypes, this.name);
      // [b, n, 1] − [1, n, units] → squared distances summed over n.
      return tf.sum(tf.square(tf.sub(tf.expandDims(x, 2), tf.expandDims(w, 0))), 1);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, ...(this.seed === undefined ? {} : { seed: this.seed }) };
  }
}

for (const cls of [
  PartialConv2D,
  GroupedConv2D,
  TrainableSubsampling,
  LocalResponseNorm,
  ZeroPadShortcut,
  EuclideanRbf,
]) {
  tf.serialization.registerClass(cls);
}
