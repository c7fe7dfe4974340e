/**
 * Renders a `DiagramLayout` as an accessible SVG. Used at build time by ArchDiagram/Figure3
 * (server-rendered, no client JS) and inside the LayoutExplorer island, so both draw alike.
 * Colours come from Starlight's CSS custom properties (diagram.css), for light and dark themes.
 */
import type { DiagramLayout, DiagramNode } from '../../src/models/views.ts';
import { DIAGRAM } from '../../src/models/views.ts';
import './diagram.css';

interface Props {
  layout: DiagramLayout;
  /** Prefix of the title/desc ids; must be unique in the page. */
  idPrefix: string;
  /** Spec ids to highlight: a layer, or every layer of a block or stage. */
  highlight?: ReadonlySet<string> | undefined;
  /** Smallest rendered width in CSS pixels before the figure scrolls sideways. */
  minWidth?: number;
}

function nodeClass(n: DiagramNode, highlight: ReadonlySet<string> | undefined): string {
  const active =
    highlight && (highlight.has(n.id) || highlight.has(n.stageId) || (n.blockId !== null && highlight.has(n.blockId)));
  return `zoo-node zoo-${n.kind}${n.stageIndex % 2 === 1 ? ' zoo-odd' : ''}${active ? ' zoo-active' : ''}`;
}

/** An SVG architecture diagram with a title and description for assistive technology. */
export default function DiagramSvg({ layout, idPrefix, highlight, minWidth }: Props) {
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;
  const showOutputs = layout.bands.length === 0;
  const textY = DIAGRAM.boxHeight / 2;
  return (
    // Focusable so that keyboard users can scroll it where it overflows (tall or wide figures).
    <div class="zoo-diagram wrw-scroll" tabIndex={0} role="group" aria-labelledby={titleId}>
      {/* Sized by the diagram's aspect ratio, so that the browser can skip laying out its hundreds of
          elements until it nears the view (diagram.css) without anything moving when it is drawn. */}
      <div
        class="zoo-diagram__canvas"
        style={{
          maxWidth: `${layout.width * 1.6}px`,
          minWidth: minWidth ? `${minWidth}px` : undefined,
          aspectRatio: `${layout.width} / ${layout.height}`,
        }}
      >
        <svg viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
          <title id={titleId}>{layout.title}</title>
          <desc id={descId}>{layout.description}</desc>
          {layout.bands.map((band, i) => (
            <g class={`zoo-band${i % 2 ? ' zoo-odd' : ''}`} key={`band-${band.label}`}>
              <rect x={0} y={band.y} width={layout.width} height={band.height} />
              <text x={4} y={band.y + 10} class="zoo-band-label">
                {i === 0 ? `size ${band.label}` : band.label}
              </text>
            </g>
          ))}
          {layout.columns.map((col) => (
            <g key={col.specId} data-model={col.specId}>
              <text x={col.x + col.width / 2} y={DIAGRAM.headerHeight - 8} class="zoo-col-title" text-anchor="middle">
                {col.name}
              </text>
              {col.nodes.map((n, i) => {
                const next = col.nodes[i + 1];
                return next && n.x === next.x ? (
                  <line
                    key={`edge-${n.id}`}
                    class="zoo-edge"
                    x1={n.x + n.width / 2}
                    x2={n.x + n.width / 2}
                    y1={n.y + n.height}
                    y2={next.y}
                  />
                ) : null;
              })}
              {col.shortcuts.map((s) => {
                const bulge = 14;
                return (
                  <path
                    key={`sc-${s.blockId}`}
                    class={`zoo-shortcut zoo-shortcut-${s.kind}${highlight?.has(s.blockId) ? ' zoo-active' : ''}`}
                    data-block={s.blockId}
                    d={`M ${s.x} ${s.y1} C ${s.x + bulge} ${s.y1}, ${s.x + bulge} ${s.y2}, ${s.x} ${s.y2}`}
                  />
                );
              })}
              {col.nodes.map((n) => (
                <g key={n.id} class={nodeClass(n, highlight)} data-id={n.id} transform={`translate(${n.x} ${n.y})`}>
                  <rect width={n.width} height={n.height} rx={3} />
                  <text x={n.width / 2} y={textY} dy="0.35em" text-anchor="middle">
                    {n.text}
                  </text>
                  {showOutputs ? (
                    <text x={n.width + 24} y={textY} dy="0.35em" class="zoo-output">
                      {n.output}
                    </text>
                  ) : null}
                </g>
              ))}
            </g>
          ))}
        </svg>
      </div>
    </div>
  );
}
