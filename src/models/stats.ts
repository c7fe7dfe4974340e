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
 * DOM-free and TF.js-free.
 */
import { bodyStride, isBlock } from './spec.ts';
import type { BlockSpec, ConvLayerSpec, LayerSpec, ModelSpec, ShortcutKind, StageSpec } from './spec.ts';

/** A tensor shape without the batch axis: `[height, width, channels]` or `[units]`. */
export type Shape = readonly [number, number, number] | readonly [number];

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

/** A spec that cannot be evaluated (negative size, mismatched residual add, …). */
export class SpecError extends Error {
  /** The spec's id. */
  readonly specId: string;
  /** The offending layer (or 'input'). */
  readonly layerId: string;
  constructor(specId: string, layerId: string, detail: string) {
    super(`Model spec "${specId}", layer "${layerId}": ${detail}`);
    this.name = 'SpecError';
    this.specId = specId;
    this.layerId = layerId;
  }
}

/** Formats a shape as "56×56×64" or "1000". */
export function formatShape(shape: Shape): string {
  return shape.join('×');
}

interface Cursor {
  shape: Shape;
  rf: ReceptiveField;
  jump: number;
}

interface Ctx {
  readonly spec: ModelSpec;
  readonly stageId: string;
  readonly blockId: string | null;
  readonly path: LayerPath;
}

function spatial(ctx: Ctx, id: string, shape: Shape): readonly [number, number, number] {
  if (shape.length !== 3) {
    throw new SpecError(ctx.spec.id, id, `needs a [height, width, channels] input, got [${shape.join(', ')}]`);
  }
  return shape;
}

