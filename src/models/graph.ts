/**
 * A small layer graph on tfjs-core: layers that own their weights, a graph that connects them in
 * the order they are made, and the model that runs it. It is what the builder (./tfjs-builder.ts)
 * needs of TF.js Layers and no more, so that a demo's worker does not ship Layers (about 50 KB gzip
 * with the parts of tfjs-core it keeps alive).
 *
 * The layers compute what TF.js Layers' own do, with the same tfjs-core ops in the same order, and
 * the initialisers draw the same numbers for the same seed; tests/unit/models/layers-parity.test.ts
 * checks both against TF.js Layers itself.
 *
 * Shapes are channels-last, [batch, height, width, channels], with `null` for the batch.
 */
import * as tf from '@tensorflow/tfjs-core';

/** A tensor shape with `null` for a dimension not known until the layer runs (the batch). */
export type Shape = readonly (number | null)[];

/** Makes a weight's initial value; the caller owns the tensor. */
export type Initializer = (shape: readonly number[]) => tf.Tensor;

/** A weight of a layer, as TF.js Layers orders and names them (`kernel`, `bias`, `gamma`...). */
export interface Weight {
  readonly name: string;
  readonly variable: tf.Variable;
  readonly trainable: boolean;
}

/** Options of a forward pass. */
export interface CallOptions {
  /** BatchNorm on the batch's statistics (updating its moving averages) and dropout on. Default false. */
  readonly training?: boolean;
}

/** [fanIn, fanOut] of a kernel, as TF.js Layers computes them for channels-last kernels. */
function fans(shape: readonly number[]): [number, number] {
  if (shape.length === 2) return [shape[0] ?? 0, shape[1] ?? 0];
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [(shape.at(-2) ?? 0) * receptive, (shape.at(-1) ?? 0) * receptive];
}

/**
 * The initialisers the builder uses, drawing what TF.js Layers' namesakes draw (variance scaling
 * over a truncated normal or a uniform, from tfjs-core's seeded generators). Without a seed they
 * draw from `Math.random`, which the trainer seeds.
 */
export const initializers = {
  /** He et al. 2015: truncated normal, variance 2 / fan-in. */
  heNormal:
    ({ seed }: { seed?: number } = {}): Initializer =>
    (shape) =>
      tf.truncatedNormal([...shape], 0, Math.sqrt(2 / Math.max(1, fans(shape)[0])), 'float32', seed),
  /** Glorot and Bengio 2010: uniform, variance 2 / (fan-in + fan-out). */
  glorotUniform:
    ({ seed }: { seed?: number } = {}): Initializer =>
    (shape) => {
      const [fanIn, fanOut] = fans(shape);
      const limit = Math.sqrt(3 / Math.max(1, (fanIn + fanOut) / 2));
      return tf.randomUniform([...shape], -limit, limit, 'float32', seed);
    },
  zeros: (): Initializer => (shape) => tf.zeros([...shape]),
  ones: (): Initializer => (shape) => tf.ones([...shape]),
  constant:
    ({ value }: { value: number }): Initializer =>
    (shape) =>
      tf.tidy(() => tf.mul(tf.scalar(value), tf.ones([...shape]))),
};

/** Variables live in one registry per engine, by name; a count keeps two models' names apart. */
let variables = 0;

/**
 * A layer: its weights, its output shape once connected, and its forward computation. Subclasses
 * say what they make of their input shapes (`build`, which adds the weights) and compute
 * (`call`, synchronous, inside a tidy).
 */
export abstract class Layer {
  /** The TF.js Layers class this layer computes as (`Conv2D`), or the zoo's own name for one it lacks. */
  abstract readonly className: string;
  readonly name: string;
  private readonly owned: Weight[] = [];
  private shape: Shape | null = null;

  constructor(args: { readonly name: string }) {
    this.name = args.name;
  }

  /** The output shape, batch `null`. */
  get outputShape(): Shape {
    if (!this.shape) throw new Error(`Layer ${this.name} is not connected to a graph yet.`);
    return this.shape;
  }

  /** Makes the weights for inputs of these shapes and returns the output shape (once, by the graph). */
  connect(inputs: readonly Shape[]): Shape {
    if (this.shape) throw new Error(`Layer ${this.name} is already connected; make a new layer instead.`);
    this.shape = this.build(inputs);
    return this.shape;
  }

