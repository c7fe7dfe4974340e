/**
 * A live line chart drawn by uPlot, which is loaded on first use (with the engine, never with the
 * page). Redraws at most every `throttleMs`, reads its colours from the Starlight theme and
 * follows theme changes. A text summary stands in for screen readers.
 */
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { AlignedData, default as UPlot } from 'uplot';
import type { ChartSeries } from './chart-data.ts';
// Static on purpose: Astro puts an island's CSS into the page's stylesheet (a CSS file imported
// only dynamically is not emitted). demo.css pulls in uPlot's stylesheet with @import: imported
// from here, that file would become a script chunk of its own (another island loads it
// dynamically), fetched with the page. The script of uPlot itself stays lazy.
import './demo.css';

export interface LiveChartProps {
  readonly title: string;
  readonly data: ChartSeries;
  /** Bumped when `data` changes. */
  readonly version: number;
  readonly seriesLabels: readonly string[];
  readonly yRange?: readonly [number, number];
  /** Text for screen readers, e.g. the last values. */
  readonly summary: string;
  readonly throttleMs?: number;
}

function themeColours(): { text: string; grid: string; series: string[] } {
  const style = getComputedStyle(document.documentElement);
  const get = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: get('--sl-color-gray-2', '#888'),
    grid: get('--sl-color-gray-5', '#444'),
    series: [
      get('--sl-color-accent', '#3b82f6'),
      get('--sl-color-orange', '#f97316'),
      get('--sl-color-green', '#22c55e'),
    ],
  };
}

export function LiveChart({ title, data, version, seriesLabels, yRange, summary, throttleMs = 500 }: LiveChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<UPlot | null>(null);
  const lastDraw = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    let disposed = false;
    const build = async () => {
      const { default: UPlotClass } = await import('uplot');
      if (disposed || !host.current) return;
      chart.current?.destroy();
      const colours = themeColours();
      const axis = { stroke: colours.text, grid: { stroke: colours.grid, width: 1 }, ticks: { stroke: colours.grid } };
      const width = Math.max(240, host.current.clientWidth);
      chart.current = new UPlotClass(
        {
          width,
          height: 180,
          legend: { show: true },
          cursor: { show: false },
          scales: {
            x: { time: false },
            ...(yRange ? { y: { range: [yRange[0], yRange[1]] as [number, number] } } : {}),
          },
          axes: [axis, axis],
          series: [
            { label: 'step' },
            ...seriesLabels.map((label, i) => ({
              label,
              stroke: colours.series[i % colours.series.length] ?? '#888',
              width: 2,
              spanGaps: true,
            })),
          ],
        },
        [data.x, ...data.ys] as unknown as AlignedData,
        host.current,
      );
    };
    void build();
    // Rebuild with the new colours when the reader switches theme.
    const observer = new MutationObserver(() => void build());
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const resize = new ResizeObserver(() => {
      if (chart.current && host.current)
        chart.current.setSize({ width: Math.max(240, host.current.clientWidth), height: 180 });
    });
    if (host.current) resize.observe(host.current);
    controller.signal.addEventListener('abort', () => {
      observer.disconnect();
      resize.disconnect();
    });
    return () => {
      disposed = true;
      controller.abort();
      if (timer.current) clearTimeout(timer.current);
      chart.current?.destroy();
      chart.current = null;
    };
    // The chart is built once; data changes go through setData below.
  }, []);

  // A layout effect, so that a redraw lands in the same frame as the numbers rendered with it.
  useLayoutEffect(() => {
    const draw = () => {
      timer.current = null;
      lastDraw.current = performance.now();
      chart.current?.setData([data.x, ...data.ys] as unknown as AlignedData);
    };
    const wait = throttleMs - (performance.now() - lastDraw.current);
    if (wait <= 0) draw();
    else if (!timer.current) timer.current = setTimeout(draw, wait);
  }, [version, data, throttleMs]);

  return (
    <figure class="demo-chart">
      <figcaption>{title}</figcaption>
      <div ref={host} class="demo-chart-canvas" aria-hidden="true" />
      <p class="sr-only" data-testid={`summary-${title}`}>
        {summary}
      </p>
    </figure>
  );
}