function outSize(ctx: Ctx, id: string, size: number, kernel: number, stride: number, pad: number): number {
  if (!(kernel >= 1 && stride >= 1 && pad >= 0)) {
    throw new SpecError(ctx.spec.id, id, `kernel ${kernel}, stride ${stride}, pad ${pad} are not valid`);
  }
  const out = Math.floor((size + 2 * pad - kernel) / stride) + 1;
  if (out < 1) {
    throw new SpecError(
      ctx.spec.id,
      id,
      `output size ${out} is not positive (input ${size}, kernel ${kernel}, stride ${stride}, pad ${pad})`,
    );
  }
  return out;
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

function convDescription(layer: ConvLayerSpec): string {
  const parts = [`${layer.kernel}×${layer.kernel}, ${layer.filters}`];
  if (layer.stride !== 1) parts.push(`stride ${layer.stride}`);
  // Size-preserving padding is the default reading; only other paddings are worth a word.
  if (layer.pad !== 0 && 2 * layer.pad !== layer.kernel - 1) parts.push(`pad ${layer.pad}`);
  if ((layer.groups ?? 1) !== 1) parts.push(`${layer.groups} groups`);
  if (layer.inputMaps) parts.push('partial connections');
  return parts.join(', ');
}

/** Evaluates one layer; returns its stats and the new cursor. */
function layerStats(ctx: Ctx, layer: LayerSpec, cur: Cursor): LayerStats {
  const { spec } = ctx;
  const base = {
    id: layer.id,
    label: layer.label ?? layer.id,
    kind: layer.kind,
    stageId: ctx.stageId,
    blockId: ctx.blockId,
    path: ctx.path,
    inputShape: cur.shape,
  };
  switch (layer.kind) {
    case 'conv': {
      const [h, w, cin] = spatial(ctx, layer.id, cur.shape);
      const groups = layer.groups ?? 1;
      if (layer.filters < 1) throw new SpecError(spec.id, layer.id, `filters must be positive, got ${layer.filters}`);
      if (cin % groups !== 0 || layer.filters % groups !== 0) {
        throw new SpecError(
          spec.id,
          layer.id,
          `${cin} input and ${layer.filters} output channels do not split into ${groups} groups`,
        );
      }
      const ho = outSize(ctx, layer.id, h, layer.kernel, layer.stride, layer.pad);
      const wo = outSize(ctx, layer.id, w, layer.kernel, layer.stride, layer.pad);
      const k2 = layer.kernel * layer.kernel;
      let weights: number;
      if (layer.inputMaps) {
        if (layer.inputMaps.length !== layer.filters) {
          throw new SpecError(
            spec.id,
            layer.id,
            `connection table has ${layer.inputMaps.length} rows for ${layer.filters} filters`,
          );
        }
        for (const maps of layer.inputMaps) {
          if (maps.length === 0 || maps.some((m) => !Number.isInteger(m) || m < 0 || m >= cin)) {
            throw new SpecError(
              spec.id,
              layer.id,
              `connection table row [${maps.join(', ')}] is not a non-empty subset of 0..${cin - 1}`,
            );
          }
        }
        weights = layer.inputMaps.reduce((sum, maps) => sum + k2 * maps.length, 0);
      } else {
        weights = (k2 * cin * layer.filters) / groups;
      }
      const outputs = ho * wo * layer.filters;
      const biases = layer.bias ? layer.filters : 0;
      const bn = layer.bn ? 2 * layer.filters : 0;
      const macs = ho * wo * weights;
      const rf = growRf(cur.rf, cur.jump, layer.kernel);
      const jump = cur.jump * layer.stride;
      cur.shape = [ho, wo, layer.filters];
      cur.rf = rf;
      cur.jump = jump;
      return {
        ...base,
        outputShape: cur.shape,
        params: weights + biases + bn,
        buffers: bn,
        macs,
        connections: macs + (layer.bias ? outputs : 0),
        receptiveField: rf,
        jump,
        description: convDescription(layer),
      };
    }
    case 'subsample': {
      const [h, w, c] = spatial(ctx, layer.id, cur.shape);
      const ho = outSize(ctx, layer.id, h, layer.size, layer.size, 0);
      const wo = outSize(ctx, layer.id, w, layer.size, layer.size, 0);
      const outputs = ho * wo * c;
      const rf = growRf(cur.rf, cur.jump, layer.size);
      const jump = cur.jump * layer.size;
      cur.shape = [ho, wo, c];
      cur.rf = rf;
      cur.jump = jump;
      return {
        ...base,
        outputShape: cur.shape,
        params: 2 * c,
        buffers: 0,
        macs: outputs,
        connections: outputs * (layer.size * layer.size + 1),
        receptiveField: rf,
        jump,
        description: `${layer.size}×${layer.size} trainable subsampling`,
      };
    }
    case 'pool': {
      const [h, w, c] = spatial(ctx, layer.id, cur.shape);
      const ho = outSize(ctx, layer.id, h, layer.size, layer.stride, layer.pad);
      const wo = outSize(ctx, layer.id, w, layer.size, layer.stride, layer.pad);
      const rf = growRf(cur.rf, cur.jump, layer.size);
      const jump = cur.jump * layer.stride;
      cur.shape = [ho, wo, c];
      cur.rf = rf;
      cur.jump = jump;
      const pad = layer.pad ? `, pad ${layer.pad}` : '';
      return {
        ...base,
        outputShape: cur.shape,
        params: 0,
        buffers: 0,
        macs: 0,
        connections: 0,
        receptiveField: rf,
        jump,
        description: `${layer.size}×${layer.size} ${layer.op} pool, stride ${layer.stride}${pad}`,
      };
    }
    case 'lrn':
    case 'dropout': {
      return {
        ...base,
        outputShape: cur.shape,
        params: 0,
        buffers: 0,
        macs: 0,
        connections: 0,
        receptiveField: cur.rf,
        jump: cur.jump,
        description:
          layer.kind === 'lrn'
            ? `response normalisation over ${2 * layer.radius + 1} channels`
            : `dropout ${layer.rate}`,
      };
    }
    case 'gap': {
      const [, , c] = spatial(ctx, layer.id, cur.shape);
      cur.shape = [c];
      cur.rf = 'global';
      return {
        ...base,
        outputShape: cur.shape,
        params: 0,
        buffers: 0,
        macs: 0,
        connections: 0,
        receptiveField: 'global',
        jump: cur.jump,
        description: 'global average pool',
      };
    }
    case 'flatten': {
      cur.shape = [product(cur.shape)];
      cur.rf = 'global';
      return {
        ...base,
        outputShape: cur.shape,
        params: 0,
        buffers: 0,
        macs: 0,
        connections: 0,
        receptiveField: 'global',
        jump: cur.jump,
        description: 'flatten',
      };
    }
    case 'dense':
    case 'rbf': {
      if (cur.shape.length !== 1) {
        throw new SpecError(
          spec.id,
          layer.id,
          `a fully connected layer needs a flat input, got [${cur.shape.join(', ')}]`,
        );
      }
      if (layer.units < 1) throw new SpecError(spec.id, layer.id, `units must be positive, got ${layer.units}`);
      const inputs = cur.shape[0];
      const weights = inputs * layer.units;
      const biases = layer.kind === 'dense' && layer.bias ? layer.units : 0;
      const bn = layer.kind === 'dense' && layer.bn ? 2 * layer.units : 0;
      cur.shape = [layer.units];
      cur.rf = 'global';
      return {
        ...base,
        outputShape: cur.shape,
        params: layer.kind === 'dense' ? weights + biases + bn : 0,
        buffers: layer.kind === 'rbf' ? weights : bn,
        macs: weights,
        connections: weights + biases,
        receptiveField: 'global',
        jump: cur.jump,
        description: layer.kind === 'dense' ? `fc ${layer.units}` : `${layer.units} Euclidean RBF units`,
      };
    }
  }
}

function blockStats(spec: ModelSpec, stageId: string, block: BlockSpec, cur: Cursor): BlockStats {
  const input: Cursor = { ...cur };
  const mainCtx: Ctx = { spec, stageId, blockId: block.id, path: 'main' };
  const layers: LayerStats[] = [];
  if (block.body.length === 0) throw new SpecError(spec.id, block.id, 'a block needs at least one body layer');
  for (const layer of block.body) layers.push(layerStats(mainCtx, layer, cur));
  const bodyOut = cur.shape;
  const stride = block.body.reduce((s, l) => s * bodyStride(l), 1);
  if (block.shortcut !== 'none') {
    const scCtx: Ctx = { ...mainCtx, path: 'shortcut' };
    let scShape: Shape;
    if (block.shortcut === 'projection') {
      const [, , cout] = spatial(mainCtx, `${block.id}_shortcut`, bodyOut);
      const proj: ConvLayerSpec = {
        kind: 'conv',
        id: `${block.id}_shortcut`,
        label: 'projection',
        filters: cout,
        kernel: 1,
        stride,
        pad: 0,
        bias: false,
        bn: true,
      };
      const sc: Cursor = { ...input };
      layers.push(layerStats(scCtx, proj, sc));
      scShape = sc.shape;
    } else if (block.shortcut === 'zero-pad') {
      const [h, w, cin] = spatial(mainCtx, `${block.id}_shortcut`, input.shape);
      const [, , cout] = spatial(mainCtx, `${block.id}_shortcut`, bodyOut);
      if (cout < cin) {
        throw new SpecError(spec.id, `${block.id}_shortcut`, `zero padding cannot reduce ${cin} channels to ${cout}`);
      }
      scShape = [Math.ceil(h / stride), Math.ceil(w / stride), cout];
      layers.push({
        id: `${block.id}_shortcut`,
        label: 'zero-pad identity',
        kind: 'zero-pad',
        stageId,
        blockId: block.id,
        path: 'shortcut',
        inputShape: input.shape,
        outputShape: scShape,
        params: 0,
        buffers: 0,
        macs: 0,
        connections: 0,
        receptiveField: input.rf,
        jump: input.jump * stride,
        description: `identity, stride ${stride}, +${cout - cin} zero channels`,
      });
    } else {
      scShape = input.shape;
    }
    if (formatShape(scShape) !== formatShape(bodyOut)) {
      throw new SpecError(
        spec.id,
        `${block.id}_add`,
        `residual add of body ${formatShape(bodyOut)} and shortcut ${formatShape(scShape)} needs matching shapes` +
          (block.shortcut !== 'identity'
            ? ''
            : bodyOut.length === 1
              ? '; a fully connected block needs its input width'
              : '; use a projection or zero-pad shortcut'),
      );
    }
    layers.push({
      id: `${block.id}_add`,
      label: 'add',
      kind: 'add',
      stageId,
      blockId: block.id,
      path: 'main',
      inputShape: bodyOut,
      outputShape: bodyOut,
      params: 0,
      buffers: 0,
      macs: 0,
      connections: 0,
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
    inputShape: input.shape,
    outputShape: cur.shape,
    params: sum('params'),
    buffers: sum('buffers'),
    macs: sum('macs'),
    receptiveField: maxRf(cur.rf, input.rf),
    layers,
  };
}

function stageStats(spec: ModelSpec, stage: StageSpec, cur: Cursor): StageStats {
  const inputShape = cur.shape;
  const layers: LayerStats[] = [];
  const blocks: BlockStats[] = [];
  for (const item of stage.items) {
    if (isBlock(item)) {
      const b = blockStats(spec, stage.id, item, cur);
      blocks.push(b);
      layers.push(...b.layers);
    } else {
      layers.push(layerStats({ spec, stageId: stage.id, blockId: null, path: 'main' }, item, cur));
    }
  }
  const sum = (key: 'params' | 'buffers' | 'macs'): number => layers.reduce((s, l) => s + l[key], 0);
  return {
    id: stage.id,
    label: stage.label,
    inputShape,
    outputShape: cur.shape,
    params: sum('params'),
    buffers: sum('buffers'),
    macs: sum('macs'),
    receptiveField: cur.rf,
    blocks,
    layers,
  };
}

function checkIds(spec: ModelSpec): void {
  const seen = new Set<string>();
  const add = (id: string): void => {
    if (seen.has(id)) throw new SpecError(spec.id, id, 'layer id is used twice');
    seen.add(id);
  };
  for (const stage of spec.stages) {
    for (const item of stage.items) {
      add(item.id);
      if (isBlock(item)) for (const l of item.body) add(l.id);
    }
  }
}

/**
 * Derives shapes, parameters, MACs, connections and receptive fields from a spec.
 * @throws SpecError naming the spec and the layer when the spec is impossible.
 */
export function computeStats(spec: ModelSpec): ModelStats {
  const { height, width, channels } = spec.input;
  if (!(height >= 1 && width >= 1 && channels >= 1)) {
    throw new SpecError(spec.id, 'input', `input ${height}×${width}×${channels} is not a valid image size`);
  }
  checkIds(spec);
  const cur: Cursor = { shape: [height, width, channels], rf: 1, jump: 1 };
  const stages = spec.stages.map((stage) => stageStats(spec, stage, cur));
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
    inputShape: [height, width, channels],
    outputShape: cur.shape,
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
