/**
 * Pure statistics of a `ModelSpec`: per-layer output shape, parameters, multiply-accumulates (MACs),
 * connections (LeCun 1998's count) and receptive field, summed per block, per stage and in total.
 *
 * Counting conventions (torchvision's `num_params`; He et al. 2015's "FLOPs" are multiply-adds):
 * - parameters are trainable values; BatchNorm's γ and β count, its running mean and variance are
 *   `buffers`, as are LeNet's fixed RBF prototypes;
 * - MACs count convolutions (H_out·W_out·C_out·k²·C_in/groups), fully connected layers (in·out),
 *   LeNet's subsampling (one multiply per output) and RBF units (one per distance term); BN,
 *   activations, pooling and additions count zero, as in He et al. 2015 and torchvision;
 * - connections count every weight use plus one per bias per output, as LeCun 1998 does.
 *
 * Counting only: `validateSpec` (`validate.ts`) checks the spec and infers every shape first.
 * DOM-free and TF.js-free.
 */
import type { ConvLayerSpec, LayerSpec, ModelSpec, ShortcutKind } from './spec.ts';
import { isShapedBlock, validateSpec } from './validate.ts';
import type { Shape, ShapedBlock, ShapedLayer, ShapedStage } from './validate.ts';

/** Receptive field in input pixels (may exceed the input), or 'global' after a global reduction. */
export type ReceptiveField = number | 'global';

/** Which path of a block a layer sits on. */
export type LayerPath = 'main' | 'shortcut';

/** Statistics of one layer (a conv includes its BatchNorm). */
export interface LayerStats {
  readonly id: string;
  readonly label: string;
  /** A spec layer kind, or one of the block's own operations. */
  readonly kind: LayerSpec['kind'] | 'add' | 'zero-pad';
  readonly stageId: string;
  /** The block the layer belongs to, if any. */
  readonly blockId: string | null;
  readonly path: LayerPath;
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  /** Trainable parameters (including BN γ, β). */
  readonly params: number;
  /** Stored non-trainable values: BN running statistics, fixed RBF prototypes. */
  readonly buffers: number;
  readonly macs: number;
  readonly connections: number;
  readonly receptiveField: ReceptiveField;
  /** Distance in input pixels between neighbouring outputs ("jump"). */
  readonly jump: number;
  /** A short human description, e.g. "3×3, 64, stride 2". */
  readonly description: string;
}

/** Statistics of one residual (or plain) block. */
export interface BlockStats {
  readonly id: string;
  readonly label: string;
  readonly stageId: string;
  readonly shortcut: ShortcutKind;
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  readonly params: number;
  readonly buffers: number;
  readonly macs: number;
  readonly receptiveField: ReceptiveField;
  /** Body layers, then shortcut layers, then the addition (absent for 'none'). */
  readonly layers: readonly LayerStats[];
}

/** Statistics of one stage. */
export interface StageStats {
  readonly id: string;
  readonly label: string;
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  readonly params: number;
  readonly buffers: number;
  readonly macs: number;
  readonly receptiveField: ReceptiveField;
  readonly blocks: readonly BlockStats[];
  /** Every layer of the stage in order, block layers included. */
  readonly layers: readonly LayerStats[];
}

/** Whole-network totals. */
export interface TotalStats {
  readonly params: number;
  readonly buffers: number;
  readonly macs: number;
  readonly connections: number;
  /** Weight layers on the main path as the papers count depth: conv + fc + subsampling. */
  readonly weightLayers: number;
  /** Main-path convolutions (projection shortcuts excluded). */
  readonly convLayers: number;
  /** Fully connected layers, LeNet's RBF output included. */
  readonly fcLayers: number;
  readonly subsamplingLayers: number;
  /** Residual (or plain) blocks. */
  readonly blocks: number;
  readonly projectionShortcuts: number;
  /** Parameter-free shortcuts: identity and zero-padded (option A). */
  readonly identityShortcuts: number;
  readonly receptiveField: ReceptiveField;
}

/** Everything `computeStats` derives from a spec. */
export interface ModelStats {
  readonly specId: string;
  readonly name: string;
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  /** All layers in order (block layers included). */
  readonly layers: readonly LayerStats[];
  readonly stages: readonly StageStats[];
  readonly blocks: readonly BlockStats[];
  readonly totals: TotalStats;
}

interface Cursor {
  rf: ReceptiveField;
  jump: number;
}

interface Ctx {
  readonly stageId: string;
  readonly blockId: string | null;
  readonly path: LayerPath;
}

function growRf(rf: ReceptiveField, jump: number, kernel: number): ReceptiveField {
  return rf === 'global' ? 'global' : rf + (kernel - 1) * jump;
}