  /** Runs the layer on concrete tensors. Synchronous; the caller owns the result. */
  apply(inputs: tf.Tensor | readonly tf.Tensor[], options: CallOptions = {}): tf.Tensor {
    const list = Array.isArray(inputs) ? (inputs as readonly tf.Tensor[]) : [inputs as tf.Tensor];
    return tf.tidy(() => this.call(list, options.training ?? false));
  }

  /** The settings that decide what the layer computes, named and valued as in TF.js Layers' config. */
  settings(): Readonly<Record<string, unknown>> {
    return {};
  }

  /** Every weight, in TF.js Layers' order. */
  get weights(): readonly Weight[] {
    return this.owned;
  }

  get trainableWeights(): tf.Variable[] {
    return this.owned.filter((w) => w.trainable).map((w) => w.variable);
  }

  get nonTrainableWeights(): tf.Variable[] {
    return this.owned.filter((w) => !w.trainable).map((w) => w.variable);
  }

  /** Weights and buffers (BatchNorm's moving averages) together, as TF.js Layers counts them. */
  countParams(): number {
    return this.owned.reduce((sum, w) => sum + w.variable.size, 0);
  }

  dispose(): void {
    for (const w of this.owned) w.variable.dispose();
    this.owned.length = 0;
  }

  protected abstract build(inputs: readonly Shape[]): Shape;

  protected abstract call(inputs: readonly tf.Tensor[], training: boolean): tf.Tensor;

  /** Adds a weight made by `init`; the layer owns it. */
  protected addWeight(name: string, shape: readonly number[], init: Initializer, trainable = true): tf.Variable {
    variables += 1;
    const variable = tf.tidy(() => tf.variable(init(shape), trainable, `${this.name}/${name}_${variables}`));
    this.owned.push({ name, variable, trainable });
    return variable;
  }
}

/** The one input of a layer that takes one, with a message naming the layer otherwise. */
export function single<T extends tf.Tensor | Shape>(layer: string, inputs: readonly T[]): T {
  const [x] = inputs;
  if (inputs.length !== 1 || x === undefined) throw new Error(`Layer ${layer} takes one input, got ${inputs.length}.`);
  return x;
}

/** A [batch, height, width, channels] input shape, or an error naming the layer. */
export function shape4(layer: string, inputs: readonly Shape[]): Shape {
  const s = single(layer, inputs);
  if (s.length !== 4)
    throw new Error(`${layer}: expected a [batch, height, width, channels] input, got [${s.join(', ')}]`);
  return s;
}

/**
 * The [batch, height, width, channels] shape a layer makes of the input shape `s`: `side` maps a
 * known height or width, and `channels` is the output's depth (the input's by default).
 */
export function resized(s: Shape, side: (d: number) => number, channels: number | null = s[3] ?? null): Shape {
  const map = (d: number | null | undefined): number | null => (d == null ? null : side(d));
  return [s[0] ?? null, map(s[1]), map(s[2]), channels];
}

/** A dimension that must be known when the layer is built. */
export function known(layer: string, s: Shape, axis: number): number {
  const d = s[axis];
  if (d == null) throw new Error(`${layer}: input axis ${axis} must be known, got [${s.join(', ')}]`);
  return d;
}

/** A tensor in a graph being built: the output of a layer (or the graph's input) and its shape. */
export interface Ref {
  readonly node: number;
  readonly shape: Shape;
  /** The layer whose output it is; null for the graph's input. */
  readonly layer: Layer | null;
}

interface Node {
  readonly layer: Layer;
  readonly inputs: readonly number[];
}

/** The graph's input is node −1; layer nodes are numbered in the order they were added. */
const INPUT = -1;

/** A graph under construction: add layers in an order where every input already exists. */
export class Graph {
  readonly input: Ref;
  private readonly nodes: Node[] = [];
  private readonly names = new Set<string>();

  /** `inputShape` without the batch: [height, width, channels]. */
  constructor(inputShape: readonly number[]) {
    this.input = { node: INPUT, shape: [null, ...inputShape], layer: null };
  }

  /** Connects `layer` to `inputs` (building its weights) and returns its output. */
  add(layer: Layer, inputs: Ref | readonly Ref[]): Ref {
    const list = Array.isArray(inputs) ? (inputs as readonly Ref[]) : [inputs as Ref];
    if (this.names.has(layer.name)) throw new Error(`The graph already has a layer named ${layer.name}.`);
    for (const r of list) {
      if (r.node !== INPUT && this.nodes[r.node]?.layer !== r.layer)
        throw new Error(`${layer.name}: input from another graph.`);
    }
    const shape = layer.connect(list.map((r) => r.shape));
    this.names.add(layer.name);
    this.nodes.push({ layer, inputs: list.map((r) => r.node) });
    return { node: this.nodes.length - 1, shape, layer };
  }

