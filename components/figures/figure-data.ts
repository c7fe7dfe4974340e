/**
 * The numbers behind the build-time teaching figures (components/figures/*.astro): pure functions of
 * the model zoo and the recorded published results, so that a unit test can check what a figure
 * draws. DOM-free; nothing here runs in the browser.
 */
import { statsOf } from '../../src/models/lookup.ts';
import { getSpec } from '../../src/models/registry.ts';
import { isBlock } from '../../src/models/spec.ts';
import { accuracyOf, type PublishedFigure } from '../../src/reference/published.ts';

/** One bar of a path-length histogram: paths through exactly `blocks` residual blocks. */
export interface PathLengthBar {
  readonly blocks: number;
  /** The share of all 2^n paths, C(n, k) / 2^n. */
  readonly share: number;
}

/**
 * The distribution of path lengths in a network of `n` residual blocks unrolled as Veit et al. do:
 * each block is either taken or skipped, so the number of paths through k blocks is C(n, k), out of
 * 2^n (binomial, mean n/2). Computed as a running product so that no count overflows.
 */
export function pathLengths(n: number): PathLengthBar[] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`pathLengths(${String(n)}): n must be a whole number ≥ 1`);
  const bars: PathLengthBar[] = [];
  let share = 2 ** -n;
  for (let k = 0; k <= n; k++) {
    bars.push({ blocks: k, share });
    share = (share * (n - k)) / (k + 1);
  }
  return bars;
}

/** The residual blocks of a zoo model and the weight layers in each (the same for every block here). */
export function residualBlocksOf(model: string): { blocks: number; layersPerBlock: number } {
  const spec = getSpec(model);
  const blocks = spec.stages.flatMap((s) => s.items).filter(isBlock);
  const first = blocks[0];
  if (!first || blocks.some((b) => b.shortcut === 'none')) {
    throw new Error(`Model "${model}" has no residual blocks; a path-length figure needs a ResNet.`);
  }
  const layersPerBlock = first.body.length;
  if (blocks.some((b) => b.body.length !== layersPerBlock)) {
    throw new Error(`Model "${model}" mixes block depths; its paths cannot be counted in layers.`);
  }
  return { blocks: blocks.length, layersPerBlock };
}

/** One row of the depth / parameters / MACs / top-1 figure. */
export interface ComparisonRow {
  readonly model: string;
  readonly label: string;
  readonly family: 'plain' | 'residual';
  readonly weightLayers: number;
  readonly params: number;
  readonly macs: number;
  /** The published top-1 accuracy it is read from, when one is recorded for this model. */
  readonly accuracy: PublishedFigure | undefined;
  /** 100 − the published top-1 accuracy, in percent; null when none is recorded. */
  readonly top1Error: number | null;
  /** The same, printed with the published number of decimals ("23.870"). */
  readonly top1ErrorText: string | null;
}

/** The rows of the comparison figure, each computed by the zoo and the recorded published results. */
export function comparisonRows(rows: readonly (readonly [model: string, label: string])[]): ComparisonRow[] {
  return rows.map(([model, label]) => {
    const { totals } = statsOf(model);
    const family = getSpec(model).family;
    const accuracy = accuracyOf(model, 'top-1 accuracy');
    const decimals = accuracy?.value.split('.')[1]?.length ?? 0;
    const error = accuracy ? (100 - Number(accuracy.value)).toFixed(decimals) : null;
    return {
      model,
      label,
      family: family === 'resnet' || family === 'cifar-resnet' || family === 'mlp-resnet' ? 'residual' : 'plain',
      weightLayers: totals.weightLayers,
      params: totals.params,
      macs: totals.macs,
      accuracy,
      // Rounded to the published precision, so 100 − 73.314 is 26.686, not 26.686000000000007.
      top1Error: error === null ? null : Number(error),
      top1ErrorText: error,
    };
  });
}

/** Nice tick values 0, step, 2·step … ≤ max, with a step of 1, 2 or 5 times a power of ten. */
export function ticks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const out: number[] = [];
  for (let v = 0; v <= max + 1e-12; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}
