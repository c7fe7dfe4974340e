/**
 * ResNets and their plain twins: the ImageNet nets of He et al. 2015 Table 1 (18/34 with basic
 * blocks, 50 with bottleneck blocks as torchvision's "v1.5" builds it) under shortcut options
 * A/B/C, and the CIFAR-10 family of §4.2 (6n+2 layers, option A).
 * Layer tables: He et al. 2015 Table 1 and §4.2; torchvision's models/resnet.py.
 */
import type { BlockSpec, ConvLayerSpec, ModelSpec, ShortcutKind, ShortcutOption, StageSpec } from './spec.ts';

/** Chooses a block's shortcut from the network's option (He et al. 2015 §3.3, §4.1). */
export function shortcutFor(option: ShortcutOption, dimensionsChange: boolean): ShortcutKind {
  switch (option) {
    case 'none':
      return 'none';
    case 'C':
      return 'projection';
    case 'B':
      return dimensionsChange ? 'projection' : 'identity';
    case 'A':
      return dimensionsChange ? 'zero-pad' : 'identity';
  }
}

function conv(
  id: string,
  label: string,
  filters: number,
  kernel: number,
  stride: number,
  relu: boolean,
): ConvLayerSpec {
  const layer: ConvLayerSpec = {
    kind: 'conv',
    id,
    label,
    filters,
    kernel,
    stride,
    pad: (kernel - 1) / 2,
    bias: false,
    bn: true,
  };
  return relu ? { ...layer, activation: 'relu' } : layer;
}

/** A basic block: two 3×3 convs, stride on the first. */
export function basicBlock(
  id: string,
  label: string,
  cin: number,
  cout: number,
  stride: number,
  option: ShortcutOption,
): BlockSpec {
  return {
    kind: 'block',
    id,
    label,
    body: [
      conv(`${id}_conv1`, `3×3, ${cout}`, cout, 3, stride, true),
      conv(`${id}_conv2`, `3×3, ${cout}`, cout, 3, 1, false),
    ],
    shortcut: shortcutFor(option, stride !== 1 || cin !== cout),
    activation: 'relu',
  };
}

/**
 * A bottleneck block: 1×1 reduce, 3×3, 1×1 expand ×4. The stride sits on the 3×3 conv (torchvision
 * "v1.5", the default) or on the first 1×1 conv (`strideOn: '1x1'`, the original v1).
 */
export function bottleneckBlock(
  id: string,
  label: string,
  cin: number,
  width: number,
  stride: number,
  option: ShortcutOption,
  strideOn: '3x3' | '1x1' = '3x3',
): BlockSpec {
  const cout = 4 * width;
  const s1 = strideOn === '1x1' ? stride : 1;
  const s3 = strideOn === '3x3' ? stride : 1;
  return {
    kind: 'block',
    id,
    label,
    body: [
      conv(`${id}_conv1`, `1×1, ${width}`, width, 1, s1, true),
      conv(`${id}_conv2`, `3×3, ${width}`, width, 3, s3, true),
      conv(`${id}_conv3`, `1×1, ${cout}`, cout, 1, 1, false),
    ],
    shortcut: shortcutFor(option, stride !== 1 || cin !== cout),
    activation: 'relu',
  };
}

const IMAGENET_BLOCKS = {
  18: [2, 2, 2, 2],
  34: [3, 4, 6, 3],
  50: [3, 4, 6, 3],
  101: [3, 4, 23, 3],
  152: [3, 8, 36, 3],
} as const;

/** Depths of the ImageNet ResNets built here. */
export type ImageNetDepth = keyof typeof IMAGENET_BLOCKS;

/**
 * An ImageNet ResNet of He et al. 2015 Table 1 (or its plain twin with `shortcut: 'none'`), with
 * torchvision's layout (bottleneck stride on the 3×3 conv unless `bottleneckStrideOn` is '1x1'): 224×224 input, 7×7/2 stem, 3×3/2 max pool, BN after every conv, global
 * average pool and one 1000-way fc.
 */
export function imagenetResNet(
  depth: ImageNetDepth,
  shortcut: ShortcutOption,
  id: string,
  bottleneckStrideOn: '3x3' | '1x1' = '3x3',
): ModelSpec {
  const bottleneck = depth >= 50;
  const stages: StageSpec[] = [{ id: 'stem', label: 'conv1', items: [conv('conv1', 'conv1', 64, 7, 2, true)] }];
  let cin = 64;
  IMAGENET_BLOCKS[depth].forEach((count, s) => {
    const width = 64 * 2 ** s;
    const items: StageSpec['items'][number][] = [];
    if (s === 0)
      items.push({ kind: 'pool', id: 'stage1_pool', label: 'max pool', op: 'max', size: 3, stride: 2, pad: 1 });
    for (let b = 1; b <= count; b++) {
      const stride = b === 1 && s > 0 ? 2 : 1;
      const id = `stage${s + 1}_block${b}`;
      const label = `conv${s + 2}_${b}`;
      const block = bottleneck
        ? bottleneckBlock(id, label, cin, width, stride, shortcut, bottleneckStrideOn)
        : basicBlock(id, label, cin, width, stride, shortcut);
      items.push(block);
      cin = bottleneck ? 4 * width : width;
    }
    stages.push({ id: `stage${s + 1}`, label: `conv${s + 2}_x`, items });
  });
  stages.push({
    id: 'head',
    label: 'classifier',
    items: [
      { kind: 'gap', id: 'avgpool', label: 'average pool' },
      { kind: 'dense', id: 'fc', label: '1000-d fc', units: 1000, bias: true, activation: 'softmax' },
    ],
  });
  const optionName = shortcut === 'none' ? '' : ` (option ${shortcut})`;
  return {
    id,
    name: shortcut === 'none' ? `plain-${depth}` : `ResNet-${depth}${optionName}`,
    family: shortcut === 'none' ? 'plain' : 'resnet',
    input: { height: 224, width: 224, channels: 3 },
    shortcut,
    sources: ['he2015', 'torchvision'],
    stages,
  };
}

