/**
 * Turns a `ModelSpec` into a trainable TF.js model (functional API), with stable layer names so
 * that demos can read activations and gradients by name:
 *
 * - a spec layer keeps its id as the name of its main TF.js layer (`stage2_block1_conv1`); a conv's
 *   (or fully connected layer's) BatchNorm is `${id}_bn`, its activation `${id}_${activation}`,
 *   explicit padding `${id}_pad`;
 * - a block's shortcut is `${blockId}_shortcut` (+ `_shortcut_bn` for a projection), its addition
 *   `${blockId}_add` and its output activation `${blockId}_out` (plain blocks have `_out` too).
 *
 * Imports only tfjs-core and tfjs-layers; the caller chooses and registers the backend.
 */
import type * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { bodyStride, isBlock } from './spec.ts';
import type {
  Activation,
  BlockSpec,
  BodyLayerSpec,
  ConvLayerSpec,
  DenseLayerSpec,
  LayerSpec,
  ModelSpec,
} from './spec.ts';
import { computeStats } from './stats.ts';
import {
  EuclideanRbf,
  GroupedConv2D,
  LocalResponseNorm,
  PartialConv2D,
  TrainableSubsampling,
  ZeroPadShortcut,
} from './tfjs-custom-layers.ts';

type Initializer = ReturnType<typeof tfl.initializers.heNormal>;

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
  /** TF.js layer names that implement it, in order. */
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

interface Ctx {
  readonly spec: ModelSpec;
  readonly options: BuildOptions;
  seed: number;
}

function nextSeed(ctx: Ctx): number {
  ctx.seed += 1;
  return ctx.seed;
}

function kernelInit(ctx: Ctx, activation: Activation | undefined): Initializer {
  const seed = nextSeed(ctx);
  return activation === 'relu' || activation === undefined
    ? tfl.initializers.heNormal({ seed })
    : tfl.initializers.glorotUniform({ seed });
}

function sym(x: tfl.SymbolicTensor | tfl.SymbolicTensor[] | tf.Tensor | tf.Tensor[]): tfl.SymbolicTensor {
  if (Array.isArray(x) || !(x instanceof tfl.SymbolicTensor)) throw new Error('expected one symbolic tensor');
  return x;
}

function apply(layer: tfl.layers.Layer, x: tfl.SymbolicTensor | tfl.SymbolicTensor[]): tfl.SymbolicTensor {
  return sym(layer.apply(x));
}

function activate(
  x: tfl.SymbolicTensor,
  id: string,
  activation: Activation | undefined,
  ctx: Ctx,
  last: boolean,
): tfl.SymbolicTensor {
  if (!activation || activation === 'linear') return x;
  if (activation === 'softmax' && last && ctx.options.logits) return x;
  return apply(tfl.layers.activation({ activation, name: `${id}_${activation}` }), x);
}

function padIfNeeded(
  x: tfl.SymbolicTensor,
  id: string,
  kernel: number,
  stride: number,
  pad: number,
): { x: tfl.SymbolicTensor; padding: 'same' | 'valid' } {
  if (pad === 0) return { x, padding: 'valid' };
  // 'same' equals symmetric padding only at stride 1 with an odd kernel and pad (k−1)/2.
  if (stride === 1 && 2 * pad === kernel - 1) return { x, padding: 'same' };
  return { x: apply(tfl.layers.zeroPadding2d({ padding: pad, name: `${id}_pad` }), x), padding: 'valid' };
}

