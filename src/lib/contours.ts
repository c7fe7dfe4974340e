/**
 * Contour lines of a function sampled on a square grid (marching squares with linear
 * interpolation), for build-time SVG figures. Pure; no DOM.
 */

/** A line segment between two points in grid coordinates (0 … n-1 on each axis). */
export type Segment = readonly [readonly [number, number], readonly [number, number]];

/**
 * The segments where `values` (row-major, `values[j * n + i]` at column i, row j) crosses `level`.
 * Saddle cells are split by the mean of their four corners.
 */
export function contourSegments(values: readonly number[], n: number, level: number): Segment[] {
  const at = (i: number, j: number): number => values[j * n + i] ?? Number.NaN;
  const segments: Segment[] = [];
  const cross = (a: number, b: number): number => (level - a) / (b - a);
  for (let j = 0; j < n - 1; j += 1) {
    for (let i = 0; i < n - 1; i += 1) {
      const v00 = at(i, j);
      const v10 = at(i + 1, j);
      const v11 = at(i + 1, j + 1);
      const v01 = at(i, j + 1);
      if (![v00, v10, v11, v01].every(Number.isFinite)) continue;
      // Edge crossing points: bottom (j), right (i+1), top (j+1), left (i).
      const bottom: [number, number] = [i + cross(v00, v10), j];
      const right: [number, number] = [i + 1, j + cross(v10, v11)];
      const top: [number, number] = [i + cross(v01, v11), j + 1];
      const left: [number, number] = [i, j + cross(v00, v01)];
      const code = (v00 > level ? 1 : 0) | (v10 > level ? 2 : 0) | (v11 > level ? 4 : 0) | (v01 > level ? 8 : 0);
      const centreAbove = (v00 + v10 + v11 + v01) / 4 > level;
      switch (code) {
        case 0:
        case 15:
          break;
        case 1:
        case 14:
          segments.push([left, bottom]);
          break;
        case 2:
        case 13:
          segments.push([bottom, right]);
          break;
        case 3:
        case 12:
          segments.push([left, right]);
          break;
        case 4:
        case 11:
          segments.push([right, top]);
          break;
        case 6:
        case 9:
          segments.push([bottom, top]);
          break;
        case 7:
        case 8:
          segments.push([left, top]);
          break;
        case 5:
          segments.push(
            ...(centreAbove
              ? [[left, top] as Segment, [bottom, right] as Segment]
              : [[left, bottom] as Segment, [right, top] as Segment]),
          );
          break;
        case 10:
          segments.push(
            ...(centreAbove
              ? [[left, bottom] as Segment, [right, top] as Segment]
              : [[left, top] as Segment, [bottom, right] as Segment]),
          );
          break;
        default:
          break;
      }
    }
  }
  return segments;
}

/** `count` levels spaced evenly in log between `min` and `max` (both positive), ends excluded. */
export function logLevels(min: number, max: number, count: number): number[] {
  const lo = Math.log(min);
  const hi = Math.log(max);
  return Array.from({ length: count }, (_, k) => Math.exp(lo + ((hi - lo) * (k + 1)) / (count + 1)));
}

/** An SVG path (`M … L …` per segment) of the segments, mapped by `toX`, `toY` from grid coordinates. */
export function segmentsPath(
  segments: readonly Segment[],
  toX: (i: number) => number,
  toY: (j: number) => number,
): string {
  const f = (v: number): string => v.toFixed(1);
  return segments.map(([[i1, j1], [i2, j2]]) => `M${f(toX(i1))} ${f(toY(j1))}L${f(toX(i2))} ${f(toY(j2))}`).join('');
}

/** A polygon in grid coordinates. */
export type Polygon = readonly (readonly [number, number])[];

/** A vertex of a polygon being clipped, with the function's value there. */
type Vertex = readonly [number, number, number];

/** The part of a convex polygon where the linear interpolant is ≥ `level` (`keepAbove`) or ≤ it. */
function clip(polygon: readonly Vertex[], level: number, keepAbove: boolean): Vertex[] {
  const inside = (v: Vertex): boolean => (keepAbove ? v[2] >= level : v[2] <= level);
  const out: Vertex[] = [];
  polygon.forEach((q, k) => {
    const p = polygon[(k + polygon.length - 1) % polygon.length] as Vertex;
    if (inside(p) !== inside(q)) {
      const t = (level - p[2]) / (q[2] - p[2]);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]), level]);
    }
    if (inside(q)) out.push(q);
  });
  return out;
}

/**
 * Filled contours: for each of the `levels.length + 1` bands (below the first level, between
 * neighbouring levels, above the last), the polygons where the function lies in it. Each grid cell
 * is split into two triangles on which the function is interpolated linearly, so the bands meet
 * exactly the lines of {@link contourSegments}' levels up to the saddle choice. `levels` ascending.
 */
export function contourBands(values: readonly number[], n: number, levels: readonly number[]): Polygon[][] {
  const bands: Polygon[][] = Array.from({ length: levels.length + 1 }, () => []);
  const vertex = (i: number, j: number): Vertex => [i, j, values[j * n + i] ?? Number.NaN];
  for (let j = 0; j < n - 1; j += 1) {
    for (let i = 0; i < n - 1; i += 1) {
      const triangles = [
        [vertex(i, j), vertex(i + 1, j), vertex(i + 1, j + 1)],
        [vertex(i, j), vertex(i + 1, j + 1), vertex(i, j + 1)],
      ];
      for (const triangle of triangles) {
        if (!triangle.every((v) => Number.isFinite(v[2]))) continue;
        const lo = Math.min(...triangle.map((v) => v[2]));
        const hi = Math.max(...triangle.map((v) => v[2]));
        for (let b = 0; b < bands.length; b += 1) {
          const below = levels[b - 1] ?? -Infinity;
          const above = levels[b] ?? Infinity;
          if (hi < below || lo > above) continue;
          let part: Vertex[] = triangle;
          if (lo < below) part = clip(part, below, true);
          if (hi > above) part = clip(part, above, false);
          if (part.length >= 3) bands[b]?.push(part.map(([x, y]) => [x, y] as const));
        }
      }
    }
  }
  return bands;
}

/** An SVG path (one closed `M … L … Z` per polygon), mapped by `toX`, `toY` from grid coordinates. */
export function polygonsPath(
  polygons: readonly Polygon[],
  toX: (i: number) => number,
  toY: (j: number) => number,
): string {
  const f = (v: number): string => v.toFixed(1);
  return polygons
    .map((polygon) => `${polygon.map(([i, j], k) => `${k === 0 ? 'M' : 'L'}${f(toX(i))} ${f(toY(j))}`).join('')}Z`)
    .join('');
}
