/**
 * Turns a `ModelSpec` into a trainable model on tfjs-core (./graph.ts), with stable layer names so
 * that demos can read activations and gradients by name:
 *
 * - a spec layer keeps its id as the name of its main TF.js layer (`stage2_block1_conv1`); a conv's
 *   (or fully connected layer's) BatchNorm is `${id}_bn`, its activation `${id}_${activation}`,
 *   explicit padding `${id}_pad`;
 * - a block's shortcut is `${blockId}_shortcut` (+ `_shortcut_bn` for a projection), its addition
 *   `${blockId}_add` and its output activation `${blockId}_out` (plain blocks have `_out` too).
 *
 * These rules are written once, where each layer is made: the builder records every TF.js layer it
 * makes under the spec item it belongs to and returns the record with the model (`BuiltModel`),
 * so callers look names up instead of re-deriving them.
 *
 * Imports only tfjs-core; the caller chooses and registers the backend.
 *
 * Just over 400 lines: one builder per spec layer kind plus the record of the names each made;
 * splitting the builders from the record would pass the recording context across modules.
 */
import { Graph, initializers, type Initializer, type Layer, type Model, type Ref } from './graph.ts';
import {
  Activation as ActivationLayer,
  Add,
  AveragePooling2D,
  BatchNormalization,
  Conv2D,
  Dense,
  Dropout,
  Flatten,
  GlobalAveragePooling2D,
  MaxPooling2D,
  ZeroPadding2D,
} from './layers.ts';
import type {
  Activation,
  BlockSpec,
  BodyLayerSpec,
  ConvLayerSpec,
  DenseLayerSpec,
  LayerSpec,
  ModelSpec,
} from './spec.ts';
import {
  isShapedBlock,
  SpecError,
  validateSpec,
  type ShapedBlock,
  type ShapedLayer,
  type ShapedStage,
} from './validate.ts';
import {
  EuclideanRbf,
  GroupedConv2D,
  LocalResponseNorm,
  PartialConv2D,
  TrainableSubsampling,
  ZeroPadShortcut,
} from './tfjs-custom-layers.ts';

/** Options of `buildModel`. */
export interface BuildOptions {
  /** Seed of every initialiser, so two builds start from the same weights. Default 1. */
  readonly seed?: number;
  /** Drop a final softmax so the model outputs logits (for a from-logits loss). Default false. */
  readonly logits?: boolean;
  /**
   * Start each residual branch's last BatchNorm with γ = 0, so every block begins as the identity
   * (torchvision's `zero_init_residual`, after Goyal et al. 2017). Default false.
   */
  readonly zeroInitResidual?: boolean;
  /** Model name. Default: the spec id. */
  readonly name?: string;
}

/** Where a spec layer or block lives in a built model. */
export interface BuiltLayerNames {
  /** Spec id of the layer or block. */
  readonly id: string;
  /**
   * TF.js layer names that implement it, in order. A block's own entry holds its shortcut, addition
   * and output activation; its body layers have entries of their own, just before it.
   */
  readonly layers: readonly string[];
  /** The TF.js layer whose output is this spec item's output. */
  readonly output: string;
}

/** A residual (or plain) block in a built model, for per-block activations and gradients. */
export interface BlockInfo {
  readonly id: string;
  readonly label: string;
  readonly stageId: string;
  readonly shortcut: BlockSpec['shortcut'];
  /** Name of the TF.js layer whose output enters the block. */
  readonly input: string;
  /** Name of the block's addition layer, or null for a plain block. */
  readonly add: string | null;
  /** Name of the block's output activation (`${id}_out`). */
  readonly output: string;
  /** Names of the body's weight layers, convolutions or fully connected (their kernels are the block's weights). */
  readonly convs: readonly string[];
}

/** A main-path weight layer followed by BatchNorm, and the TF.js layers that hold its parts. */
export interface NormalizedLayer {
  /** Spec id of the convolution or fully connected layer. */
  readonly id: string;
  /** The TF.js layer whose first weight is the kernel. */
  readonly kernel: string;
  /** The TF.js BatchNorm layer: its output is the layer's response after BN, before the activation. */
  readonly bn: string;
}

/** A built model and the record of the TF.js layers each part of its spec became. */
export interface BuiltModel {
  readonly model: Model;
  /** Every spec layer and block, in network order (a block's body layers come before the block). */
  readonly layers: readonly BuiltLayerNames[];
  /** The residual (or plain) blocks, in order. */
  readonly blocks: readonly BlockInfo[];
  /**
   * The main-path convolutions and fully connected layers that have BatchNorm, in network order
   * (projection shortcuts excluded): the layers whose responses He et al. 2015 Fig. 7 plots.
   */
  readonly normalized: readonly NormalizedLayer[];
}

interface Ctx {
  readonly spec: ModelSpec;
  readonly options: BuildOptions;
  readonly graph: Graph;
  seed: number;
  /** Names of the layers made for the spec item being built, in order. */
  made: string[];
}

/** A weight layer as built: its output and the TF.js layers holding its kernel and BatchNorm. */
interface Weighted {
  readonly y: Ref;
  readonly kernel: string;
  readonly bn: string | null;
}

