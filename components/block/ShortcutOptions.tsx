/**
 * When the shapes differ: a stride-2, channel-doubling block with option A (zero-padded identity)
 * or option B (1×1 projection Wₛ). All figures arrive as build-time props from
 * ../../src/block/shortcut-options.ts (the model zoo), so this island ships no zoo code.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ShortcutComparison } from '../../src/block/shortcut-options.ts';

interface Props {
  readonly data: ShortcutComparison;
}

const num = (n: number): string => n.toLocaleString('en-US');

function Diagram({ data, option }: { data: ShortcutComparison; option: 'A' | 'B' }): JSX.Element {
  const tensors = data.block[option].tensors;
  const shape = (i: number): string => tensors[i]?.shape ?? '';
  const box = (x: number, y: number, w: number, title: JSX.Element | string, sub: string, lit = false): JSX.Element => (
    <g class={lit ? 'is-lit' : ''}>
      <rect x={x} y={y} width={w} height="40" rx="6" />
      <text x={x + w / 2} y={y + 17} text-anchor="middle">
        {title}
      </text>
      <text x={x + w / 2} y={y + 33} text-anchor="middle" class="block-shape">
        {sub}
      </text>
    </g>
  );
  // The shortcut's box takes three lines (what it does, its stride, its output shape), so that
  // neither label outruns it.
  const shortcut = (
    <g class="is-lit">
      <rect x="185" y="92" width="170" height="56" rx="6" />
      <text x="270" y="109" text-anchor="middle">
        {option === 'A' ? (
          'identity, zero-padded'
        ) : (
          <>
            W
            <tspan baseline-shift="sub" font-size="0.75em">
              s
            </tspan>
            : 1×1 conv + BN
          </>
        )}
      </text>
      <text x="270" y="125" text-anchor="middle" class="block-shape">
        stride 2
      </text>
      <text x="270" y="141" text-anchor="middle" class="block-shape">
        {shape(3)}
      </text>
    </g>
  );
  return (
    <svg
      class="block-diagram block-diagram--wide"
      viewBox="0 0 360 300"
      role="img"
      aria-label={`Block with option ${option} shortcut: ${data.inputShape} in, ${data.outputShape} out`}
    >
      {box(110, 8, 140, 'input a[l]', shape(0))}
      <line class="block-wire" x1="130" y1="48" x2="90" y2="70" />
      <line class="block-wire block-shortcut" x1="230" y1="48" x2="270" y2="92" />
      {box(10, 70, 160, '3×3, stride 2 + BN, ReLU', shape(1))}
      {box(10, 135, 160, '3×3 + BN', shape(2))}
      {shortcut}
      <line class="block-wire" x1="90" y1="110" x2="90" y2="135" />
      <line class="block-wire" x1="90" y1="175" x2="170" y2="213" />
      <line class="block-wire block-shortcut" x1="270" y1="148" x2="190" y2="213" />
      <circle cx="180" cy="220" r="13" />
      <text x="180" y="225" text-anchor="middle">
        +
      </text>
      <line class="block-wire" x1="180" y1="233" x2="180" y2="252" />
      {box(110, 252, 140, 'ReLU → a[l+2]', shape(4))}
    </svg>
  );
}

export default function ShortcutOptions({ data }: Props): JSX.Element {
  const [ready, setReady] = useState(false);
  const [option, setOption] = useState<'A' | 'B'>('A');
  useEffect(() => setReady(true), []);
  const view = data.block[option];
  return (
    <div class="block-island shortcut-options not-content" data-ready={ready ? 'true' : 'false'}>
      <fieldset class="block-controls" disabled={!ready}>
        <legend>Shortcut of {data.blockLabel}</legend>
        <label>
          <input type="radio" name="shortcut-option" checked={option === 'A'} onChange={() => setOption('A')} />
          Option A: zero-padded identity
        </label>
        <label>
          <input type="radio" name="shortcut-option" checked={option === 'B'} onChange={() => setOption('B')} />
          Option B: 1×1 projection W<sub>s</sub>
        </label>
      </fieldset>
      <Diagram data={data} option={option} />
      <div
        class="block-scroll wrw-scroll"
        tabIndex={0}
        role="group"
        aria-label="The block layer by layer, a table that scrolls sideways"
      >
        <table class="block-table">
          <caption>
            Every tensor of {data.blockLabel} with option {option}
          </caption>
          <thead>
            <tr>
              <th scope="col">Produced by</th>
              <th scope="col">Path</th>
              <th scope="col">Shape</th>
              <th scope="col">Parameters</th>
              <th scope="col">MACs</th>
            </tr>
          </thead>
          <tbody>
            {view.tensors.map((t) => (
              <tr key={t.id} class={t.path === 'shortcut' ? 'is-lit' : ''}>
                <td>{t.producer}</td>
                <td>{t.path}</td>
                <td>{t.shape}</td>
                <td>{num(t.params)}</td>
                <td>{num(t.macs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="block-status" role="status" aria-live="polite">
        Option {option}: the shortcut adds {view.text.shortcutParams} parameters and {view.text.shortcutMacs} MACs; the
        block has {view.text.params} parameters and {view.text.macs} MACs.
      </p>
      <div
        class="block-scroll wrw-scroll"
        tabIndex={0}
        role="group"
        aria-label="ResNet-34 as a whole, a table that scrolls sideways"
      >
        <table class="block-table">
          <caption>ResNet-34 as a whole</caption>
          <thead>
            <tr>
              <th scope="col">Option</th>
              <th scope="col">Projection shortcuts</th>
              <th scope="col">Parameters</th>
              <th scope="col">MACs</th>
            </tr>
          </thead>
          <tbody>
            {data.network.map((row) => (
              <tr
                key={row.option}
                class={row.option === option ? 'is-lit' : ''}
                aria-current={row.option === option ? 'true' : undefined}
              >
                <th scope="row">{row.option}</th>
                <td>{row.projectionShortcuts}</td>
                <td>{row.text.params}</td>
                <td>{row.text.macs}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
