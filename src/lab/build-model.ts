/**
 * Turns a zoo spec of the CIFAR family (conv + BN + ReLU layers, basic blocks with identity,
 * zero-pad or no shortcut, global average pool, dense head) into a TF.js layers model.
 *
 * Stop-gap until the model zoo's `buildModel` (src/models/tfjs-builder.ts) lands; it reads only
 * the zoo's plain-data spec, so the zoo can adopt it or the lab can switch with one import.
 * Layer names follow the spec ids: `<conv id>` for the convolution, `<conv id>_bn` for its
 * BatchNorm (the "response" of He et al. 2015 Fig. 7: after BN, before the nonlinearity),
 * `<conv id>_relu`, `<block id>_shortcut`, `<block id>_add`, `<block id>_out`.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import type { BlockSpec, ConvLayerSpec, LayerSpec, ModelSpec } from '../models/index.ts';
import * as tf from '../training/tf.ts';

/**
 * Option A shortcut where the shape changes (He et al. 2015 §3.3): strided identity plus zero
 * channels. Input [b, h, w, cIn], output [b, ceil(h/s), ceil(w/s), cOut].
 */
class ZeroPadShortcut extends tfl.layers.Layer {
  static readonly className = 'LabZeroPadShortcut';
  private readonly stride: number;
  private readonly outChannels: number;

  constructor(config: { name: string; stride: number; outChannels: number }) {
    super({ name: config.name, trainable: false });
    this.stride = config.stride;
    this.outChannels = config.outChannels;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
    const side = (n: number | null): number | null => (n === null ? null : Math.ceil(n / this.stride));
    return [shape[0] ?? null, side(shape[1] ?? null), side(shape[2] ?? null), this.outChannels];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const c = x.shape[3];
      const s = this.stride;
      // A 1x1 average pool with stride s keeps every s-th pixel; unlike stridedSlice it has a gradient.
      const sub = s === 1 ? x : tf.avgPool(x, 1, s, 'valid');
      const extra = this.outChannels - c;
      const left = Math.floor(extra / 2);
      return extra > 0
        ? tf.pad(sub, [
            [0, 0],
            [0, 0],
            [0, 0],
            [left, extra - left],
          ])
        : sub;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), stride: this.stride, outChannels: this.outChannels };
  }
}

type Node = tfl.SymbolicTensor;

/**
 * Moving-average momentum of BatchNorm's inference statistics. Keras's 0.99 lags for hundreds of
 * steps, which would make short runs look worse at test time than they are; 0.9 is PyTorch's
 * default, used by the common CIFAR ResNet reproductions.
 */
const BN_MOMENTUM = 0.9;

function convLayer(spec: ConvLayerSpec, x: Node, withActivation: boolean): Node {
  if ((spec.groups ?? 1) !== 1 || spec.inputMaps)
    throw new Error(`Layer ${spec.id}: grouped or partial convolutions are not supported here.`);
  if (x.shape.length === 2) return denseAsConv(spec, x, withActivation);
  // TF "same" padding gives the same output size as the spec's symmetric (k-1)/2 padding for odd
  // kernels at any stride; only where the odd pixel of padding goes differs.
  const samePad = spec.pad * 2 === spec.kernel - 1;
  let y = x;
  if (!samePad && spec.pad > 0)
    y = tfl.layers.zeroPadding2d({ padding: spec.pad, name: `${spec.id}_pad` }).apply(y) as Node;
  y = tfl.layers
    .conv2d({
      name: spec.id,
      filters: spec.filters,
      kernelSize: spec.kernel,
      strides: spec.stride,
      padding: samePad ? 'same' : 'valid',
      useBias: spec.bias,
      kernelInitializer: 'heNormal',
    })
    .apply(y) as Node;
  if (spec.bn)
    y = tfl.layers.batchNormalization({ name: `${spec.id}_bn`, axis: -1, momentum: BN_MOMENTUM }).apply(y) as Node;
  if (withActivation && spec.activation && spec.activation !== 'linear') {
    y = tfl.layers.activation({ name: `${spec.id}_${spec.activation}`, activation: spec.activation }).apply(y) as Node;
  }
  return y;
}

