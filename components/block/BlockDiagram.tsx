/** The SVG block diagram of the living equation: the original or the pre-activation block. */
import type { JSX } from 'preact';
import type { PartId } from '../../src/block/block-diagram.ts';
import type { BlockVariant } from '../../src/block/block-math.ts';

interface Props {
  readonly variant: BlockVariant;
  readonly bn: boolean;
  readonly g: string;
  /** Parts drawn highlighted. */
  readonly lit: ReadonlySet<PartId>;
  readonly onPart: (part: PartId | null) => void;
}

interface Box {
  readonly id: PartId;
  readonly y: number;
  readonly text: string;
  readonly label: string;
}

export default function BlockDiagram({ variant, bn, g, lit, onPart }: Props): JSX.Element {
  const layer = bn && variant === 'original' ? 'weight layer + BN' : 'weight layer';
  const act = bn && variant === 'preact' ? `BN, ${g}` : g;
  const boxes: Box[] =
    variant === 'original'
      ? [
          { id: 'w1', y: 52, text: layer, label: 'first weight layer, W and b of layer l plus 1' },
          { id: 'act1', y: 100, text: g, label: `${g} of the first layer, giving a to the l plus 1` },
          { id: 'w2', y: 148, text: layer, label: 'second weight layer, giving z to the l plus 2' },
          { id: 'act2', y: 262, text: g, label: `${g} after the addition: g` },
        ]
      : [
          { id: 'act1', y: 52, text: act, label: `${act} before the first weight layer` },
          { id: 'w1', y: 100, text: 'weight layer', label: 'first weight layer, giving z to the l plus 1' },
          { id: 'act2', y: 148, text: act, label: `${act} before the second weight layer` },
          { id: 'w2', y: 196, text: 'weight layer', label: 'second weight layer, giving z to the l plus 2' },
        ];
  const addY = variant === 'original' ? 222 : 250;
  const outY = variant === 'original' ? 320 : 300;
  const cls = (id: PartId): string => `block-part${lit.has(id) ? ' is-lit' : ''}`;
  const events = (id: PartId) => ({
    tabIndex: 0,
    role: 'img' as const,
    'data-part': id,
    onMouseEnter: () => onPart(id),
    onMouseLeave: () => onPart(null),
    onFocus: () => onPart(id),
    onBlur: () => onPart(null),
  });
  return (
    <svg
      class="block-diagram"
      viewBox="0 0 240 340"
      role="group"
      aria-label={`Diagram of the ${variant === 'original' ? 'original' : 'pre-activation'} residual block`}
    >
      <defs>
        <marker id="block-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto">
          <path d="M0,0 L8,4 L0,8 z" fill="currentColor" />
        </marker>
      </defs>
      <g class={cls('in')} {...events('in')} aria-label="input a to the l">
        <text x="100" y="22" text-anchor="middle">
          a[l]
        </text>
      </g>
      <line class="block-wire" x1="100" y1="28" x2="100" y2="50" marker-end="url(#block-arrow)" />
      {boxes.map((box, i) => {
        const next = boxes[i + 1];
        const bottom = box.y + 32;
        const to =
          box.id === 'act2' && variant === 'original' ? outY - 18 : next && next.y < addY ? next.y - 2 : addY - 16;
        return (
          <g key={box.id}>
            <g class={cls(box.id)} {...events(box.id)} aria-label={box.label}>
              <rect x="40" y={box.y} width="120" height="32" rx="6" />
              <text x="100" y={box.y + 20} text-anchor="middle">
                {box.text}
              </text>
            </g>
            {!(variant === 'original' && box.id === 'w2') && (
              <line class="block-wire" x1="100" y1={bottom} x2="100" y2={to} marker-end="url(#block-arrow)" />
            )}
          </g>
        );
      })}
      {variant === 'original' && (
        <line class="block-wire" x1="100" y1={180} x2="100" y2={addY - 16} marker-end="url(#block-arrow)" />
      )}
      <g class={cls('shortcut')} {...events('shortcut')} aria-label="identity shortcut carrying a to the l">
        <path class="block-shortcut" d={`M100,30 H205 V${addY} H118`} fill="none" marker-end="url(#block-arrow)" />
        <text x="212" y={addY / 2} text-anchor="middle" transform={`rotate(90 212 ${addY / 2})`}>
          identity
        </text>
      </g>
      <g class={cls('add')} {...events('add')} aria-label="addition">
        <circle cx="100" cy={addY} r="14" />
        <text x="100" y={addY + 5} text-anchor="middle">
          +
        </text>
      </g>
      {variant === 'preact' && (
        <line class="block-wire" x1="100" y1={addY + 14} x2="100" y2={outY - 18} marker-end="url(#block-arrow)" />
      )}
      {variant === 'original' && (
        <line class="block-wire" x1="100" y1={addY + 14} x2="100" y2={260} marker-end="url(#block-arrow)" />
      )}
      <g class={cls('out')} {...events('out')} aria-label="output a to the l plus 2">
        <text x="100" y={outY} text-anchor="middle">
          a[l+2]
        </text>
      </g>
    </svg>
  );
}
