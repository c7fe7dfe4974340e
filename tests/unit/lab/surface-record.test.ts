/**
 * The recorded loss-surface slices that why-it-works shows: well formed, their measures recomputed
 * from the grid they store, and the effect the chapter describes present in them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { surfaceOf, surfaceStat } from '../../../src/lab/surface-facts.ts';
import type { RecordedSurfaces } from '../../../src/lab/surface-record.ts';
import { centreLoss, localMinima, roughness, surfaceAxis } from '../../../src/training/loss-surface.ts';

const recorded = JSON.parse(
  readFileSync(new URL('../../../public/data/runs/surface.json', import.meta.url), 'utf8'),
) as RecordedSurfaces;

describe('the recorded loss-surface slices', () => {
  it('hold one plain and one residual net of the same depth, on a full grid', () => {
    const plain = surfaceOf(recorded, 'plain');
    const residual = surfaceOf(recorded, 'resnet');
    expect(plain.depth).toBe(residual.depth);
    for (const s of [plain, residual]) {
      const { resolution, range, loss, axis } = s.surface;
      expect(loss).toHaveLength(resolution * resolution);
      expect(loss.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
      expect(axis).toEqual(surfaceAxis(resolution, range).map((v) => Number(v.toPrecision(4))));
      expect(s.steps).toBe(recorded.config.steps);
    }
    expect(() => surfaceOf({ ...recorded, surfaces: [plain] }, 'resnet')).toThrow(/no resnet net/);
  });

  it('store measures that the stored grid reproduces', () => {
    for (const s of recorded.surfaces) {
      expect(roughness(s.surface)).toBeCloseTo(s.roughness, 2);
      expect(localMinima(s.surface)).toBe(s.localMinima);
      expect(surfaceStat(recorded, s.family, 'centreLoss')).toBe(centreLoss(s.surface));
    }
  });

  it('show the plain net’s slice rougher than the residual net’s, with more local minima', () => {
    expect(surfaceStat(recorded, 'plain', 'roughness')).toBeGreaterThan(
      1.5 * surfaceStat(recorded, 'resnet', 'roughness'),
    );
    expect(surfaceStat(recorded, 'plain', 'localMinima')).toBeGreaterThan(
      surfaceStat(recorded, 'resnet', 'localMinima'),
    );
    // The residual net sits at the bottom of its slice; the plain one does not.
    expect(surfaceStat(recorded, 'resnet', 'centreLoss')).toBe(surfaceStat(recorded, 'resnet', 'lowestLoss'));
    expect(surfaceStat(recorded, 'plain', 'centreLoss')).toBeGreaterThan(surfaceStat(recorded, 'plain', 'lowestLoss'));
  });
});