function nextSeed(ctx: Ctx): number {
  ctx.seed += 1;
  return ctx.seed;
}

function kernelInit(ctx: Ctx, activation: Activation | undefined): Initializer {
  const seed = nextSeed(ctx);
  return activation === 'relu' || activation === undefined
    ? initializers.heNormal({ seed })
    : initializers.glorotUniform({ seed });
}

/** The name of the layer whose output `x` is. */
function source(x: Ref): string {
  if (!x.layer) throw new Error('expected the output of a layer, not the model input');
  return x.layer.name;
}

/** Connects a new layer and records its name under the spec item being built. */
function apply(ctx: Ctx, layer: Layer, x: Ref | readonly Ref[]): Ref {
  const y = ctx.graph.add(layer, x);
  ctx.made.push(layer.name);
  return y;
}

/** Builds one spec item and returns its output with the names of the layers it made. */
function recorded(ctx: Ctx, id: string, build: () => Ref): { y: Ref; names: BuiltLayerNames } {
  ctx.made = [];
  const y = build();
  return { y, names: { id, layers: ctx.made, output: source(y) } };
}

function activate(ctx: Ctx, x: Ref, id: string, activation: Activation | undefined, last: boolean): Ref {
  if (!activation || activation === 'linear') return x;
  if (activation === 'softmax' && last && ctx.options.logits) return x;
  return apply(ctx, new ActivationLayer({ activation, name: `${id}_${activation}` }), x);
}

function padIfNeeded(
  ctx: Ctx,
  x: Ref,
  id: string,
  kernel: number,
  stride: number,
  pad: number,
): { x: Ref; padding: 'same' | 'valid' } {
  if (pad === 0) return { x, padding: 'valid' };
  // 'same' equals symmetric padding only at stride 1 with an odd kernel and pad (k−1)/2.
  if (stride === 1 && 2 * pad === kernel - 1) return { x, padding: 'same' };
  return { x: apply(ctx, new ZeroPadding2D({ padding: pad, name: `${id}_pad` }), x), padding: 'valid' };
}

function convLayer(ctx: Ctx, layer: ConvLayerSpec, padding: 'same' | 'valid'): Layer {
  if (layer.inputMaps) {
    if (layer.stride !== 1 || padding !== 'valid') {
      // PartialConv2D implements LeNet-5's C3 only: a table over a valid, unit-stride window.
      throw new SpecError(ctx.spec.id, layer.id, 'partial connections need stride 1 and no padding');
    }
    return new PartialConv2D({
      name: layer.id,
      kernelSize: layer.kernel,
      inputMaps: layer.inputMaps,
      useBias: layer.bias,
      seed: nextSeed(ctx),
    });
  }
  const args = {
    name: layer.id,
    filters: layer.filters,
    kernelSize: layer.kernel,
    strides: layer.stride,
    padding,
    useBias: layer.bias,
    kernelInitializer: kernelInit(ctx, layer.activation),
  };
  return (layer.groups ?? 1) > 1 ? new GroupedConv2D({ ...args, groups: layer.groups ?? 1 }) : new Conv2D(args);
}

/** A weight layer (convolution or fully connected), its BatchNorm (`${id}_bn`) and activation. */
function buildWeighted(
  ctx: Ctx,
  layer: BodyLayerSpec,
  x0: Ref,
  opts: { zeroGamma?: boolean; last: boolean },
): Weighted {
  let y: Ref;
  if (layer.kind === 'conv') {
    const { x, padding } = padIfNeeded(ctx, x0, layer.id, layer.kernel, layer.stride, layer.pad);
    y = apply(ctx, convLayer(ctx, layer, padding), x);
  } else {
    y = apply(ctx, denseLayer(ctx, layer), x0);
  }
  const kernel = source(y);
  let bn: string | null = null;
  if (layer.bn) {
    y = apply(
      ctx,
      new BatchNormalization({
        name: `${layer.id}_bn`,
        momentum: 0.9,
        epsilon: 1e-5,
        gammaInitializer: opts.zeroGamma ? initializers.zeros() : initializers.ones(),
      }),
      y,
    );
    bn = source(y);
  }
  return { y: activate(ctx, y, layer.id, layer.activation, opts.last), kernel, bn };
}

function denseLayer(ctx: Ctx, layer: DenseLayerSpec): Layer {
  return new Dense({
    name: layer.id,
    units: layer.units,
    useBias: layer.bias,
    kernelInitializer: kernelInit(ctx, layer.activation),
  });
}

