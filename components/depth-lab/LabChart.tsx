/**
 * One panel of the depth lab, drawn as SVG at the panel's own pixel width (so its text keeps its
 * size on a phone): error against steps, depth as shades of the family's token colour, training
 * dashed, test solid, the recorded run faint, and a compact key of line samples. The geometry is
 * src/lab/curves.ts's, shared with the landing page's figure.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { layoutPanel, type Line } from '../../src/lab/curves.ts';
import { depthShade, familyColour, familyColourVar, lineDash, type FamilyTone } from '../demo/tokens.ts';

interface Props {
  readonly title: string;
  readonly lines: readonly Line[];
  /** The run's step count, so the x axis does not grow while it trains. */
  readonly maxStep: number;
}

const HEIGHT = 220;
const BOX = { height: HEIGHT, left: 40, right: 10, top: 10, bottom: 34 };

type Shaded = Pick<Line, 'family' | 'depthRank' | 'depthCount'>;

const toneOf = (line: Shaded): FamilyTone => (line.family === 'plain' ? 'plain' : 'residual');

/** The token colour of a line. */
export function lineColour(line: Shaded): string {
  return familyColour(toneOf(line), depthShade(line.depthRank, line.depthCount));
}

/** The tone and token a line is drawn with, for the design sweep (tests/e2e/support/design.ts). */
function toneAttributes(line: Shaded): { 'data-tone': FamilyTone; 'data-token': string } {
  return {
    'data-tone': toneOf(line),
    'data-token': familyColourVar(toneOf(line), depthShade(line.depthRank, line.depthCount)),
  };
}

/** A panel of error curves against steps. */
export function LabChart({ title, lines, maxStep }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(320);
  useEffect(() => {
    const el = host.current;
    if (!el) return undefined;
    const observer = new ResizeObserver(() => setWidth(Math.max(260, Math.round(el.clientWidth))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const geometry = layoutPanel(lines, { ...BOX, width }, 100, maxStep);
  // One key entry per network, the reader's line before the recorded one.
  const keyed = new Map<string, Line>();
  for (const l of lines)
    if (l.kind === 'test' && !keyed.has(l.label.split(' ')[0] ?? '')) keyed.set(l.label.split(' ')[0] ?? '', l);
  const plotBottom = HEIGHT - BOX.bottom;
  return (
    <figure class="depth-lab__chart" ref={host}>
      <figcaption class="depth-lab__chart-title">{title}</figcaption>
      <svg
        width={width}
        height={HEIGHT}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        role="img"
        aria-label={`${title}: error (%) against training steps`}
      >
        {geometry.yTicks.map((t) => (
          <g key={`y${t.value}`}>
            <line class="depth-lab__grid" x1={BOX.left} x2={width - BOX.right} y1={t.y} y2={t.y} />
            <text class="depth-lab__tick" x={BOX.left - 4} y={t.y + 4} text-anchor="end">
              {t.value}
            </text>
          </g>
        ))}
        {geometry.xTicks.map((t) => (
          <text key={`x${t.value}`} class="depth-lab__tick" x={t.x} y={plotBottom + 14} text-anchor="middle">
            {t.value}
          </text>
        ))}
        <text class="depth-lab__tick" x={(BOX.left + width - BOX.right) / 2} y={HEIGHT - 4} text-anchor="middle">
          steps
        </text>
        <text class="depth-lab__tick" transform={`translate(11 ${BOX.top + 80}) rotate(-90)`} text-anchor="middle">
          error (%)
        </text>
        {geometry.paths.map(({ line, d }) => (
          <path
            key={line.label}
            d={d}
            fill="none"
            stroke={lineColour(line)}
            stroke-width={line.kind === 'test' ? 2.5 : 1.5}
            stroke-dasharray={lineDash(line.kind)?.join(' ')}
            stroke-opacity={line.recorded ? 0.35 : 1}
            data-family={line.family}
            {...toneAttributes(line)}
          >
            <title>{line.label}</title>
          </path>
        ))}
      </svg>
      <ul class="depth-lab__key" aria-label={`${title} key`}>
        {[...keyed].map(([name, line]) => (
          <li key={name}>
            <svg width="18" height="8" aria-hidden="true">
              <line x1="0" x2="18" y1="4" y2="4" stroke={lineColour(line)} stroke-width="3" {...toneAttributes(line)} />
            </svg>
            {name}
            {line.recorded ? ' (recorded)' : ''}
          </li>
        ))}
      </ul>
    </figure>
  );
}