/** Options of a CIFAR-style network (He et al. 2015 §4.2). */
export interface CifarOptions {
  /** 'resnet' uses option A shortcuts; 'plain' has none. */
  readonly family: 'plain' | 'resnet';
  /** Blocks per stage; depth is 6n+2. */
  readonly n: number;
  /** Square input side in pixels (32 for CIFAR-10, 28 for MNIST). Default 32. */
  readonly inputSize?: number;
  /** Input channels (3 for CIFAR-10, 1 for MNIST). Default 3. */
  readonly inputChannels?: number;
  /** Scales the paper's {16, 32, 64} filters (0.5 gives {8, 16, 32}). Default 1. */
  readonly widthMultiplier?: number;
  /** Filters of the first stage; overrides `widthMultiplier` when given. */
  readonly baseWidth?: number;
  /** Output classes. Default 10. */
  readonly classes?: number;
}

/**
 * plain-(6n+2) or ResNet-(6n+2) for CIFAR-style inputs: a 3×3 stem, three stages of n basic
 * blocks at {1, 1/2, 1/4} resolution with {w, 2w, 4w} filters, global average pool and a softmax fc.
 * The id is `cifar-<family>-<depth>` for the paper's setting (32×32×3, width 16, 10 classes), and
 * spells out the other settings otherwise.
 * @throws Error naming the options when they are out of range.
 */
export function cifarSpec(options: CifarOptions): ModelSpec {
  const { family, n } = options;
  const inputSize = options.inputSize ?? 32;
  const inputChannels = options.inputChannels ?? 3;
  const classes = options.classes ?? 10;
  const base = options.baseWidth ?? Math.round(16 * (options.widthMultiplier ?? 1));
  const depth = 6 * n + 2;
  const bad = (what: string): never => {
    throw new Error(`cifarSpec(${JSON.stringify(options)}): ${what}`);
  };
  if (family !== 'plain' && family !== 'resnet') bad(`family must be 'plain' or 'resnet'`);
  if (!Number.isInteger(n) || n < 1) bad('n (blocks per stage) must be a whole number ≥ 1');
  if (!Number.isInteger(inputSize) || inputSize < 1) bad('inputSize must be a whole number ≥ 1');
  if (!Number.isInteger(inputChannels) || inputChannels < 1) bad('inputChannels must be a whole number ≥ 1');
  if (!Number.isInteger(classes) || classes < 1) bad('classes must be a whole number ≥ 1');
  if (!Number.isInteger(base) || base < 1) bad('the first-stage width must be a whole number ≥ 1');
  const paper = inputSize === 32 && inputChannels === 3 && base === 16 && classes === 10;
  const id = paper
    ? `cifar-${family}-${depth}`
    : `cifar-${family}-${depth}-${inputSize}x${inputSize}x${inputChannels}-w${base}-c${classes}`;
  const option: ShortcutOption = family === 'resnet' ? 'A' : 'none';
  const stages: StageSpec[] = [{ id: 'stem', label: 'conv1', items: [conv('conv1', 'conv1', base, 3, 1, true)] }];
  let cin = base;
  for (let s = 0; s < 3; s++) {
    const width = base * 2 ** s;
    const blocks: BlockSpec[] = [];
    for (let b = 1; b <= n; b++) {
      blocks.push(
        basicBlock(`stage${s + 1}_block${b}`, `block ${s + 1}.${b}`, cin, width, b === 1 && s > 0 ? 2 : 1, option),
      );
      cin = width;
    }
    stages.push({ id: `stage${s + 1}`, label: `stage ${s + 1} (${width} filters)`, items: blocks });
  }
  stages.push({
    id: 'head',
    label: 'classifier',
    items: [
      { kind: 'gap', id: 'avgpool', label: 'average pool' },
      { kind: 'dense', id: 'fc', label: `${classes}-d fc`, units: classes, bias: true, activation: 'softmax' },
    ],
  });
  const name = `${family === 'resnet' ? 'ResNet' : 'plain'}-${depth}`;
  return {
    id,
    name: paper ? `${name} (CIFAR-10)` : `${name} (${inputSize}×${inputSize}×${inputChannels}, width ${base})`,
    family: family === 'resnet' ? 'cifar-resnet' : 'cifar-plain',
    input: { height: inputSize, width: inputSize, channels: inputChannels },
    shortcut: option,
    sources: ['he2015', 'idelbayev2018'],
    stages,
  };
}
