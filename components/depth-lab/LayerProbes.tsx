/**
 * Inside the nets (He et al. 2015 Fig. 7): for each network, a small heatmap with two labelled rows
 * (at initialisation, and the latest probe) and one column per probed layer, with a layer axis;
 * colour on a log scale shared by all networks (src/lab/probe-scale.ts) with its colour bar, so
 * plain and ResNet compare at a glance. Exact values are in each cell's tooltip.
 */
import { formatPower, logScale, rampColour } from '../../src/lab/probe-scale.ts';
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

const LABEL_W = 64;
const ROW_H = 14;
const AXIS_H = 14;
const WIDTH = 320;

/** Small-multiple heatmaps of one per-layer measure, on a log colour scale. */
export function LayerProbes({ rows, measure, title }: Props) {
  const scale = logScale(rows.flatMap((r) => r.probes.flatMap((p) => p[measure])));
  const bar = `probe-bar-${measure}`;
  return (
    <figure class="depth-lab__probes">
      <figcaption>{title}</figcaption>
      <svg
        class="depth-lab__colour-bar"
        viewBox={`0 0 ${WIDTH} 30`}
        role="img"
        aria-label={`Colour scale: ${formatPower(scale.min)} to ${formatPower(scale.max)}, logarithmic`}
      >
        <defs>
          <linearGradient id={bar}>
            {[0, 0.25, 0.5, 0.75, 1].map((t) => (
              <stop key={t} offset={t} stop-color={rampColour(t)} />
            ))}
          </linearGradient>
        </defs>
        <rect x={LABEL_W} y={2} width={WIDTH - LABEL_W - 8} height={10} fill={`url(#${bar})`} />
        <text class="depth-lab__tick" x={LABEL_W - 4} y={11} text-anchor="end">
          log scale
        </text>
        {scale.ticks.map((t) => (
          <text
            key={t}
            class="depth-lab__tick"
            x={LABEL_W + scale.position(t) * (WIDTH - LABEL_W - 8)}
            y={26}
            text-anchor="middle"
          >
            {formatPower(t)}
          </text>
        ))}
      </svg>
      {rows.map((row) => {
        const first = row.probes[0];
        const last = row.probes.length > 1 ? row.probes[row.probes.length - 1] : undefined;
        const shown = [first, last].filter((p): p is ProbePoint => p !== undefined);
        const n = Math.max(1, row.layers.length);
        const cell = (WIDTH - LABEL_W - 8) / n;
        const every = Math.max(1, Math.ceil(n / 8));
        const height = shown.length * (ROW_H + 2) + AXIS_H;
        return (
          <div class="depth-lab__probe-net" key={row.key}>
            <span class="depth-lab__probe-label">{row.label}</span>
            <svg
              viewBox={`0 0 ${WIDTH} ${height}`}
              role="img"
              aria-label={`${title}, ${row.label}: ${shown.map((p) => `step ${p.step}`).join(' and ')}`}
            >
              {shown.map((p, r) => (
                <g key={p.step}>
                  <text class="depth-lab__tick" x={LABEL_W - 4} y={r * (ROW_H + 2) + ROW_H - 3} text-anchor="end">
                    {r === 0 ? 'at init' : `step ${p.step}`}
                  </text>
                  {p[measure].map((v, i) => (
                    <rect
                      key={i}
                      x={LABEL_W + i * cell}
                      y={r * (ROW_H + 2)}
                      width={Math.max(1, cell - 0.5)}
                      height={ROW_H}
                      fill={rampColour(scale.position(v))}
                    >
                      <title>{`${row.layers[i] ?? i}, step ${p.step}: ${v.toPrecision(3)}`}</title>
                    </rect>
                  ))}
                </g>
              ))}
              {row.layers.map((_, i) =>
                i % every === 0 || i === n - 1 ? (
                  <text
                    key={i}
                    class="depth-lab__tick"
                    x={LABEL_W + (i + 0.5) * cell}
                    y={height - 2}
                    text-anchor="middle"
                  >
                    {i + 1}
                  </text>
                ) : null,
              )}
            </svg>
          </div>
        );
      })}
      <p class="depth-lab__probe-axis">Columns: weight layers, input (1) to output ({rows[0]?.layers.length ?? 0}).</p>
    </figure>
  );
}

/** Both measures of every network, with the one-line reading guide. */
export function LabProbes({ rows }: Pick<Props, 'rows'>) {
  return (
    <div class="depth-lab__inside">
      <p class="depth-lab__caption">
        Reading guide: each strip is one network, input layer on the left; brighter means larger, and each step of
        colour is a factor on a log scale, so a strip that darkens towards the left is losing signal there.
      </p>
      <LayerProbes measure="responseStd" title="Response std per layer (after BN, before ReLU)" rows={rows} />
      <LayerProbes measure="gradNorm" title="Weight-gradient norm per layer" rows={rows} />
    </div>
  );
}