function buildConv(
  ctx: Ctx,
  layer: ConvLayerSpec,
  x0: tfl.SymbolicTensor,
  opts: { zeroGamma?: boolean; last: boolean },
): tfl.SymbolicTensor {
  const { x, padding } = padIfNeeded(x0, layer.id, layer.kernel, layer.stride, layer.pad);
  let y: tfl.SymbolicTensor;
  if (layer.inputMaps) {
    if (layer.stride !== 1 || padding !== 'valid') {
      throw new Error(
        `Model spec "${ctx.spec.id}", layer "${layer.id}": partial connections need stride 1 and no padding`,
      );
    }
    y = apply(
      new PartialConv2D({
        name: layer.id,
        kernelSize: layer.kernel,
        inputMaps: layer.inputMaps,
        useBias: layer.bias,
        seed: nextSeed(ctx),
      }),
      x,
    );
  } else if ((layer.groups ?? 1) > 1) {
    y = apply(
      new GroupedConv2D({
        name: layer.id,
        filters: layer.filters,
        kernelSize: layer.kernel,
        strides: layer.stride,
        padding,
        groups: layer.groups ?? 1,
        useBias: layer.bias,
        kernelInitializer: kernelInit(ctx, layer.activation),
      }),
      x,
    );
  } else {
    y = apply(
      tfl.layers.conv2d({
        name: layer.id,
        filters: layer.filters,
        kernelSize: layer.kernel,
        strides: layer.stride,
        padding,
        useBias: layer.bias,
        kernelInitializer: kernelInit(ctx, layer.activation),
      }),
      x,
    );
  }
  return normalizeAndActivate(ctx, layer, y, opts);
}

/** A weight layer's BatchNorm (`${id}_bn`, if `bn`) and activation (`${id}_${activation}`). */
function normalizeAndActivate(
  ctx: Ctx,
  layer: BodyLayerSpec,
  y0: tfl.SymbolicTensor,
  opts: { zeroGamma?: boolean; last: boolean },
): tfl.SymbolicTensor {
  let y = y0;
  if (layer.bn) {
    y = apply(
      tfl.layers.batchNormalization({
        name: `${layer.id}_bn`,
        axis: -1,
        momentum: 0.9,
        epsilon: 1e-5,
        gammaInitializer: opts.zeroGamma ? tfl.initializers.zeros() : tfl.initializers.ones(),
      }),
      y,
    );
  }
  return activate(y, layer.id, layer.activation, ctx, opts.last);
}

/** A fully connected layer on [batch, features], with its BatchNorm and activation. */
function buildDense(
  ctx: Ctx,
  layer: DenseLayerSpec,
  x: tfl.SymbolicTensor,
  opts: { zeroGamma?: boolean; last: boolean },
): tfl.SymbolicTensor {
  const y = apply(
    tfl.layers.dense({
      name: layer.id,
      units: layer.units,
      useBias: layer.bias,
      kernelInitializer: kernelInit(ctx, layer.activation),
    }),
    x,
  );
  return normalizeAndActivate(ctx, layer, y, opts);
}

function buildLayer(ctx: Ctx, layer: LayerSpec, x0: tfl.SymbolicTensor, last: boolean): tfl.SymbolicTensor {
  let x = x0;
  switch (layer.kind) {
    case 'conv':
      x = buildConv(ctx, layer, x, { last });
      break;
    case 'subsample':
      x = apply(new TrainableSubsampling({ name: layer.id, size: layer.size }), x);
      x = activate(x, layer.id, layer.activation, ctx, last);
      break;
    case 'pool': {
      const p = padIfNeeded(x, layer.id, layer.size, layer.stride, layer.pad);
      // Zero padding before a max pool equals −∞ padding here: every pooled input follows a ReLU.
      const args = { name: layer.id, poolSize: layer.size, strides: layer.stride, padding: p.padding };
      x = apply(layer.op === 'max' ? tfl.layers.maxPooling2d(args) : tfl.layers.averagePooling2d(args), p.x);
      break;
    }
    case 'lrn':
      x = apply(
        new LocalResponseNorm({
          name: layer.id,
          radius: layer.radius,
          bias: layer.bias,
          alpha: layer.alpha,
          beta: layer.beta,
        }),
        x,
      );
      break;
    case 'gap':
      x = apply(tfl.layers.globalAveragePooling2d({ name: layer.id }), x);
      break;
    case 'flatten':
      x = apply(tfl.layers.flatten({ name: layer.id }), x);
      break;
    case 'dense':
      x = buildDense(ctx, layer, x, { last });
      break;
    case 'dropout':
      x = apply(tfl.layers.dropout({ name: layer.id, rate: layer.rate, seed: nextSeed(ctx) }), x);
      break;
    case 'rbf':
      x = apply(new EuclideanRbf({ name: layer.id, units: layer.units, seed: nextSeed(ctx) }), x);
      break;
  }
  return x;
}

