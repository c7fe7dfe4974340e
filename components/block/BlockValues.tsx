/**
 * The living equation's example vectors a^{[l]}, z^{[l+2]} and a^{[l+2]} as a table of tinted
 * cells that scrolls sideways on a phone. A pure view of a block trace.
 */
import type { JSX } from 'preact';
import type { BlockTrace } from '../../src/block/block-math.ts';

/**
 * Tints a cell by its value. The tint stays at or below 45% and the text takes Starlight's
 * highest-contrast colour, so every cell keeps at least 4.5:1 contrast in both themes.
 */
function cellStyle(value: number): string {
  const a = Math.min(0.45, Math.abs(value) / 4);
  const tint = value >= 0 ? `rgba(230, 120, 20, ${a.toFixed(2)})` : `rgba(40, 110, 220, ${a.toFixed(2)})`;
  return `background: ${tint}; color: var(--sl-color-white)`;
}

function VectorRow({ name, values, width }: { name: JSX.Element; values: Float32Array; width: number }): JSX.Element {
  const cells: JSX.Element[] = [];
  for (let i = 0; i < width; i += 1) {
    const v = values[i] ?? 0;
    cells.push(
      <td key={i} style={cellStyle(v)}>
        {(Object.is(v, -0) ? 0 : v).toFixed(2)}
      </td>,
    );
  }
  return (
    <tr>
      <th scope="row">{name}</th>
      {cells}
    </tr>
  );
}

/** Superscripts the layer index of a name like "a[l+2]". */
function sup(s: string): JSX.Element {
  const [name, layer] = s.split('[');
  return (
    <>
      {name}
      <sup>[{layer}</sup>
    </>
  );
}

/** The first example of the batch through the block. */
export function BlockValues({ trace, width, batch }: { trace: BlockTrace; width: number; batch: number }): JSX.Element {
  return (
    <div
      class="block-scroll wrw-scroll"
      tabIndex={0}
      role="group"
      aria-label="The example vectors, a table that scrolls sideways"
    >
      <table class="block-values">
        <caption>Example 1 of a batch of {batch} (BN uses the batch's statistics)</caption>
        <tbody>
          <VectorRow name={sup('a[l]')} values={trace.input} width={width} />
          <VectorRow name={sup('z[l+2]')} values={trace.z2} width={width} />
          <VectorRow name={sup('a[l+2]')} values={trace.output} width={width} />
        </tbody>
      </table>
    </div>
  );
}
