/**
 * The demos' one live line chart, drawn by uPlot, which loads with the first data point (never with
 * the page). Until then the chart's box, title and key are already there at their final size. It
 * draws its own key as line samples (no uPlot legend table), a readout of the values under the
 * pointer or keyboard cursor, and axis titles; colours and dashes come from the design tokens
 * (./tokens.ts), and a theme change redraws it without a reload. A text summary stands in for
 * screen readers.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { AlignedData, default as UPlot } from 'uplot';
import { chartReadout, cursorTarget, type ChartSeries } from './chart-data.ts';
import { LineSample, lineToken, type ChartLine } from './LineSample.tsx';
import { CHART_TEXT_PX, lineDash, resolveColour } from './tokens.ts';
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
  /** One entry per y series of `data`, in order. */
  readonly lines: readonly ChartLine[];
  /** Axis titles. */
  readonly xLabel?: string;
  readonly yLabel: string;
  readonly yRange?: readonly [number, number];
  /** How the readout prints a value (default: 3 significant decimals). */
  readonly format?: (value: number) => string;
  /** Text for screen readers, e.g. the last values. */
  readonly summary: string;
  readonly throttleMs?: number;
}

const HEIGHT = 200;
const MIN_WIDTH = 200;
const FONT = `${CHART_TEXT_PX}px system-ui, sans-serif`;

const defaultFormat = (value: number): string => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3));

export function LiveChart({
  title,
  data,
  version,
  lines,
  xLabel = 'step',
  yLabel,
  yRange,
  format = defaultFormat,
  summary,
  throttleMs = 500,
}: LiveChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<UPlot | null>(null);
  const lastDraw = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [active, setActive] = useState(false);
  /** The point under the pointer or keyboard cursor; null shows the latest. */
  const [cursor, setCursor] = useState<number | null>(null);
  const [resolved, setResolved] = useState<string>('');

  useEffect(() => {
    if (!active) return undefined;
    let disposed = false;
    const build = async () => {
      const { default: UPlotClass } = await import('uplot');
      if (disposed || !host.current) return;
      chart.current?.destroy();
      const text = resolveColour('--sl-color-gray-2', '#888');
      const grid = resolveColour('--sl-color-gray-5', '#444');
      const strokes = lines.map((line) => resolveColour(lineToken(line), '#888'));
      const axis = (label: string) => ({
        label,
        font: FONT,
        labelFont: `600 ${FONT}`,
        labelSize: CHART_TEXT_PX + 8,
        stroke: text,
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid },
      });
      chart.current = new UPlotClass(
        {
          width: Math.max(MIN_WIDTH, host.current.clientWidth),
          height: HEIGHT,
          legend: { show: false },
          cursor: { y: false, points: { size: 7 }, drag: { x: false, y: false } },
          hooks: { setCursor: [(u) => setCursor(u.cursor.idx ?? null)] },
          scales: {
            x: { time: false },
            ...(yRange ? { y: { range: [yRange[0], yRange[1]] as [number, number] } } : {}),
          },
          axes: [axis(xLabel), axis(yLabel)],
          series: [
            { label: xLabel },
            ...lines.map((line, i) => {
              const dash = lineDash(line.kind);
              return {
                label: line.label,
                stroke: strokes[i] ?? '#888',
                width: 2,
                spanGaps: true,
                ...(dash ? { dash: [...dash] } : {}),
              };
            }),
          ],
        },
        [data.x, ...data.ys] as unknown as AlignedData,
        host.current,
      );
      // The wrapper's configuration, for tests: which token and colour each line was drawn with.
      setResolved(
        JSON.stringify(lines.map((line, i) => ({ tone: line.tone, token: lineToken(line), colour: strokes[i] }))),
      );
    };
    void build();
    // Rebuild with the new colours when the reader switches theme.
    const observer = new MutationObserver(() => void build());
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const resize = new ResizeObserver(() => {
      if (chart.current && host.current)
        chart.current.setSize({ width: Math.max(MIN_WIDTH, host.current.clientWidth), height: HEIGHT });
    });
    if (host.current) resize.observe(host.current);
    return () => {
      disposed = true;
      observer.disconnect();
      resize.disconnect();
      if (timer.current) clearTimeout(timer.current);
      chart.current?.destroy();
      chart.current = null;
    };
    // Built once, when the first point arrives; data changes go through setData below.
  }, [active]);

  // A layout effect, so that a redraw lands in the same frame as the numbers rendered with it.
  useLayoutEffect(() => {
    if (!active && data.x.length > 0) setActive(true);
    const draw = () => {
      timer.current = null;
      lastDraw.current = performance.now();
      chart.current?.setData([data.x, ...data.ys] as unknown as AlignedData);
    };
    const wait = throttleMs - (performance.now() - lastDraw.current);
    if (wait <= 0) draw();
    else if (!timer.current) timer.current = setTimeout(draw, wait);
  }, [version, data, throttleMs]);

  /** Arrow keys walk the cursor along the points; Escape returns to the latest. */
  const onKey = (event: KeyboardEvent) => {
    const u = chart.current;
    const count = data.x.length;
    if (!u || count === 0) return;
    const target = cursorTarget(event.key, cursor ?? count - 1, count);
    if (target === null) return;
    if (target === 'latest') {
      u.setCursor({ left: -10, top: -10 });
      setCursor(null);
      return;
    }
    event.preventDefault();
    u.setCursor({ left: u.valToPos(data.x[target] ?? 0, 'x'), top: HEIGHT / 3 });
    setCursor(target);
  };

  const at = cursor !== null && cursor < data.x.length ? cursor : data.x.length - 1;
  const readout = chartReadout(
    data,
    at,
    xLabel,
    lines.map((line) => line.label),
    format,
  );

  return (
    <figure class="demo-chart">
      <figcaption>{title}</figcaption>
      <ul class="demo-chart-key">
        {lines.map((line) => (
          <li key={line.label}>
            <LineSample line={line} />
            {line.label}
          </li>
        ))}
      </ul>
      <div
        ref={host}
        class="demo-chart-canvas"
        role="group"
        tabIndex={0}
        aria-label={`${title}: ${yLabel} against ${xLabel}. Arrow keys read the values.`}
        data-lines={resolved}
        data-font={FONT}
        onKeyDown={onKey}
        onBlur={() => {
          chart.current?.setCursor({ left: -10, top: -10 });
          setCursor(null);
        }}
      />
      <p class="demo-chart-readout" data-testid={`readout-${title}`}>
        {cursor === null && at >= 0 ? `Latest, ${readout}` : readout}
      </p>
      <p class="sr-only" data-testid={`summary-${title}`}>
        {summary}
      </p>
    </figure>
  );
}