function buildBlock(ctx: Ctx, block: BlockSpec, x0: tfl.SymbolicTensor): tfl.SymbolicTensor {
  let y = x0;
  const bodyLast = block.body.length - 1;
  block.body.forEach((layer, i) => {
    const zeroGamma = i === bodyLast && ctx.options.zeroInitResidual === true && block.shortcut !== 'none';
    y =
      layer.kind === 'conv'
        ? buildConv(ctx, layer, y, { zeroGamma, last: false })
        : buildDense(ctx, layer, y, { zeroGamma, last: false });
  });
  const last = block.body[bodyLast];
  if (!last) throw new Error(`Model spec "${ctx.spec.id}", layer "${block.id}": a block needs at least one body layer`);
  const stride = block.body.reduce((s, l) => s * bodyStride(l), 1);
  const filters = last.kind === 'conv' ? last.filters : last.units;
  let sum = y;
  if (block.shortcut !== 'none') {
    let sc = x0;
    if (block.shortcut === 'projection') {
      sc = apply(
        tfl.layers.conv2d({
          name: `${block.id}_shortcut`,
          filters,
          kernelSize: 1,
          strides: stride,
          padding: 'valid',
          useBias: false,
          kernelInitializer: kernelInit(ctx, undefined),
        }),
        sc,
      );
      sc = apply(
        tfl.layers.batchNormalization({ name: `${block.id}_shortcut_bn`, axis: -1, momentum: 0.9, epsilon: 1e-5 }),
        sc,
      );
    } else if (block.shortcut === 'zero-pad') {
      sc = apply(new ZeroPadShortcut({ name: `${block.id}_shortcut`, stride, outChannels: filters }), sc);
    }
    sum = apply(tfl.layers.add({ name: `${block.id}_add` }), [y, sc]);
  }
  const out = apply(tfl.layers.activation({ activation: block.activation, name: `${block.id}_out` }), sum);
  return out;
}

/**
 * Builds a TF.js model from a spec. Input [batch, height, width, channels] (fully connected nets
 * start with a flatten layer); output [batch, classes]
 * (softmax probabilities, or logits with `logits: true`; squared RBF distances for LeNet-5's paper
 * output). The spec is checked with `computeStats` first, so an impossible spec throws a
 * `SpecError` naming the spec and the layer.
 */
export function buildModel(spec: ModelSpec, options: BuildOptions = {}): tfl.LayersModel {
  computeStats(spec);
  const ctx: Ctx = { spec, options, seed: options.seed ?? 1 };
  const { height, width, channels } = spec.input;
  const input = tfl.input({ shape: [height, width, channels], name: 'input' });
  let x = input;
  const items = spec.stages.flatMap((s) => s.items);
  items.forEach((item, i) => {
    x = isBlock(item) ? buildBlock(ctx, item, x) : buildLayer(ctx, item, x, i === items.length - 1);
  });
  return tfl.model({ inputs: input, outputs: x, name: options.name ?? spec.id.replace(/[^A-Za-z0-9_]/g, '_') });
}

/**
 * The TF.js layer names of every spec layer and block, in order (without building anything).
 * `output` is the layer whose output equals the spec item's output, e.g. for a conv with BN and
 * ReLU it is `${id}_relu`.
 */
