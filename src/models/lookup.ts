/**
 * Looks up one figure of one model for the inline views (`<Stat>`, `<ShapeOf>`), so a chapter never
 * types a number. Every miss throws with the model, the name asked for and what exists instead:
 * at build time that stops the build with a message naming the fix.
 */
import { formatCount, type CountFormat } from './format.ts';
import { getSpec } from './registry.ts';
import { computeStats, type ModelStats, type ReceptiveField, type TotalStats } from './stats.ts';
import { formatShape, type Shape } from './validate.ts';

/** Figures `<Stat>` can print. Totals, or per stage/block/layer where `at` is given. */
export type StatName = Exclude<keyof TotalStats, 'receptiveField'> | 'receptiveField';

/** Figures that exist per stage, block and layer too. */
const SCOPED: readonly StatName[] = ['params', 'macs', 'buffers', 'receptiveField'];

const statsCache = new Map<string, ModelStats>();

/** `computeStats(getSpec(id))`, memoised (build pages ask for the same model many times). */
export function statsOf(modelId: string): ModelStats {
  let s = statsCache.get(modelId);
  if (!s) {
    s = computeStats(getSpec(modelId));
    statsCache.set(modelId, s);
  }
  return s;
}

interface Scoped {
  readonly params: number;
  readonly buffers: number;
  readonly macs: number;
  readonly receptiveField: ReceptiveField;
  readonly inputShape: Shape;
  readonly outputShape: Shape;
}

/** A stage, block or layer of a model by id (or label, e.g. "conv3_1"). */
export function partOf(modelId: string, at: string): Scoped {
  const s = statsOf(modelId);
  if (at === 'input') {
    return { params: 0, buffers: 0, macs: 0, receptiveField: 1, inputShape: s.inputShape, outputShape: s.inputShape };
  }
  const found =
    s.stages.find((x) => x.id === at) ??
    s.blocks.find((x) => x.id === at) ??
    s.layers.find((x) => x.id === at) ??
    s.stages.find((x) => x.label === at) ??
    s.blocks.find((x) => x.label === at);
  if (!found) {
    const known = [...s.stages.map((x) => x.id), ...s.blocks.map((x) => x.label), ...s.layers.map((x) => x.id)];
    throw new Error(
      `Model "${modelId}" has no stage, block or layer "${at}". Known: input, ${[...new Set(known)].join(', ')}.`,
    );
  }
  return found;
}

/** The raw value of a figure: a number, or 'global' for a global receptive field. */
export function statValue(modelId: string, stat: StatName, at?: string): number | 'global' {
  const s = statsOf(modelId);
  if (at !== undefined) {
    if (!SCOPED.includes(stat)) {
      throw new Error(`Stat "${stat}" of model "${modelId}" exists only for the whole model; drop at="${at}".`);
    }
    return partOf(modelId, at)[stat as 'params' | 'buffers' | 'macs' | 'receptiveField'];
  }
  if (!(stat in s.totals)) {
    throw new Error(`Unknown stat "${stat}" for model "${modelId}". Known: ${Object.keys(s.totals).join(', ')}.`);
  }
  return s.totals[stat];
}

/**
 * A figure as text: counts with thousands separators (or in M / G), a receptive field as
 * "899 px" or "the whole image".
 */
export function formatStat(
  modelId: string,
  stat: StatName,
  format: CountFormat = 'exact',
  at?: string,
  digits?: number,
): string {
  const v = statValue(modelId, stat, at);
  if (v === 'global') return 'the whole image';
  if (stat === 'receptiveField') return `${v}\u00a0px`;
  return formatCount(v, format, digits);
}

/** The output shape of a stage, block or layer (or 'input'), e.g. "56×56×64". */
export function shapeOf(modelId: string, at: string, which: 'output' | 'input' = 'output'): string {
  const p = partOf(modelId, at);
  return formatShape(which === 'output' ? p.outputShape : p.inputShape);
}
