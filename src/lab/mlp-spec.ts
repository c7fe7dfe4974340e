/**
 * A fully connected family for the lab, written in the zoo's spec language: each layer is a 1×1
 * convolution on a 1×1×D input, which is exactly a dense layer, so BatchNorm, residual blocks and
 * `computeStats` work unchanged. Depth counts weight layers as He et al. 2015 do: a stem, `blocks`
 * two-layer blocks and the classifier, 2·blocks + 2 in all (8, 20, 32, 56 for 3, 9, 15, 27 blocks).
 *
 * The model zoo has no such family yet; this module is written so it could move to src/models/.
 */
import type { BlockSpec, ConvLayerSpec, ModelSpec } from '../models/index.ts';

/** Options of {@link mlpSpec}. */
export interface MlpOptions {
  readonly family: 'plain' | 'resnet';
  /** Weight layers, 2·blocks + 2, even and ≥ 4. */
  readonly depth: number;
  /** Input features (pixels of the flattened image). */
  readonly inputs: number;
  /** Units of every hidden layer. */
  readonly width: number;
  readonly classes: number;
}

function dense(id: string, units: number, relu: boolean): ConvLayerSpec {
  const layer: ConvLayerSpec = {
    kind: 'conv',
    id,
    label: `fc ${units}`,
    filters: units,
    kernel: 1,
    stride: 1,
    pad: 0,
    bias: false,
    bn: true,
  };
  return relu ? { ...layer, activation: 'relu' } : layer;
}

/**
 * plain-d or ResNet-d multilayer perceptron with BN: Linear+BN+ReLU stem, blocks of
 * relu(x + BN(W2 relu(BN(W1 x)))) (identity shortcut) or their plain twins, softmax classifier.
 * @throws Error when the depth is not 2·blocks + 2 with at least one block.
 */
export function mlpSpec(options: MlpOptions): ModelSpec {
  const { family, depth, inputs, width, classes } = options;
  if (!Number.isInteger(depth) || depth < 4 || depth % 2 !== 0)
    throw new Error(`mlpSpec: depth ${depth} must be an even whole number ≥ 4.`);
  const blocks: BlockSpec[] = [];
  for (let b = 1; b <= (depth - 2) / 2; b += 1) {
    blocks.push({
      kind: 'block',
      id: `block${b}`,
      label: `block ${b}`,
      body: [dense(`block${b}_fc1`, width, true), dense(`block${b}_fc2`, width, false)],
      shortcut: family === 'resnet' ? 'identity' : 'none',
      activation: 'relu',
    });
  }
  const name = `${family === 'resnet' ? 'ResNet' : 'plain'}-${depth} MLP`;
  return {
    id: `mlp-${family}-${depth}-i${inputs}-w${width}-c${classes}`,
    name: `${name} (width ${width})`,
    family: family === 'resnet' ? 'resnet' : 'plain',
    input: { height: 1, width: 1, channels: inputs },
    shortcut: family === 'resnet' ? 'A' : 'none',
    sources: ['he2015'],
    stages: [
      { id: 'stem', label: 'input layer', items: [dense('stem_fc', width, true)] },
      { id: 'blocks', label: `${blocks.length} blocks`, items: blocks },
      {
        id: 'head',
        label: 'classifier',
        items: [
          { kind: 'flatten', id: 'flatten', label: 'flatten' },
          { kind: 'dense', id: 'fc', label: `${classes}-d fc`, units: classes, bias: true, activation: 'softmax' },
        ],
      },
    ],
  };
}