export function layerNames(spec: ModelSpec, options: BuildOptions = {}): readonly BuiltLayerNames[] {
  const names: BuiltLayerNames[] = [];
  const out = (id: string, layers: string[]): void => {
    names.push({ id, layers, output: layers[layers.length - 1] ?? id });
  };
  const weightNames = (l: BodyLayerSpec, last: boolean): string[] => {
    const n: string[] = [];
    if (l.kind === 'conv' && l.pad > 0 && !(l.stride === 1 && 2 * l.pad === l.kernel - 1)) n.push(`${l.id}_pad`);
    n.push(l.id);
    if (l.bn) n.push(`${l.id}_bn`);
    if (l.activation && l.activation !== 'linear' && !(l.activation === 'softmax' && last && options.logits))
      n.push(`${l.id}_${l.activation}`);
    return n;
  };
  const items = spec.stages.flatMap((s) => s.items);
  items.forEach((item, i) => {
    const last = i === items.length - 1;
    if (isBlock(item)) {
      for (const l of item.body) out(l.id, weightNames(l, false));
      const n: string[] = [];
      if (item.shortcut === 'projection') n.push(`${item.id}_shortcut`, `${item.id}_shortcut_bn`);
      if (item.shortcut === 'zero-pad') n.push(`${item.id}_shortcut`);
      if (item.shortcut !== 'none') n.push(`${item.id}_add`);
      n.push(`${item.id}_out`);
      out(item.id, n);
      return;
    }
    if (item.kind === 'conv' || item.kind === 'dense') return out(item.id, weightNames(item, last));
    const n: string[] = [];
    if (item.kind === 'pool' && item.pad > 0 && !(item.stride === 1 && 2 * item.pad === item.size - 1))
      n.push(`${item.id}_pad`);
    n.push(item.id);
    if (
      item.kind === 'subsample' &&
      item.activation &&
      item.activation !== 'linear' &&
      !(item.activation === 'softmax' && last && options.logits)
    ) {
      n.push(`${item.id}_${item.activation}`);
    }
    out(item.id, n);
  });
  return names;
}

/** The residual (or plain) blocks of a spec with the TF.js layer names of their parts. */
export function listBlocks(spec: ModelSpec, options: BuildOptions = {}): readonly BlockInfo[] {
  const names = layerNames(spec, options);
  const blocks: BlockInfo[] = [];
  let previous = 'input';
  for (const stage of spec.stages) {
    for (const item of stage.items) {
      const entry = names.find((n) => n.id === item.id);
      if (isBlock(item)) {
        blocks.push({
          id: item.id,
          label: item.label ?? item.id,
          stageId: stage.id,
          shortcut: item.shortcut,
          input: previous,
          add: item.shortcut === 'none' ? null : `${item.id}_add`,
          output: `${item.id}_out`,
          convs: item.body.map((l) => l.id),
        });
      }
      if (entry) previous = entry.output;
    }
  }
  return blocks;
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

/**
 * The main-path convolutions and fully connected layers that have BatchNorm, in network order
 * (projection shortcuts excluded): the layers whose responses He et al. 2015 Fig. 7 plots.
 */
export function normalizedLayers(spec: ModelSpec): readonly NormalizedLayer[] {
  const layers: NormalizedLayer[] = [];
  const visit = (l: LayerSpec): void => {
    if ((l.kind === 'conv' || l.kind === 'dense') && l.bn) layers.push({ id: l.id, kernel: l.id, bn: `${l.id}_bn` });
  };
  for (const item of spec.stages.flatMap((s) => s.items)) {
    if (isBlock(item)) item.body.forEach(visit);
    else visit(item);
  }
  return layers;
}

/**
 * The output tensors of every block of a built model, in order, e.g. to make an activation model:
 * `tfl.model({ inputs: model.inputs, outputs: blockOutputs(model, spec) })`.
 * Each is [batch, h, w, c], or [batch, units] for fully connected blocks.
 */
export function blockOutputs(model: tfl.LayersModel, spec: ModelSpec): tfl.SymbolicTensor[] {
  return listBlocks(spec).map((b) => sym(model.getLayer(b.output).output));
}

/**
 * A model sharing `model`'s weights whose outputs are the named layers' outputs followed by the
 * model's own, e.g. responses after BatchNorm for probes (the depth lab, He et al. 2015 Fig. 7).
 */
export function tapModel(model: tfl.LayersModel, layers: readonly string[]): tfl.LayersModel {
  return tfl.model({
    inputs: model.inputs,
    outputs: [...layers.map((name) => sym(model.getLayer(name).output)), ...model.outputs],
  });
}
