/**
 * The plain-data description of a network. One `ModelSpec` per architecture is the single source of
 * every number the site shows: `computeStats` derives shapes, parameters and MACs from it, the
 * architecture views render it, and `buildModel` turns it into a trainable TF.js model.
 *
 * Conventions (those of torchvision's models and of He et al. 2015 §3.4):
 * - feature maps are channels-last, `[height, width, channels]`, as TF.js uses them;
 * - padding is symmetric and explicit (`pad` pixels on every side), output size
 *   `floor((size + 2·pad − kernel) / stride) + 1`, as in PyTorch/Caffe;
 * - a conv (or fully connected layer) with `bn: true` is conv → BatchNorm (γ, β counted as parameters; running mean and
 *   variance are buffers) → activation.
 *
 * This module is DOM-free and TF.js-free.
 */

/** Element-wise non-linearities a layer may end with. */
export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'softmax' | 'linear';

/** How a residual block's shortcut is made (He et al. 2015 §3.3, §4.1). */
export type ShortcutKind =
  /** Parameter-free identity; input and output shapes must match. */
  | 'identity'
  /** Option A where dimensions change: strided identity plus zero-padded extra channels. */
  | 'zero-pad'
  /** A 1×1 convolution (with the block's stride) followed by BatchNorm: options B and C. */
  | 'projection'
  /** No shortcut at all: the plain twin of a residual block. */
  | 'none';

/** Shortcut policy of a whole network, as named in He et al. 2015 §3.3 and §4.1. */
export type ShortcutOption = 'A' | 'B' | 'C' | 'none';

/** A 2-D convolution, optionally followed by BatchNorm and an activation. */
export interface ConvLayerSpec {
  readonly kind: 'conv';
  /** Stable name, unique within the spec; the TF.js layer gets this name. */
  readonly id: string;
  /** Short label for tables, e.g. "C1" or "conv3_1". Defaults to the id. */
  readonly label?: string;
  readonly filters: number;
  readonly kernel: number;
  readonly stride: number;
  /** Zero padding in pixels on each side. */
  readonly pad: number;
  /** Whether the convolution has a bias (false when BN follows). */
  readonly bias: boolean;
  /** BatchNorm after the convolution. */
  readonly bn?: boolean;
  readonly activation?: Activation;
  /** Grouped convolution (AlexNet's two GPU towers); defaults to 1. */
  readonly groups?: number;
  /**
   * Partial connectivity (LeNet-5's C3, LeCun 1998 Table I): for each output map, the input maps
   * it reads. Each output map has its own kernel over only those maps, and one bias.
   */
  readonly inputMaps?: readonly (readonly number[])[];
}

/** LeNet-5's trainable subsampling: sum of a 2×2 window × a trainable coefficient + a trainable bias. */
export interface SubsampleLayerSpec {
  readonly kind: 'subsample';
  readonly id: string;
  readonly label?: string;
  /** Window and stride (non-overlapping). */
  readonly size: number;
  readonly activation?: Activation;
}

/** Max or average pooling. */
export interface PoolLayerSpec {
  readonly kind: 'pool';
  readonly id: string;
  readonly label?: string;
  readonly op: 'max' | 'avg';
  readonly size: number;
  readonly stride: number;
  readonly pad: number;
}

/** Local response normalisation across channels (Krizhevsky et al. 2012 §3.3). */
export interface LrnLayerSpec {
  readonly kind: 'lrn';
  readonly id: string;
  readonly label?: string;
  /** Half-width of the channel window: the window is 2·radius + 1 channels (n = 5 in the paper). */
  readonly radius: number;
  readonly bias: number;
  readonly alpha: number;
  readonly beta: number;
}

/** Global average pooling: [h, w, c] → [c]. */
export interface GlobalPoolLayerSpec {
  readonly kind: 'gap';
  readonly id: string;
  readonly label?: string;
}

/** [h, w, c] → [h·w·c]. */
export interface FlattenLayerSpec {
  readonly kind: 'flatten';
  readonly id: string;
  readonly label?: string;
}

