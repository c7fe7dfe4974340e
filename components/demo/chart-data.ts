/**
 * Growing series for the live charts: columnar arrays that points are appended to (uPlot's data
 * layout), so a redraw never rebuilds the history. DOM-free.
 */

/** x values and one or more y series; null marks a gap (e.g. steps without a test accuracy). */
export class ChartSeries {
  readonly x: number[] = [];
  readonly ys: (number | null)[][];
  /** Bumped on every change, so views know when to redraw. */
  version = 0;

  constructor(seriesCount: number) {
    this.ys = Array.from({ length: seriesCount }, () => []);
  }

  append(x: number, values: readonly (number | null)[]): void {
    this.x.push(x);
    this.ys.forEach((series, i) => series.push(values[i] ?? null));
    this.version += 1;
  }

  clear(): void {
    this.x.length = 0;
    for (const series of this.ys) series.length = 0;
    this.version += 1;
  }

  /** The last non-null value of series `i`. */
  last(i: number): number | null {
    const series = this.ys[i] ?? [];
    for (let k = series.length - 1; k >= 0; k -= 1) {
      const value = series[k];
      if (value !== null && value !== undefined) return value;
    }
    return null;
  }
}

/**
 * Where a key moves a chart's cursor over `count` points from `current`: arrows by one point,
 * Page Up and Down by ten, Home and End to the ends (clamped); 'latest' for Escape (back to
 * following the newest point); null for any other key.
 */
export function cursorTarget(key: string, current: number, count: number): number | 'latest' | null {
  if (key === 'Escape') return 'latest';
  const moves: Readonly<Record<string, number>> = {
    ArrowLeft: current - 1,
    ArrowRight: current + 1,
    Home: 0,
    End: count - 1,
    PageDown: current - 10,
    PageUp: current + 10,
  };
  const target = moves[key];
  return target === undefined ? null : Math.min(count - 1, Math.max(0, target));
}

/**
 * The readout of point `at` of `data`, e.g. "step 40: plain 0.512 · residual 0.231"; a gap prints
 * "–". `labels` name the y series in order.
 */
export function chartReadout(
  data: ChartSeries,
  at: number,
  xLabel: string,
  labels: readonly string[],
  format: (value: number) => string,
): string {
  if (at < 0) return 'No points yet.';
  const values = labels.map((label, i) => {
    const value = data.ys[i]?.[at];
    return `${label} ${value === null || value === undefined ? '–' : format(value)}`;
  });
  return `${xLabel} ${data.x[at] ?? ''}: ${values.join(' · ')}`;
}
