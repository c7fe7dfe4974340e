/**
 * One network's loss-surface slice as a filled contour plot: bands between the shared levels in the
 * family's colour (darker is lower), the level lines over them, and the trained weights as a dot at
 * the centre. The bands and lines come from src/lib/contours.ts, as in the chapter's recorded figure.
 */
import type { JSX } from 'preact';
import type { SurfaceInfo, SurfaceResult } from '../../src/lab/surface-session.ts';
import { figure } from '../../src/lab/surface-state.ts';
import { contourBands, contourSegments, polygonsPath, segmentsPath } from '../../src/lib/contours.ts';
import { centreLoss } from '../../src/training/loss-surface.ts';
import { familyColour } from '../demo/tokens.ts';

const SIZE = 200;
const PAD = 24;

/** "plain-20" or "ResNet-20". */
export function netName(info: SurfaceInfo): string {
  return `${info.family === 'plain' ? 'plain' : 'ResNet'}-${String(info.depth)}`;
}

export function SurfacePlot({
  info,
  result,
  levels,
}: {
  info: SurfaceInfo;
  result: SurfaceResult;
  /** Ascending, the same for every panel. */
  levels: readonly number[];
}): JSX.Element {
  const { surface } = result;
  const n = surface.resolution;
  const x = (i: number): number => PAD + (i / (n - 1)) * SIZE;
  const y = (j: number): number => PAD + SIZE - (j / (n - 1)) * SIZE;
  const bands = contourBands(surface.loss, n, levels);
  const tone = info.family === 'plain' ? 'plain' : 'residual';
  const colour = familyColour(tone);
  const label =
    `${netName(info)} loss surface, ${String(n)}×${String(n)} grid: loss ${figure(centreLoss(surface))} at the trained weights, ` +
    `from ${figure(Math.min(...surface.loss))} to ${figure(Math.max(...surface.loss))}; ` +
    `${String(result.localMinima)} local minima, roughness ${figure(result.roughness)}.`;
  return (
    <figure class="surface-panel">
      <svg viewBox={`0 0 ${SIZE + 2 * PAD} ${SIZE + 2 * PAD}`} role="img" aria-label={label}>
        {bands.map((polygons, b) => (
          <path
            key={b}
            d={polygonsPath(polygons, x, y)}
            fill={colour}
            stroke={colour}
            data-tone={tone}
            stroke-width="0.4"
            fill-opacity={(1 - b / Math.max(1, bands.length - 1)) * 0.85 + 0.05}
            stroke-opacity={(1 - b / Math.max(1, bands.length - 1)) * 0.85 + 0.05}
          />
        ))}
        {levels.map((level) => (
          <path key={level} class="surface-line" d={segmentsPath(contourSegments(surface.loss, n, level), x, y)} />
        ))}
        <rect class="surface-frame" x={PAD} y={PAD} width={SIZE} height={SIZE} />
        <circle class="surface-centre" cx={x((n - 1) / 2)} cy={y((n - 1) / 2)} r="3.5" />
        <text x={PAD + SIZE / 2} y={SIZE + 2 * PAD - 6} text-anchor="middle">
          α
        </text>
        <text x={10} y={PAD + SIZE / 2} text-anchor="middle">
          β
        </text>
      </svg>
      <figcaption>{netName(info)}</figcaption>
    </figure>
  );
}
