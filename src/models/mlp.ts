/**
 * Fully connected plain and residual nets with BatchNorm: the depth lab's small, fast stand-ins
 * for the CIFAR family of He et al. 2015 §4.2. The image is flattened, then a stem layer, `blocks`
 * two-layer blocks and a softmax classifier, so depth counts weight layers as the paper does:
 * 2·blocks + 2 (8, 20, 32, 56 for 3, 9, 15, 27 blocks). Every hidden layer has the same width,
 * so the residual twin's shortcuts are parameter-free identities and both twins have the same
 * parameters.
 *
 * DOM-free and TF.js-free.
 */
import type { BlockSpec, DenseLayerSpec, ModelSpec } from './spec.ts';

/** Options of {@link mlpSpec}. */
export interface MlpOptions {
  /** 'resnet' adds an identity shortcut around every block; 'plain' has none. */
  readonly family: 'plain' | 'resnet';
  /** Weight layers, 2·blocks + 2: even and ≥ 4. */
  readonly depth: number;
  /** Units of every hidden layer. Default 32. */
  readonly width?: number;
  /** Square input side in pixels (14 for MNIST averaged over 2×2 squares). Default 14. */
  readonly inputSize?: number;
  /** Input channels. Default 1. */
  readonly channels?: number;
  /** Output classes. Default 10. */
  readonly classes?: number;
}

/** The setting whose nets get the short ids `mlp-plain-<depth>` and `mlp-resnet-<depth>`. */
const SHORT_ID = { width: 32, inputSize: 14, channels: 1, classes: 10 } as const;

function fc(id: string, units: number, relu: boolean): DenseLayerSpec {
  const layer: DenseLayerSpec = { kind: 'dense', id, label: `fc ${units}`, units, bias: false, bn: true };
  return relu ? { ...layer, activation: 'relu' } : layer;
}

/**
 * plain-d or ResNet-d multilayer perceptron: flatten, a stem fc+BN+ReLU, blocks computing
 * relu(x + BN(W₂ relu(BN(W₁ x)))) (identity shortcut) or relu(BN(W₂ relu(BN(W₁ x)))) (plain),
 * and a softmax fc. The id is `mlp-<family>-<depth>` at width 32 on 14×14×1 inputs with 10
 * classes, and spells out the other settings otherwise.
 * @throws Error naming the options when they are out of range.
 */
export function mlpSpec(options: MlpOptions): ModelSpec {
  const { family, depth } = options;
  const width = options.width ?? SHORT_ID.width;
  const inputSize = options.inputSize ?? SHORT_ID.inputSize;
  const channels = options.channels ?? SHORT_ID.channels;
  const classes = options.classes ?? SHORT_ID.classes;
  const bad = (what: string): never => {
    throw new Error(`mlpSpec(${JSON.stringify(options)}): ${what}`);
  };
  if (family !== 'plain' && family !== 'resnet') bad(`family must be 'plain' or 'resnet'`);
  if (!Number.isInteger(depth) || depth < 4 || depth % 2 !== 0) bad('depth must be an even whole number ≥ 4');
  for (const [name, value] of Object.entries({ width, inputSize, channels, classes })) {
    if (!Number.isInteger(value) || value < 1) bad(`${name} must be a whole number ≥ 1`);
  }
  const blocks: BlockSpec[] = [];
  for (let b = 1; b <= (depth - 2) / 2; b += 1) {
    blocks.push({
      kind: 'block',
      id: `block${b}`,
      label: `block ${b}`,
      body: [fc(`block${b}_fc1`, width, true), fc(`block${b}_fc2`, width, false)],
      shortcut: family === 'resnet' ? 'identity' : 'none',
      activation: 'relu',
    });
  }
  const short =
    width === SHORT_ID.width &&
    inputSize === SHORT_ID.inputSize &&
    channels === SHORT_ID.channels &&
    classes === SHORT_ID.classes;
  const id = short
    ? `mlp-${family}-${depth}`
    : `mlp-${family}-${depth}-${inputSize}x${inputSize}x${channels}-w${width}-c${classes}`;
  const name = `${family === 'resnet' ? 'ResNet' : 'plain'}-${depth} MLP`;
  return {
    id,
    name: `${name} (${inputSize}×${inputSize}×${channels}, width ${width})`,
    family: family === 'resnet' ? 'mlp-resnet' : 'mlp-plain',
    input: { height: inputSize, width: inputSize, channels },
    // Every shortcut is an identity, which is what option A gives where shapes do not change.
    shortcut: family === 'resnet' ? 'A' : 'none',
    sources: ['he2015'],
    stages: [
      {
        id: 'stem',
        label: 'input layer',
        items: [{ kind: 'flatten', id: 'flatten', label: 'flatten' }, fc('stem_fc', width, true)],
      },
      { id: 'blocks', label: `${blocks.length} blocks`, items: blocks },
      {
        id: 'head',
        label: 'classifier',
        items: [
          { kind: 'dense', id: 'fc', label: `${classes}-d fc`, units: classes, bias: true, activation: 'softmax' },
        ],
      },
    ],
  };
}