/** A fully connected layer, optionally followed by BatchNorm and then its activation. */
export interface DenseLayerSpec {
  readonly kind: 'dense';
  readonly id: string;
  readonly label?: string;
  readonly units: number;
  /** Whether the layer has a bias (false when BN follows). */
  readonly bias: boolean;
  /** BatchNorm after the layer, before the activation (as in the fully connected nets of ./mlp.ts). */
  readonly bn?: boolean;
  readonly activation?: Activation;
}

/** Dropout (no parameters, identity at inference). */
export interface DropoutLayerSpec {
  readonly kind: 'dropout';
  readonly id: string;
  readonly label?: string;
  readonly rate: number;
}

/**
 * LeNet-5's output: Euclidean RBF units, y_i = Σ_j (x_j − w_ij)², with fixed (non-trainable)
 * prototypes w_i.
 */
export interface RbfLayerSpec {
  readonly kind: 'rbf';
  readonly id: string;
  readonly label?: string;
  readonly units: number;
}

/** Any single layer. */
export type LayerSpec =
  | ConvLayerSpec
  | SubsampleLayerSpec
  | PoolLayerSpec
  | LrnLayerSpec
  | GlobalPoolLayerSpec
  | FlattenLayerSpec
  | DenseLayerSpec
  | DropoutLayerSpec
  | RbfLayerSpec;

/**
 * A layer of a block's residual branch: a convolution, or a fully connected layer when the block
 * works on flat vectors (./mlp.ts).
 */
export type BodyLayerSpec = ConvLayerSpec | DenseLayerSpec;

/**
 * A residual block (or its plain twin): `out = activation(body(x) + shortcut(x))`. The last body
 * layer has no activation of its own; the block's activation comes after the addition (He et al.
 * 2015 Eq. 1, "the second nonlinearity after the addition"). With `shortcut: 'none'` the block is
 * simply `activation(body(x))`.
 */
export interface BlockSpec {
  readonly kind: 'block';
  /** e.g. "stage2_block1"; body layers are named `${id}_conv1` … */
  readonly id: string;
  readonly label?: string;
  /** Convolutions, or fully connected layers on a flat input (then only 'identity' or 'none' shortcuts). */
  readonly body: readonly BodyLayerSpec[];
  readonly shortcut: ShortcutKind;
  /** Activation after the addition (ReLU in every net here). */
  readonly activation: Activation;
}

/** A group of layers and blocks at one resolution, like a row of He et al. 2015 Table 1. */
export interface StageSpec {
  /** e.g. "stem", "stage1", "head". */
  readonly id: string;
  /** e.g. "conv2_x". */
  readonly label: string;
  readonly items: readonly (LayerSpec | BlockSpec)[];
}

/** Where an architecture comes from, as a bibliography key of src/lib/bibliography.ts. */
export type SourceKey =
  | 'lecun1998'
  | 'krizhevsky2012'
  | 'krizhevsky2014'
  | 'simonyan2014'
  | 'he2015'
  | 'torchvision'
  | 'caffeAlexnet'
  | 'idelbayev2018';

/** A whole network as plain data. */
export interface ModelSpec {
  /** The id `getSpec` knows it by, e.g. "resnet34". */
  readonly id: string;
  /** Display name, e.g. "ResNet-34 (option B)". */
  readonly name: string;
  readonly family:
    'lenet' | 'alexnet' | 'vgg' | 'resnet' | 'plain' | 'cifar-resnet' | 'cifar-plain' | 'mlp-resnet' | 'mlp-plain';
  /** Input image, channels-last. */
  readonly input: { readonly height: number; readonly width: number; readonly channels: number };
  /** Shortcut policy; 'none' for nets without shortcuts. */
  readonly shortcut: ShortcutOption;
  readonly stages: readonly StageSpec[];
  /** Sources for the layout, bibliography keys. */
  readonly sources: readonly SourceKey[];
}

/** Stride of a block's body layer (a fully connected layer has none: 1). */
export function bodyStride(layer: BodyLayerSpec): number {
  return layer.kind === 'conv' ? layer.stride : 1;
}

/** Whether an item of a stage is a block. */
export function isBlock(item: LayerSpec | BlockSpec): item is BlockSpec {
  return item.kind === 'block';
}
