import { describe, expect, it } from 'vitest';
import { contourBands, contourSegments, logLevels, polygonsPath } from '../../src/lib/contours.ts';

/** Samples f on an n×n grid over [-1, 1]². */
function grid(n: number, f: (x: number, y: number) => number): number[] {
  const c = (k: number): number => -1 + (2 * k) / (n - 1);
  return Array.from({ length: n * n }, (_, k) => f(c(k % n), c(Math.floor(k / n))));
}

describe('contourSegments', () => {
  it('draws a closed ring around a bowl, every point at the level’s radius', () => {
    const n = 41;
    const segments = contourSegments(
      grid(n, (x, y) => x * x + y * y),
      n,
      0.2601, // radius 0.51: no grid point lies exactly on the level
    );
    expect(segments.length).toBeGreaterThan(20);
    for (const segment of segments) {
      for (const [i, j] of segment) {
        const r = Math.hypot(-1 + (2 * i) / (n - 1), -1 + (2 * j) / (n - 1));
        expect(Math.abs(r - 0.51)).toBeLessThan(0.02);
      }
    }
    // Closed: every end point is shared by exactly two segments.
    const key = ([i, j]: readonly [number, number]): string => `${i.toFixed(6)},${j.toFixed(6)}`;
    const counts = new Map<string, number>();
    for (const s of segments) for (const p of s) counts.set(key(p), (counts.get(key(p)) ?? 0) + 1);
    expect([...counts.values()].every((c) => c === 2)).toBe(true);
  });

  it('draws nothing for a level outside the values, and skips cells with non-finite corners', () => {
    const n = 11;
    const values = grid(n, (x, y) => x + y);
    expect(contourSegments(values, n, 5)).toEqual([]);
    const holed = values.map((v, k) => (k === 0 ? Number.NaN : v));
    expect(contourSegments(holed, n, -1.9)).toEqual([]);
  });
});

describe('logLevels', () => {
  it('spaces levels evenly in log, strictly inside the range', () => {
    const levels = logLevels(0.1, 10, 3);
    expect(levels.map((l) => Number(l.toPrecision(6)))).toEqual([0.316228, 1, 3.16228]);
  });
});

describe('contourBands', () => {
  /** Shoelace area of a polygon. */
  const area = (polygon: readonly (readonly [number, number])[]): number =>
    Math.abs(
      polygon.reduce((sum, [x1, y1], k) => {
        const [x2, y2] = polygon[(k + 1) % polygon.length] as readonly [number, number];
        return sum + x1 * y2 - x2 * y1;
      }, 0),
    ) / 2;

  it('tiles the grid: the bands of a ramp have the areas between their levels', () => {
    const n = 5;
    // f = i (the column), so the band between levels a and b covers (b - a) × (n - 1).
    const values = Array.from({ length: n * n }, (_, k) => k % n);
    const bands = contourBands(values, n, [0.5, 2, 3.25]);
    const areas = bands.map((polygons) => polygons.reduce((sum, p) => sum + area(p), 0));
    expect(areas[0]).toBeCloseTo(0.5 * 4);
    expect(areas[1]).toBeCloseTo(1.5 * 4);
    expect(areas[2]).toBeCloseTo(1.25 * 4);
    expect(areas[3]).toBeCloseTo(0.75 * 4);
    for (const polygons of bands) for (const p of polygons) expect(p.length).toBeGreaterThanOrEqual(3);
  });

  it('puts the bottom of a bowl in the lowest band only, and skips cells with a missing value', () => {
    const n = 21;
    const values = grid(n, (x, y) => x * x + y * y);
    const levels = logLevels(0.01, 2, 6);
    const bands = contourBands(values, n, levels);
    const centre = (n - 1) / 2;
    const holds = (polygons: readonly (readonly (readonly [number, number])[])[]) =>
      polygons.some((p) => p.some(([i, j]) => i === centre && j === centre));
    expect(holds(bands[0] ?? [])).toBe(true);
    expect(bands.slice(2).some(holds)).toBe(false);
    const total = bands.flat().reduce((sum, p) => sum + area(p), 0);
    expect(total).toBeCloseTo((n - 1) ** 2, 6);
    const holed = [...values];
    holed[0] = Number.NaN;
    const less = contourBands(holed, n, levels)
      .flat()
      .reduce((sum, p) => sum + area(p), 0);
    expect(less).toBeCloseTo((n - 1) ** 2 - 1, 6);
    expect(
      polygonsPath(
        [
          [
            [0, 0],
            [1, 0],
            [1, 1],
          ],
        ],
        (i) => i * 10,
        (j) => j * 10,
      ),
    ).toBe('M0.0 0.0L10.0 0.0L10.0 10.0Z');
  });
});
