/**
 * Arranges lab records into chart lines in the layout of He et al. 2015 Fig. 6: one panel per
 * family (plain, ResNet), training error (dashed) and test error (solid) against steps, depth as a
 * shade of the family's colour, and the recorded run as faint lines behind; and lays a panel out as
 * SVG paths. DOM-free: the lab's island and the landing page's build-time figure draw the same
 * geometry, and pick the colours from the design tokens by family and depth rank.
 */
import type { Family } from './config.ts';
import type { RunRecord } from './experiment.ts';

/** One line of a panel. */
export interface Line {
  readonly label: string;
  readonly family: Family;
  /** Rank of the line's depth among the panel's depths (shallow first), and how many there are. */
  readonly depthRank: number;
  readonly depthCount: number;
  readonly kind: 'train' | 'test';
  /** True for the recorded run's lines, drawn faintly. */
  readonly recorded: boolean;
  /** [step, error in percent] pairs in step order. */
  readonly points: readonly (readonly [number, number])[];
}

/** The parts of a record a panel needs (live runs may still be growing). */
export type CurveSource = Pick<RunRecord, 'key' | 'family' | 'depth' | 'curve' | 'evals'>;

/** Error in percent, rounded to 0.1. */
function percent(value: number): number {
  return Math.round(value * 1000) / 10;
}

/**
 * Lines of one panel: for each run of `family` (the reader's first, then the recorded ones), its
 * training error per window and its test error per evaluation.
 */
export function panelLines(
  family: Family,
  runs: readonly CurveSource[],
  recorded: readonly CurveSource[] = [],
): Line[] {
  const depths = [...new Set([...runs, ...recorded].filter((r) => r.family === family).map((r) => r.depth))].sort(
    (a, b) => a - b,
  );
  const name = family === 'plain' ? 'plain' : 'ResNet';
  const lines: Line[] = [];
  const add = (source: readonly CurveSource[], isRecorded: boolean) => {
    for (const run of source.filter((r) => r.family === family).sort((a, b) => a.depth - b.depth)) {
      const common = { family, depthRank: depths.indexOf(run.depth), depthCount: depths.length, recorded: isRecorded };
      const suffix = isRecorded ? ' (recorded)' : '';
      lines.push({
        ...common,
        label: `${name}-${run.depth} training${suffix}`,
        kind: 'train',
        points: run.curve.map((p) => [p.step, percent(p.trainError)] as const),
      });
      lines.push({
        ...common,
        label: `${name}-${run.depth} test${suffix}`,
        kind: 'test',
        points: run.evals.map((p) => [p.step, percent(p.testError)] as const),
      });
    }
  };
  add(runs, false);
  add(recorded, true);
  return lines;
}

/** The drawing area of a panel in SVG units, with room for the axes. */
export interface PlotBox {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** A panel laid out: one path per line, and the ticks of both axes. */
export interface PlotGeometry {
  readonly paths: readonly { readonly line: Line; readonly d: string }[];
  readonly xTicks: readonly { readonly value: number; readonly x: number }[];
  readonly yTicks: readonly { readonly value: number; readonly y: number }[];
}

/** Round tick values covering [0, max]: about `count` of them, at 1, 2 or 5 times a power of ten. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

/**
 * Lays out `lines` in `box`: steps from 0 to `maxStep` (or the largest step drawn) on x, error
 * from 0 to `yMax` percent on y.
 */
export function layoutPanel(lines: readonly Line[], box: PlotBox, yMax = 100, maxStep?: number): PlotGeometry {
  const lastStep = maxStep ?? Math.max(1, ...lines.flatMap((l) => l.points.map((p) => p[0])));
  const plotW = box.width - box.left - box.right;
  const plotH = box.height - box.top - box.bottom;
  const x = (step: number) => box.left + (step / lastStep) * plotW;
  const y = (value: number) => box.top + (1 - Math.min(yMax, Math.max(0, value)) / yMax) * plotH;
  const fmt = (v: number) => String(Math.round(v * 10) / 10);
  return {
    paths: lines
      .filter((l) => l.points.length > 0)
      .map((line) => ({
        line,
        d: line.points.map(([s, v], i) => `${i === 0 ? 'M' : 'L'}${fmt(x(s))} ${fmt(y(v))}`).join(''),
      })),
    xTicks: niceTicks(lastStep, 4).map((value) => ({ value, x: x(value) })),
    yTicks: niceTicks(yMax, 4).map((value) => ({ value, y: y(value) })),
  };
}
