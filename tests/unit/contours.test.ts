import { describe, expect, it } from 'vitest';
import { contourSegments, logLevels } from '../../src/lib/contours.ts';

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
