/**
 * Arranges lab records into chart series in the layout of He et al. 2015 Fig. 6: one panel per
 * family (plain, ResNet), training error (thin) and test error (bold) against steps, one colour per
 * depth, and the recorded reference run as faint lines behind. DOM-free; the island hands the
 * result to uPlot.
 */
import type { Family } from './config.ts';
import type { RunRecord } from './experiment.ts';

/** Colours by depth rank, shallow to deep (colour-blind-safe Okabe-Ito picks). */
export const DEPTH_COLOURS: readonly string[] = ['#0072b2', '#d55e00', '#009e73', '#cc79a7'];

/** One line of a panel. */
export interface SeriesSpec {
  readonly label: string;
  readonly colour: string;
  readonly width: number;
  readonly dash: readonly number[] | null;
  /** 1 for the reader's runs, lower for the reference. */
  readonly alpha: number;
}

/** A panel's data: x (steps) then one array per series, aligned, null where a series has no point. */
export interface PanelData {
  readonly series: readonly SeriesSpec[];
  readonly data: readonly (readonly (number | null)[])[];
}

/** The parts of a record a panel needs (live runs may still be growing). */
export type CurveSource = Pick<RunRecord, 'key' | 'family' | 'depth' | 'curve' | 'evals'>;

/** Error in percent, rounded to 0.1. */
function percent(value: number): number {
  return Math.round(value * 1000) / 10;
}

/**
 * Series of one panel: for each run of `family` (reader's first, then the reference), its
 * training error per window and its test error per evaluation.
 */
export function panelData(
  family: Family,
  runs: readonly CurveSource[],
  reference: readonly CurveSource[] = [],
): PanelData {
  const depths = [...new Set([...runs, ...reference].filter((r) => r.family === family).map((r) => r.depth))].sort(
    (a, b) => a - b,
  );
  const colour = (depth: number) => DEPTH_COLOURS[depths.indexOf(depth) % DEPTH_COLOURS.length] as string;
  const name = family === 'plain' ? 'plain' : 'ResNet';
  const lines: { spec: SeriesSpec; points: Map<number, number> }[] = [];
  const add = (source: readonly CurveSource[], alpha: number, suffix: string) => {
    for (const run of source.filter((r) => r.family === family).sort((a, b) => a.depth - b.depth)) {
      const c = colour(run.depth);
      lines.push({
        spec: { label: `${name}-${run.depth} training error${suffix}`, colour: c, width: 1, dash: [4, 3], alpha },
        points: new Map(run.curve.map((p) => [p.step, percent(p.trainError)])),
      });
      lines.push({
        spec: { label: `${name}-${run.depth} test error${suffix}`, colour: c, width: 2.5, dash: null, alpha },
        points: new Map(run.evals.map((p) => [p.step, percent(p.testError)])),
      });
    }
  };
  add(runs, 1, '');
  add(reference, 0.25, ' (recorded)');
  const steps = [...new Set(lines.flatMap((l) => [...l.points.keys()]))].sort((a, b) => a - b);
  return {
    series: lines.map((l) => l.spec),
    data: [steps, ...lines.map((l) => steps.map((s) => l.points.get(s) ?? null))],
  };
}

/** Per-layer values scaled to [0, 1] by the largest of all the given rows, for a shared heatmap scale. */
export function normaliseRows(rows: readonly (readonly number[])[]): { rows: number[][]; max: number } {
  const max = Math.max(1e-12, ...rows.flatMap((r) => r.filter((v) => Number.isFinite(v))));
  return { rows: rows.map((r) => r.map((v) => (Number.isFinite(v) ? v / max : 0))), max };
}
