/**
 * The data of "when the shapes differ": the first block of ResNet-34's conv3_x (stride 2, 64 → 128
 * channels) under option A and option B, and ResNet-34's totals under options A, B and C. Every
 * figure comes from the model zoo (`getSpec` + `computeStats`, `basicBlockCost`); this module only
 * picks them out, at build time, so the island ships plain numbers. DOM-free and TF.js-free.
 */
import { basicBlockCost, computeStats, formatCount, formatShape, getSpec } from '../models/index.ts';
import type { BlockStats, LayerStats } from '../models/index.ts';

/** One tensor of the block, in order from input to output. */
export interface TensorRow {
  /** Stable id (the zoo's layer id, or 'input'). */
  readonly id: string;
  /** What produces it, e.g. "3×3, 128, stride 2". */
  readonly producer: string;
  readonly path: 'main' | 'shortcut' | 'input';
  /** e.g. "28×28×128" */
  readonly shape: string;
  readonly params: number;
  readonly macs: number;
}

/** The block under one option. */
export interface BlockOptionView {
  readonly option: 'A' | 'B';
  readonly tensors: readonly TensorRow[];
  readonly params: number;
  readonly macs: number;
  readonly shortcutParams: number;
  readonly shortcutMacs: number;
  /** Formatted for the page. */
  readonly text: {
    readonly params: string;
    readonly macs: string;
    readonly shortcutParams: string;
    readonly shortcutMacs: string;
  };
}

/** ResNet-34 under one option. */
export interface NetworkOptionRow {
  readonly option: 'A' | 'B' | 'C';
  readonly modelId: string;
  readonly params: number;
  readonly macs: number;
  readonly projectionShortcuts: number;
  readonly text: { readonly params: string; readonly macs: string };
}

/** Everything the island shows. */
export interface ShortcutComparison {
  /** The block's zoo label, e.g. "conv3_1". */
  readonly blockLabel: string;
  readonly inputShape: string;
  readonly outputShape: string;
  readonly block: { readonly A: BlockOptionView; readonly B: BlockOptionView };
  readonly network: readonly NetworkOptionRow[];
}

const NETWORK_IDS = { A: 'resnet34-a', B: 'resnet34', C: 'resnet34-c' } as const;

/** The block of ResNet-34 the comparison follows: the first of conv3_x. */
export const COMPARED_BLOCK_ID = 'stage2_block1';

function producer(layer: LayerStats): string {
  if (layer.kind === 'add') return 'add (then ReLU)';
  if (layer.kind === 'zero-pad') return `option A: ${layer.description}`;
  if (layer.path === 'shortcut') return `option B: 1×1 projection Wₛ, stride 2, + BN`;
  return `${layer.description} + BN${layer.description.includes('stride') ? ' + ReLU' : ''}`;
}

function blockView(option: 'A' | 'B', block: BlockStats): BlockOptionView {
  const cost = basicBlockCost({ shortcut: option });
  const tensors: TensorRow[] = [
    {
      id: 'input',
      producer: 'block input a[l]',
      path: 'input',
      shape: formatShape(block.inputShape),
      params: 0,
      macs: 0,
    },
    ...block.layers.map((l) => ({
      id: l.id,
      producer: producer(l),
      path: l.path,
      shape: formatShape(l.outputShape),
      params: l.params,
      macs: l.macs,
    })),
  ];
  return {
    option,
    tensors,
    params: cost.params,
    macs: cost.macs,
    shortcutParams: cost.shortcut.params,
    shortcutMacs: cost.shortcut.macs,
    text: {
      params: formatCount(cost.params),
      macs: formatCount(cost.macs),
      shortcutParams: formatCount(cost.shortcut.params),
      shortcutMacs: formatCount(cost.shortcut.macs),
    },
  };
}

function findBlock(modelId: string): BlockStats {
  const block = computeStats(getSpec(modelId)).blocks.find((b) => b.id === COMPARED_BLOCK_ID);
  if (!block) throw new Error(`shortcut-options: ${modelId} has no block ${COMPARED_BLOCK_ID}`);
  return block;
}

/** Builds the comparison from the zoo. */
export function shortcutComparison(): ShortcutComparison {
  const a = findBlock(NETWORK_IDS.A);
  const b = findBlock(NETWORK_IDS.B);
  const network = (['A', 'B', 'C'] as const).map((option): NetworkOptionRow => {
    const stats = computeStats(getSpec(NETWORK_IDS[option]));
    return {
      option,
      modelId: NETWORK_IDS[option],
      params: stats.totals.params,
      macs: stats.totals.macs,
      projectionShortcuts: stats.totals.projectionShortcuts,
      text: { params: formatCount(stats.totals.params), macs: formatCount(stats.totals.macs, 'G', 2) },
    };
  });
  return {
    blockLabel: a.label,
    inputShape: formatShape(a.inputShape),
    outputShape: formatShape(a.outputShape),
    block: { A: blockView('A', a), B: blockView('B', b) },
    network,
  };
}
