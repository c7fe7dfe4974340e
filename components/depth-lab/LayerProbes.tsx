/**
 * Inside the nets (He et al. 2015 Fig. 7): for each network, one heatmap row per measurement time
 * (at initialisation and the latest probe) and one cell per layer, for the response standard
 * deviation (after BN, before ReLU) and the weight-gradient norm. Colour is shared across networks
 * so plain and ResNet can be compared at a glance; exact values are in each cell's tooltip.
 */
import type { ProbePoint } from '../../src/lab/experiment.ts';

interface Row {
  readonly key: string;
  readonly label: string;
  readonly layers: readonly string[];
  readonly probes: readonly ProbePoint[];
}

interface Props {
  readonly rows: readonly Row[];
  readonly measure: 'responseStd' | 'gradNorm';
  readonly title: string;
}

const CELL = 8;

function shade(fraction: number): string {
  // Light to dark blue; log-free, values are already normalised to [0, 1].
  const l = Math.round(95 - 65 * Math.min(1, Math.max(0, fraction)));
  return `hsl(210 70% ${l}%)`;
}

/** Small-multiple heatmaps of one per-layer measure. */
export function LayerProbes({ rows, measure, title }: Props) {
  const max = Math.max(1e-12, ...rows.flatMap((r) => r.probes.flatMap((p) => p[measure].filter(Number.isFinite))));
  return (
    <figure class="depth-lab__probes">
      <figcaption>
        {title} (darkest = {max.toPrecision(3)})
      </figcaption>
      {rows.map((row) => {
        const first = row.probes[0];
        const last = row.probes.length > 1 ? row.probes[row.probes.length - 1] : undefined;
        const shown = [first, last].filter((p): p is ProbePoint => p !== undefined);
        return (
          <div class="depth-lab__probe-row" key={row.key}>
            <span class="depth-lab__probe-label">{row.label}</span>
            <svg
              width={row.layers.length * CELL}
              height={shown.length * CELL + 2}
              role="img"
              aria-label={`${title}, ${row.label}, ${shown.map((p) => `step ${p.step}`).join(' and ')}`}
            >
              {shown.map((p, r) =>
                p[measure].map((v, i) => (
                  <rect
                    key={`${r}-${i}`}
                    x={i * CELL}
                    y={r * (CELL + 2)}
                    width={CELL - 1}
                    height={CELL}
                    fill={shade(v / max)}
                  >
                    <title>{`${row.layers[i] ?? i}, step ${p.step}: ${v.toPrecision(3)}`}</title>
                  </rect>
                )),
              )}
            </svg>
          </div>
        );
      })}
    </figure>
  );
}