  /** The model from the input to `output`. The graph should not be added to afterwards. */
  model(output: Ref, name: string): Model {
    return new Model(name, this.input.shape, [...this.nodes], output.node);
  }
}

/**
 * A built network: its layers in the order they were made (an order in which each runs after its
 * inputs), and the forward pass. It owns every layer's weights.
 */
export class Model {
  readonly name: string;
  /** [null, height, width, channels]. */
  readonly inputShape: Shape;
  readonly layers: readonly Layer[];
  private readonly nodes: readonly Node[];
  private readonly output: number;
  private readonly byName: ReadonlyMap<string, number>;

  constructor(name: string, inputShape: Shape, nodes: readonly Node[], output: number) {
    this.name = name;
    this.inputShape = inputShape;
    this.nodes = nodes;
    this.output = output;
    this.layers = nodes.map((n) => n.layer);
    this.byName = new Map(this.layers.map((l, i) => [l.name, i]));
  }

  get outputShape(): Shape {
    return this.output === INPUT ? this.inputShape : (this.layers[this.output] as Layer).outputShape;
  }

  getLayer(name: string): Layer {
    return this.layers[this.indexOf(name)] as Layer;
  }

  /** Trainable weights, layer by layer in network order. */
  get trainableWeights(): tf.Variable[] {
    return this.layers.flatMap((l) => l.trainableWeights);
  }

  /** BatchNorm's moving averages and the other weights that training does not move. */
  get nonTrainableWeights(): tf.Variable[] {
    return this.layers.flatMap((l) => l.nonTrainableWeights);
  }

  countParams(): number {
    return this.layers.reduce((sum, l) => sum + l.countParams(), 0);
  }

  /** The model's output for `x`. Synchronous; the caller owns the result. */
  apply(x: tf.Tensor, options: CallOptions = {}): tf.Tensor {
    return this.run(x, options.training ?? false, [this.output])[0] as tf.Tensor;
  }

  /** Inference on `x` (BatchNorm on its moving averages). */
  predict(x: tf.Tensor): tf.Tensor {
    return this.apply(x, { training: false });
  }

  /**
   * The outputs of the named layers, then the model's own, from one forward pass (for probes that
   * read inner responses next to the prediction). Synchronous; the caller owns the results.
   */
  tap(x: tf.Tensor, layers: readonly string[], options: CallOptions = {}): tf.Tensor[] {
    return this.run(x, options.training ?? false, [...layers.map((name) => this.indexOf(name)), this.output]);
  }

  /** Frees every layer's weights. */
  dispose(): void {
    for (const layer of this.layers) layer.dispose();
  }

  private indexOf(name: string): number {
    const i = this.byName.get(name);
    if (i === undefined) throw new Error(`Model ${this.name} has no layer named ${name}.`);
    return i;
  }

  /**
   * Runs the nodes up to the last one wanted. In inference a node's output is freed as soon as no
   * later node or caller needs it, so a deep net evaluated on many images holds a few activations
   * at a time; in training the gradient tape needs them all.
   */
  private run(x: tf.Tensor, training: boolean, wanted: readonly number[]): tf.Tensor[] {
    const last = Math.max(...wanted);
    const uses = new Map<number, number>();
    for (const node of this.nodes.slice(0, last + 1)) for (const i of node.inputs) uses.set(i, (uses.get(i) ?? 0) + 1);
    const keep = new Set(wanted);
    const values = new Map<number, tf.Tensor>([[INPUT, x]]);
    return tf.tidy(() => {
      this.nodes.slice(0, last + 1).forEach((node, index) => {
        const inputs = node.inputs.map((i) => values.get(i) as tf.Tensor);
        values.set(index, node.layer.apply(inputs, { training }));
        if (training) return;
        for (const i of node.inputs) {
          const left = (uses.get(i) ?? 0) - 1;
          uses.set(i, left);
          if (left > 0 || i === INPUT || keep.has(i)) continue;
          const done = values.get(i);
          values.delete(i);
          // A layer may pass its input through (dropout in inference): that tensor lives on.
          if (done && ![...values.values()].includes(done)) done.dispose();
        }
      });
      return wanted.map((i) => values.get(i) as tf.Tensor);
    });
  }
}