function maxRf(a: ReceptiveField, b: ReceptiveField): ReceptiveField {
  if (a === 'global' || b === 'global') return 'global';
  return Math.max(a, b);
}

function product(shape: Shape): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** The last axis: channels of an image, units of a flat vector. */
function channels(shape: Shape): number {
  return shape[shape.length - 1] ?? 0;
}

function convDescription(layer: ConvLayerSpec): string {
  const parts = [`${layer.kernel}×${layer.kernel}, ${layer.filters}`];
  if (layer.stride !== 1) parts.push(`stride ${layer.stride}`);
  // Size-preserving padding is the default reading; only other paddings are worth a word.
  if (layer.pad !== 0 && 2 * layer.pad !== layer.kernel - 1) parts.push(`pad ${layer.pad}`);
  if ((layer.groups ?? 1) !== 1) parts.push(`${layer.groups} groups`);
  if (layer.inputMaps) parts.push('partial connections');
  return parts.join(', ');
}

/** What a layer costs and stores; receptive field and jump come from the cursor. */
type Counts = Pick<LayerStats, 'params' | 'buffers' | 'macs' | 'connections' | 'description'>;

const FREE = { params: 0, buffers: 0, macs: 0, connections: 0 } as const;

function countLayer(layer: LayerSpec, inputShape: Shape, outputShape: Shape): Counts {
  switch (layer.kind) {
    case 'conv': {
      const k2 = layer.kernel * layer.kernel;
      const weights = layer.inputMaps
        ? layer.inputMaps.reduce((sum, maps) => sum + k2 * maps.length, 0)
        : (k2 * channels(inputShape) * layer.filters) / (layer.groups ?? 1);
      const positions = product(outputShape) / layer.filters;
      const bn = layer.bn ? 2 * layer.filters : 0;
      const macs = positions * weights;
      return {
        params: weights + (layer.bias ? layer.filters : 0) + bn,
        buffers: bn,
        macs,
        connections: macs + (layer.bias ? product(outputShape) : 0),
        description: convDescription(layer),
      };
    }
    case 'subsample': {
      const outputs = product(outputShape);
      return {
        params: 2 * channels(inputShape),
        buffers: 0,
        macs: outputs,
        connections: outputs * (layer.size * layer.size + 1),
        description: `${layer.size}×${layer.size} trainable subsampling`,
      };
    }
    case 'pool': {
      const pad = layer.pad ? `, pad ${layer.pad}` : '';
      return { ...FREE, description: `${layer.size}×${layer.size} ${layer.op} pool, stride ${layer.stride}${pad}` };
    }
    case 'lrn':
      return { ...FREE, description: `response normalisation over ${2 * layer.radius + 1} channels` };
    case 'dropout':
      return { ...FREE, description: `dropout ${layer.rate}` };
    case 'gap':
      return { ...FREE, description: 'global average pool' };
    case 'flatten':
      return { ...FREE, description: 'flatten' };
    case 'dense': {
      const weights = product(inputShape) * layer.units;
      const biases = layer.bias ? layer.units : 0;
      const bn = layer.bn ? 2 * layer.units : 0;
      return {
        params: weights + biases + bn,
        buffers: bn,
        macs: weights,
        connections: weights + biases,
        description: `fc ${layer.units}`,
      };
    }
    case 'rbf': {
      const weights = product(inputShape) * layer.units;
      return {
        params: 0,
        buffers: weights,
        macs: weights,
        connections: weights,
        description: `${layer.units} Euclidean RBF units`,
      };
    }
  }
}

/** How a layer moves the receptive field: by its window, and the jump by its stride. */
function window(layer: LayerSpec): { kernel: number; stride: number } | 'global' | null {
  switch (layer.kind) {
    case 'conv':
      return { kernel: layer.kernel, stride: layer.stride };
    case 'subsample':
      return { kernel: layer.size, stride: layer.size };
    case 'pool':
      return { kernel: layer.size, stride: layer.stride };
    case 'gap':
    case 'flatten':
    case 'dense':
    case 'rbf':
      return 'global';
    case 'lrn':
    case 'dropout':
      return null;
  }
}

/** Counts one checked layer and advances the cursor past it. */
function layerStats(ctx: Ctx, { layer, inputShape, outputShape }: ShapedLayer, cur: Cursor): LayerStats {
  const w = window(layer);
  if (w === 'global') {
    cur.rf = 'global';
  } else if (w) {
    cur.rf = growRf(cur.rf, cur.jump, w.kernel);
    cur.jump *= w.stride;
  }
  return {
    id: layer.id,
    label: layer.label ?? layer.id,
    kind: layer.kind,
    ...ctx,
    inputShape,
    outputShape,
    ...countLayer(layer, inputShape, outputShape),
    receptiveField: cur.rf,
    jump: cur.jump,
  };
}