/**
 * A 1×1 convolution of a 1×1 map is a dense layer; built as one (on [batch, features]) it trains
 * several times faster on WASM, where the convolution gradients are the slow kernels.
 */
function denseAsConv(spec: ConvLayerSpec, x: Node, withActivation: boolean): Node {
  if (spec.kernel !== 1 || spec.stride !== 1 || spec.pad !== 0)
    throw new Error(`Layer ${spec.id}: only 1×1 convolutions can follow a 1×1 map.`);
  let y = tfl.layers
    .dense({ name: spec.id, units: spec.filters, useBias: spec.bias, kernelInitializer: 'heNormal' })
    .apply(x) as Node;
  if (spec.bn)
    y = tfl.layers.batchNormalization({ name: `${spec.id}_bn`, axis: -1, momentum: BN_MOMENTUM }).apply(y) as Node;
  if (withActivation && spec.activation && spec.activation !== 'linear') {
    y = tfl.layers.activation({ name: `${spec.id}_${spec.activation}`, activation: spec.activation }).apply(y) as Node;
  }
  return y;
}

function block(spec: BlockSpec, x: Node): Node {
  let y = x;
  for (const layer of spec.body) y = convLayer(layer, y, true);
  const outChannels = spec.body[spec.body.length - 1]?.filters ?? 0;
  const stride = spec.body.reduce((s, layer) => s * layer.stride, 1);
  let sum = y;
  if (spec.shortcut === 'identity') {
    sum = tfl.layers.add({ name: `${spec.id}_add` }).apply([y, x]) as Node;
  } else if (spec.shortcut === 'zero-pad') {
    const short = new ZeroPadShortcut({ name: `${spec.id}_shortcut`, stride, outChannels }).apply(x) as Node;
    sum = tfl.layers.add({ name: `${spec.id}_add` }).apply([y, short]) as Node;
  } else if (spec.shortcut === 'projection') {
    throw new Error(`Block ${spec.id}: projection shortcuts are not supported here.`);
  }
  return tfl.layers.activation({ name: `${spec.id}_out`, activation: spec.activation }).apply(sum) as Node;
}

function layer(spec: LayerSpec, x: Node): Node {
  switch (spec.kind) {
    case 'conv':
      return convLayer(spec, x, true);
    case 'gap':
      return tfl.layers.globalAveragePooling2d({ name: spec.id }).apply(x) as Node;
    case 'flatten':
      if (x.shape.length === 2) return x;
      return tfl.layers.flatten({ name: spec.id }).apply(x) as Node;
    case 'dense':
      return tfl.layers
        .dense({
          name: spec.id,
          units: spec.units,
          useBias: spec.bias,
          activation: spec.activation ?? 'linear',
          kernelInitializer: 'heNormal',
        })
        .apply(x) as Node;
    default:
      throw new Error(`Layer ${spec.id}: kind "${spec.kind}" is not supported by the lab builder.`);
  }
}

/**
 * Builds a TF.js model from a CIFAR-family spec. Input [batch, height, width, channels] in [0, 1];
 * output [batch, classes] probabilities (softmax head, as in the spec).
 * @throws Error naming the layer when the spec uses something this builder does not support.
 */
export function buildLabModel(spec: ModelSpec): tfl.LayersModel {
  const input = tfl.input({ shape: [spec.input.height, spec.input.width, spec.input.channels], name: 'input' });
  // A 1×1×D input is a feature vector: the net is fully connected (see ./mlp-spec.ts).
  let x: Node =
    spec.input.height === 1 && spec.input.width === 1
      ? (tfl.layers.flatten({ name: 'input_flatten' }).apply(input) as Node)
      : input;
  for (const stage of spec.stages) {
    for (const item of stage.items) x = item.kind === 'block' ? block(item, x) : layer(item, x);
  }
  return tfl.model({ inputs: input, outputs: x, name: spec.id });
}

/** Ids of the spec's convolutions in network order: the layers whose responses and gradients the lab shows. */
export function convIds(spec: ModelSpec): string[] {
  const ids: string[] = [];
  for (const stage of spec.stages) {
    for (const item of stage.items) {
      if (item.kind === 'block') ids.push(...item.body.map((c) => c.id));
      else if (item.kind === 'conv') ids.push(item.id);
    }
  }
  return ids;
}
