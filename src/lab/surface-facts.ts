/**
 * What the recorded loss-surface slices (public/data/runs/surface.json) show, as figures the chapter
 * quotes through components/figures/SurfaceStat.astro. Pure; the record comes in as data.
 */
import type { Family } from './config.ts';
import type { RecordedSurfaces } from './surface-record.ts';

/** A figure of one family's slice. */
export type SurfaceStatName = 'roughness' | 'localMinima' | 'centreLoss' | 'lowestLoss' | 'depth' | 'points';

/** One family's slice of a record, or an error naming the families it has. */
export function surfaceOf(recorded: RecordedSurfaces, family: Family): RecordedSurfaces['surfaces'][number] {
  const found = recorded.surfaces.find((s) => s.family === family);
  if (!found)
    throw new Error(
      `The recorded surfaces have no ${family} net (they have ${recorded.surfaces.map((s) => s.family).join(', ')}).`,
    );
  return found;
}

/** A figure of one family's slice, as a number. */
export function surfaceStat(recorded: RecordedSurfaces, family: Family, stat: SurfaceStatName): number {
  const s = surfaceOf(recorded, family);
  const { loss, resolution } = s.surface;
  const mid = (resolution - 1) / 2;
  switch (stat) {
    case 'roughness':
      return s.roughness;
    case 'localMinima':
      return s.localMinima;
    case 'centreLoss':
      return loss[mid * resolution + mid] ?? Number.NaN;
    case 'lowestLoss':
      return Math.min(...loss);
    case 'depth':
      return s.depth;
    case 'points':
      return resolution * resolution;
  }
}
