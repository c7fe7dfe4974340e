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
