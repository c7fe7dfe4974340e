/**
 * Spec validation: the one place that decides whether a `ModelSpec` describes a network that can
 * exist, and the shape of every tensor in it. `validateSpec` walks the spec as the data flows,
 * checks every layer against the shape it receives (sizes, channel groups, connection tables, flat
 * inputs for fully connected layers, matching shapes at each residual addition) and returns the
 * spec with those shapes attached. An impossible spec throws a `SpecError` naming the spec and the
 * layer.
 *
 * The statistics (`stats.ts`) count over the checked spec and the TF.js builder builds from it, so
 * neither repeats a check. DOM-free and TF.js-free.
 */
import { bodyStride, isBlock } from './spec.ts';
import type { BlockSpec, BodyLayerSpec, ConvLayerSpec, LayerSpec, ModelSpec, StageSpec } from './spec.ts';

/** A tensor shape without the batch axis: `[height, width, channels]` or `[units]`. */
export type Shape = readonly [number, number, number] | readonly [number];

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

/** A spec layer with the shapes that flow in and out of it. */
export interface ShapedLayer<L extends LayerSpec = LayerSpec> {
  readonly layer: L;
  readonly inputShape: Shape;
  readonly outputShape: Shape;
}

/**
 * A block's shortcut as the spec implies it: nothing, the identity, a projection (a 1×1
 * convolution with the body's stride and BatchNorm, named `${blockId}_shortcut`) or option A's
 * strided identity with zero channels added.
 */
export type ShapedShortcut =
  | { readonly kind: 'none' | 'identity' }
  | { readonly kind: 'projection'; readonly conv: ShapedLayer<ConvLayerSpec> }
  | {
      readonly kind: 'zero-pad';
      readonly id: string;
      readonly inputShape: readonly [number, number, number];
      readonly outputShape: readonly [number, number, number];
      readonly stride: number;
    };

/** A residual (or plain) block with its shapes. */
export interface ShapedBlock {
  readonly block: BlockSpec;
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  /** The product of the body's strides: the stride of a projection or zero-pad shortcut. */
  readonly stride: number;
  readonly body: readonly ShapedLayer<BodyLayerSpec>[];
  readonly shortcut: ShapedShortcut;
}

/** A stage with its shapes; items keep the spec's order. */
export interface ShapedStage {
  readonly stage: StageSpec;
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  readonly items: readonly (ShapedLayer | ShapedBlock)[];
}

/** A spec that `validateSpec` accepted, with the shape of every layer. */
export interface CheckedSpec {
  readonly spec: ModelSpec;
  readonly inputShape: readonly [number, number, number];
  readonly outputShape: Shape;
  readonly stages: readonly ShapedStage[];
}

/** Whether a checked stage item is a block. */
export function isShapedBlock(item: ShapedLayer | ShapedBlock): item is ShapedBlock {
  return 'block' in item;
}

function spatial(spec: ModelSpec, id: string, shape: Shape): readonly [number, number, number] {
  if (shape.length !== 3) {
    throw new SpecError(spec.id, id, `needs a [height, width, channels] input, got [${shape.join(', ')}]`);
  }
  return shape;
}

function outSize(spec: ModelSpec, id: string, size: number, kernel: number, stride: number, pad: number): number {
  if (!(kernel >= 1 && stride >= 1 && pad >= 0)) {
    throw new SpecError(spec.id, id, `kernel ${kernel}, stride ${stride}, pad ${pad} are not valid`);
  }
  const out = Math.floor((size + 2 * pad - kernel) / stride) + 1;
  if (out < 1) {
    throw new SpecError(
      spec.id,
      id,
      `output size ${out} is not positive (input ${size}, kernel ${kernel}, stride ${stride}, pad ${pad})`,
    );
  }
  return out;
}

function checkConnections(spec: ModelSpec, layer: ConvLayerSpec, cin: number): void {
  const { inputMaps } = layer;
  if (!inputMaps) return;
  if (inputMaps.length !== layer.filters) {
    throw new SpecError(
      spec.id,
      layer.id,
      `connection table has ${inputMaps.length} rows for ${layer.filters} filters`,
    );
  }
  for (const maps of inputMaps) {
    if (maps.length === 0 || maps.some((m) => !Number.isInteger(m) || m < 0 || m >= cin)) {
      throw new SpecError(
        spec.id,
        layer.id,
        `connection table row [${maps.join(', ')}] is not a non-empty subset of 0..${cin - 1}`,
      );
    }
  }
}

