/**
 * Cost of one basic block under shortcut option A or B, for the block playground. Built from a
 * one-block spec so the figures come from the same `computeStats` as everything else.
 */
import { basicBlock } from './resnet.ts';
import type { ModelSpec } from './spec.ts';
import { computeStats } from './stats.ts';

/** The block to price. Defaults: conv3_1 of ResNet-34 (56×56×64 → 28×28×128, stride 2). */
export interface BlockCostOptions {
  readonly shortcut: 'A' | 'B';
  /** Input side in pixels. Default 56. */
  readonly inputSize?: number;
  /** Input channels. Default 64. */
  readonly inChannels?: number;
  /** Output channels. Default 2 × inChannels. */
  readonly outChannels?: number;
  /** Stride of the first conv and of the shortcut. Default 2. */
  readonly stride?: number;
}

/** Parameters and MACs of a block, split into its residual branch and its shortcut. */
export interface BlockCost {
  readonly params: number;
  readonly macs: number;
  readonly branch: { readonly params: number; readonly macs: number };
  readonly shortcut: { readonly params: number; readonly macs: number };
  /** [height, width, channels] after the block. */
  readonly outputShape: readonly number[];
}

/**
 * Prices one basic block (two 3×3 convs with BN) whose shortcut is option A (zero-padded strided
 * identity, no parameters) or option B (1×1 strided projection + BN).
 */
export function basicBlockCost(options: BlockCostOptions): BlockCost {
  const inputSize = options.inputSize ?? 56;
  const cin = options.inChannels ?? 64;
  const cout = options.outChannels ?? 2 * cin;
  const stride = options.stride ?? 2;
  const spec: ModelSpec = {
    id: `basic-block-${options.shortcut}`,
    name: `basic block, option ${options.shortcut}`,
    family: 'resnet',
    input: { height: inputSize, width: inputSize, channels: cin },
    shortcut: options.shortcut,
    sources: ['he2015'],
    stages: [
      { id: 'stage', label: 'block', items: [basicBlock('block', 'block', cin, cout, stride, options.shortcut)] },
    ],
  };
  const stats = computeStats(spec);
  const sum = (path: 'main' | 'shortcut', key: 'params' | 'macs'): number =>
    stats.layers.filter((l) => l.path === path).reduce((s, l) => s + l[key], 0);
  return {
    params: stats.totals.params,
    macs: stats.totals.macs,
    branch: { params: sum('main', 'params'), macs: sum('main', 'macs') },
    shortcut: { params: sum('shortcut', 'params'), macs: sum('shortcut', 'macs') },
    outputShape: stats.outputShape,
  };
}