function blockStats(stageId: string, shaped: ShapedBlock, cur: Cursor): BlockStats {
  const { block, shortcut } = shaped;
  const input: Cursor = { ...cur };
  const mainCtx: Ctx = { stageId, blockId: block.id, path: 'main' };
  const layers = shaped.body.map((layer) => layerStats(mainCtx, layer, cur));
  if (shortcut.kind === 'projection') {
    layers.push(layerStats({ ...mainCtx, path: 'shortcut' }, shortcut.conv, { ...input }));
  } else if (shortcut.kind === 'zero-pad') {
    layers.push({
      id: shortcut.id,
      label: 'zero-pad identity',
      kind: 'zero-pad',
      ...mainCtx,
      path: 'shortcut',
      inputShape: shortcut.inputShape,
      outputShape: shortcut.outputShape,
      ...FREE,
      receptiveField: input.rf,
      jump: input.jump * shortcut.stride,
      description: `identity, stride ${shortcut.stride}, +${channels(shortcut.outputShape) - channels(shortcut.inputShape)} zero channels`,
    });
  }
  if (shortcut.kind !== 'none') {
    layers.push({
      id: `${block.id}_add`,
      label: 'add',
      kind: 'add',
      ...mainCtx,
      inputShape: shaped.outputShape,
      outputShape: shaped.outputShape,
      ...FREE,
      receptiveField: cur.rf,
      jump: cur.jump,
      description: block.shortcut === 'identity' ? 'add identity shortcut' : `add ${block.shortcut} shortcut`,
    });
  }
  const sum = (key: 'params' | 'buffers' | 'macs'): number => layers.reduce((s, l) => s + l[key], 0);
  return {
    id: block.id,
    label: block.label ?? block.id,
    stageId,
    shortcut: block.shortcut,
    inputShape: shaped.inputShape,
    outputShape: shaped.outputShape,
    params: sum('params'),
    buffers: sum('buffers'),
    macs: sum('macs'),
    receptiveField: maxRf(cur.rf, input.rf),
    layers,
  };
}

function stageStats(shaped: ShapedStage, cur: Cursor): StageStats {
  const { stage } = shaped;
  const layers: LayerStats[] = [];
  const blocks: BlockStats[] = [];
  for (const item of shaped.items) {
    if (isShapedBlock(item)) {
      const b = blockStats(stage.id, item, cur);
      blocks.push(b);
      layers.push(...b.layers);
    } else {
      layers.push(layerStats({ stageId: stage.id, blockId: null, path: 'main' }, item, cur));
    }
  }
  const sum = (key: 'params' | 'buffers' | 'macs'): number => layers.reduce((s, l) => s + l[key], 0);
  return {
    id: stage.id,
    label: stage.label,
    inputShape: shaped.inputShape,
    outputShape: shaped.outputShape,
    params: sum('params'),
    buffers: sum('buffers'),
    macs: sum('macs'),
    receptiveField: cur.rf,
    blocks,
    layers,
  };
}

/**
 * Derives shapes, parameters, MACs, connections and receptive fields from a spec, checked first
 * by `validateSpec`.
 * @throws SpecError naming the spec and the layer when the spec is impossible.
 */
export function computeStats(spec: ModelSpec): ModelStats {
  const checked = validateSpec(spec);
  const cur: Cursor = { rf: 1, jump: 1 };
  const stages = checked.stages.map((stage) => stageStats(stage, cur));
  const layers = stages.flatMap((s) => s.layers);
  const blocks = stages.flatMap((s) => s.blocks);
  const main = layers.filter((l) => l.path === 'main');
  const convLayers = main.filter((l) => l.kind === 'conv').length;
  const fcLayers = main.filter((l) => l.kind === 'dense' || l.kind === 'rbf').length;
  const subsamplingLayers = main.filter((l) => l.kind === 'subsample').length;
  const sum = (key: 'params' | 'buffers' | 'macs' | 'connections'): number => layers.reduce((s, l) => s + l[key], 0);
  return {
    specId: spec.id,
    name: spec.name,
    inputShape: checked.inputShape,
    outputShape: checked.outputShape,
    layers,
    stages,
    blocks,
    totals: {
      params: sum('params'),
      buffers: sum('buffers'),
      macs: sum('macs'),
      connections: sum('connections'),
      weightLayers: convLayers + fcLayers + subsamplingLayers,
      convLayers,
      fcLayers,
      subsamplingLayers,
      blocks: blocks.length,
      projectionShortcuts: blocks.filter((b) => b.shortcut === 'projection').length,
      identityShortcuts: blocks.filter((b) => b.shortcut === 'identity' || b.shortcut === 'zero-pad').length,
      receptiveField: cur.rf,
    },
  };
}
