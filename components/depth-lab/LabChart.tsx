/**
 * One uPlot panel of the depth lab. uPlot arrives as a module from the island (loaded only when
 * the reader starts); the chart is rebuilt when its series change and otherwise only gets new data.
 */
import { useEffect, useRef } from 'preact/hooks';
import type uPlotType from 'uplot';
import type { PanelData } from '../../src/lab/curves.ts';

type UPlot = typeof uPlotType;

interface Props {
  readonly uplot: UPlot;
  readonly title: string;
  readonly panel: PanelData;
  readonly yLabel: string;
}

function withAlpha(colour: string, alpha: number): string {
  if (alpha >= 1) return colour;
  const a = Math.round(alpha * 255)
    .toString(16)
    .padStart(2, '0');
  return `${colour}${a}`;
}

/** A panel of error curves against steps. */
export function LabChart({ uplot, title, panel, yLabel }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlotType | null>(null);
  const signature = panel.series.map((s) => s.label).join('|');

  useEffect(() => {
    const el = host.current;
    if (!el) return undefined;
    const width = Math.max(260, el.clientWidth || 320);
    chart.current = new uplot(
      {
        title,
        width,
        height: 240,
        scales: { x: { time: false }, y: { range: [0, 100] } },
        axes: [{ label: 'steps' }, { label: yLabel }],
        legend: { show: true, live: false },
        series: [
          { label: 'step' },
          ...panel.series.map((s) => ({
            label: s.label,
            stroke: withAlpha(s.colour, s.alpha),
            width: s.width,
            spanGaps: true,
            points: { show: false },
            ...(s.dash ? { dash: [...s.dash] } : {}),
          })),
        ],
      },
      panel.data as uPlotType.AlignedData,
      el,
    );
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
    // Rebuilt only when its series change; data updates go through setData below.
  }, [uplot, signature, title, yLabel]);

  useEffect(() => {
    chart.current?.setData(panel.data as uPlotType.AlignedData);
  }, [panel]);

  return (
    <div class="depth-lab__chart" ref={host} role="img" aria-label={`${title}: ${yLabel} against training steps`} />
  );
}