/** A layer that is not a weight layer (those go through `buildWeighted`). */
function buildOther(ctx: Ctx, layer: LayerSpec, x: Ref, last: boolean): Ref {
  switch (layer.kind) {
    case 'conv':
    case 'dense':
      return buildWeighted(ctx, layer, x, { last }).y;
    case 'subsample':
      return activate(
        ctx,
        apply(ctx, new TrainableSubsampling({ name: layer.id, size: layer.size }), x),
        layer.id,
        layer.activation,
        last,
      );
    case 'pool': {
      const p = padIfNeeded(ctx, x, layer.id, layer.size, layer.stride, layer.pad);
      // Zero padding before a max pool equals −∞ padding here: every pooled input follows a ReLU.
      const args = { name: layer.id, poolSize: layer.size, strides: layer.stride, padding: p.padding };
      return apply(ctx, layer.op === 'max' ? new MaxPooling2D(args) : new AveragePooling2D(args), p.x);
    }
    case 'lrn': {
      const { radius, bias, alpha, beta } = layer;
      return apply(ctx, new LocalResponseNorm({ name: layer.id, radius, bias, alpha, beta }), x);
    }
    case 'gap':
      return apply(ctx, new GlobalAveragePooling2D({ name: layer.id }), x);
    case 'flatten':
      return apply(ctx, new Flatten({ name: layer.id }), x);
    case 'dropout':
      return apply(ctx, new Dropout({ name: layer.id, rate: layer.rate, seed: nextSeed(ctx) }), x);
    case 'rbf':
      return apply(ctx, new EuclideanRbf({ name: layer.id, units: layer.units, seed: nextSeed(ctx) }), x);
  }
}

/** Everything recorded while building. */
interface Recording {
  readonly layers: BuiltLayerNames[];
  readonly blocks: BlockInfo[];
  readonly normalized: NormalizedLayer[];
}

function buildBlock(ctx: Ctx, stage: ShapedStage, shaped: ShapedBlock, x0: Ref, rec: Recording): Ref {
  const { block, shortcut } = shaped;
  const bodyLast = block.body.length - 1;
  const convs: string[] = [];
  let y = x0;
  block.body.forEach((layer, i) => {
    const zeroGamma = i === bodyLast && ctx.options.zeroInitResidual === true && block.shortcut !== 'none';
    const item = recorded(ctx, layer.id, () => {
      const w = buildWeighted(ctx, layer, y, { zeroGamma, last: false });
      convs.push(w.kernel);
      if (w.bn) rec.normalized.push({ id: layer.id, kernel: w.kernel, bn: w.bn });
      return w.y;
    });
    rec.layers.push(item.names);
    y = item.y;
  });
  let add: string | null = null;
  const out = recorded(ctx, block.id, () => {
    let sum = y;
    if (shortcut.kind !== 'none') {
      let sc = x0;
      if (shortcut.kind === 'projection') {
        sc = buildWeighted(ctx, shortcut.conv.layer, sc, { last: false }).y;
      } else if (shortcut.kind === 'zero-pad') {
        const outChannels = shortcut.outputShape[2];
        sc = apply(ctx, new ZeroPadShortcut({ name: shortcut.id, stride: shortcut.stride, outChannels }), sc);
      }
      sum = apply(ctx, new Add({ name: `${block.id}_add` }), [y, sc]);
      add = source(sum);
    }
    return apply(ctx, new ActivationLayer({ activation: block.activation, name: `${block.id}_out` }), sum);
  });
  rec.layers.push(out.names);
  rec.blocks.push({
    id: block.id,
    label: block.label ?? block.id,
    stageId: stage.stage.id,
    shortcut: block.shortcut,
    input: x0.layer ? x0.layer.name : 'input',
    add,
    output: out.names.output,
    convs,
  });
  return out.y;
}

function buildLayer(ctx: Ctx, shaped: ShapedLayer, x: Ref, last: boolean, rec: Recording): Ref {
  const { layer } = shaped;
  const item = recorded(ctx, layer.id, () => {
    if (layer.kind !== 'conv' && layer.kind !== 'dense') return buildOther(ctx, layer, x, last);
    const w = buildWeighted(ctx, layer, x, { last });
    if (w.bn) rec.normalized.push({ id: layer.id, kernel: w.kernel, bn: w.bn });
    return w.y;
  });
  rec.layers.push(item.names);
  return item.y;
}

/**
 * Builds a model from a spec, checked first with `validateSpec` (so an impossible spec throws
 * a `SpecError` naming the spec and the layer), and records where each spec layer and block went.
 * Input [batch, height, width, channels] (fully connected nets start with a flatten layer); output
 * [batch, classes] (softmax probabilities, or logits with `logits: true`; squared RBF distances for
 * LeNet-5's paper output).
 */
export function buildModel(spec: ModelSpec, options: BuildOptions = {}): BuiltModel {
  const checked = validateSpec(spec);
  const ctx: Ctx = { spec, options, graph: new Graph(checked.inputShape), seed: options.seed ?? 1, made: [] };
  const rec: Recording = { layers: [], blocks: [], normalized: [] };
  const items = checked.stages.flatMap((stage) => stage.items.map((item) => ({ stage, item })));
  let x = ctx.graph.input;
  items.forEach(({ stage, item }, i) => {
    x = isShapedBlock(item)
      ? buildBlock(ctx, stage, item, x, rec)
      : buildLayer(ctx, item, x, i === items.length - 1, rec);
  });
  const model = ctx.graph.model(x, options.name ?? spec.id.replace(/[^A-Za-z0-9_]/g, '_'));
  return { model, ...rec };
}