/** The output shape of one layer given its input shape; throws when the layer cannot take it. */
function layerOutput(spec: ModelSpec, layer: LayerSpec, input: Shape): Shape {
  switch (layer.kind) {
    case 'conv': {
      const [h, w, cin] = spatial(spec, layer.id, input);
      const groups = layer.groups ?? 1;
      if (layer.filters < 1) throw new SpecError(spec.id, layer.id, `filters must be positive, got ${layer.filters}`);
      if (cin % groups !== 0 || layer.filters % groups !== 0) {
        throw new SpecError(
          spec.id,
          layer.id,
          `${cin} input and ${layer.filters} output channels do not split into ${groups} groups`,
        );
      }
      const ho = outSize(spec, layer.id, h, layer.kernel, layer.stride, layer.pad);
      const wo = outSize(spec, layer.id, w, layer.kernel, layer.stride, layer.pad);
      checkConnections(spec, layer, cin);
      return [ho, wo, layer.filters];
    }
    case 'subsample': {
      const [h, w, c] = spatial(spec, layer.id, input);
      return [
        outSize(spec, layer.id, h, layer.size, layer.size, 0),
        outSize(spec, layer.id, w, layer.size, layer.size, 0),
        c,
      ];
    }
    case 'pool': {
      const [h, w, c] = spatial(spec, layer.id, input);
      const { size, stride, pad } = layer;
      return [outSize(spec, layer.id, h, size, stride, pad), outSize(spec, layer.id, w, size, stride, pad), c];
    }
    case 'lrn':
    case 'dropout':
      return input;
    case 'gap':
      return [spatial(spec, layer.id, input)[2]];
    case 'flatten':
      return [input.reduce((a, b) => a * b, 1)];
    case 'dense':
    case 'rbf':
      if (input.length !== 1) {
        throw new SpecError(spec.id, layer.id, `a fully connected layer needs a flat input, got [${input.join(', ')}]`);
      }
      if (layer.units < 1) throw new SpecError(spec.id, layer.id, `units must be positive, got ${layer.units}`);
      return [layer.units];
  }
}

function shapeLayer<L extends LayerSpec>(spec: ModelSpec, layer: L, inputShape: Shape): ShapedLayer<L> {
  return { layer, inputShape, outputShape: layerOutput(spec, layer, inputShape) };
}

function shortcutOf(spec: ModelSpec, block: BlockSpec, input: Shape, bodyOut: Shape, stride: number): ShapedShortcut {
  const id = `${block.id}_shortcut`;
  switch (block.shortcut) {
    case 'none':
    case 'identity':
      return { kind: block.shortcut };
    case 'projection': {
      const [, , cout] = spatial(spec, id, bodyOut);
      const conv: ConvLayerSpec = {
        kind: 'conv',
        id,
        label: 'projection',
        filters: cout,
        kernel: 1,
        stride,
        pad: 0,
        bias: false,
        bn: true,
      };
      return { kind: 'projection', conv: shapeLayer(spec, conv, input) };
    }
    case 'zero-pad': {
      const inputShape = spatial(spec, id, input);
      const [h, w, cin] = inputShape;
      const [, , cout] = spatial(spec, id, bodyOut);
      if (cout < cin) throw new SpecError(spec.id, id, `zero padding cannot reduce ${cin} channels to ${cout}`);
      return {
        kind: 'zero-pad',
        id,
        inputShape,
        outputShape: [Math.ceil(h / stride), Math.ceil(w / stride), cout],
        stride,
      };
    }
  }
}

function shapeBlock(spec: ModelSpec, block: BlockSpec, inputShape: Shape): ShapedBlock {
  if (block.body.length === 0) throw new SpecError(spec.id, block.id, 'a block needs at least one body layer');
  const body: ShapedLayer<BodyLayerSpec>[] = [];
  let shape = inputShape;
  for (const layer of block.body) {
    const shaped = shapeLayer(spec, layer, shape);
    body.push(shaped);
    shape = shaped.outputShape;
  }
  const stride = block.body.reduce((s, l) => s * bodyStride(l), 1);
  const shortcut = shortcutOf(spec, block, inputShape, shape, stride);
  const shortcutShape =
    shortcut.kind === 'identity'
      ? inputShape
      : shortcut.kind === 'projection'
        ? shortcut.conv.outputShape
        : shortcut.kind === 'zero-pad'
          ? shortcut.outputShape
          : shape;
  if (formatShape(shortcutShape) !== formatShape(shape)) {
    throw new SpecError(
      spec.id,
      `${block.id}_add`,
      `residual add of body ${formatShape(shape)} and shortcut ${formatShape(shortcutShape)} needs matching shapes` +
        (block.shortcut !== 'identity'
          ? ''
          : shape.length === 1
            ? '; a fully connected block needs its input width'
            : '; use a projection or zero-pad shortcut'),
    );
  }
  return { block, inputShape, outputShape: shape, stride, body, shortcut };
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
 * Checks a spec and infers the shape of every layer, block and stage.
 * @throws SpecError naming the spec and the layer when the spec is impossible.
 */
export function validateSpec(spec: ModelSpec): CheckedSpec {
  const { height, width, channels } = spec.input;
  if (!(height >= 1 && width >= 1 && channels >= 1)) {
    throw new SpecError(spec.id, 'input', `input ${height}×${width}×${channels} is not a valid image size`);
  }
  checkIds(spec);
  const inputShape = [height, width, channels] as const;
  let shape: Shape = inputShape;
  const stages = spec.stages.map((stage): ShapedStage => {
    const stageInput = shape;
    const items = stage.items.map((item) => {
      const shaped = isBlock(item) ? shapeBlock(spec, item, shape) : shapeLayer(spec, item, shape);
      shape = shaped.outputShape;
      return shaped;
    });
    return { stage, inputShape: stageInput, outputShape: shape, items };
  });
  return { spec, inputShape, outputShape: shape, stages };
}
