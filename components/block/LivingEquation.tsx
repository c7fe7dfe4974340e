/**
 * The living equation: a^{[l+2]} = g(z^{[l+2]} + a^{[l]}) beside a diagram of the block, with
 * sliders on a small real batch of vectors. The equations arrive as build-time KaTeX HTML
 * (./LivingEquation.astro); the arithmetic is ../../src/block/block-math.ts.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { isTermId, partsOfTerm, termsOfPart, type PartId, type TermId } from '../../src/block/block-diagram.ts';
import type { EquationHtml } from '../../src/block/equation-tex.ts';
import {
  DEFAULT_SETTINGS,
  identityBreaks,
  identityError,
  makeBlockBase,
  makeBlockInput,
  runBlock,
  type BlockSettings,
  type IdentityBreak,
} from '../../src/block/block-math.ts';
import { Slider } from '../demo/controls.tsx';
import BlockDiagram from './BlockDiagram.tsx';

interface Props {
  /** Build-time KaTeX HTML of the equations. */
  readonly equations: EquationHtml;
  /** Units per vector. Default 8. */
  readonly width?: number;
  /** Seed of the weights and inputs. Default 7. */
  readonly seed?: number;
}

const BATCH = 4;

type Focus = { readonly kind: 'term'; readonly id: TermId } | { readonly kind: 'part'; readonly id: PartId } | null;

const BREAK_TEXT: Readonly<Record<IdentityBreak, string>> = {
  'branch-nonzero': 'the residual branch adds a non-zero z[l+2]',
  beta: 'the weights are zero, but BN’s β reaches the addition',
  bias: 'the weights are zero, but the bias b[l+2] is not',
  'negative-input': 'a[l] has negative entries, which g = ReLU clips to 0',
  nonlinearity: 'g = tanh changes a[l] even when z[l+2] = 0',
};

type NumericKey = 'weightScale1' | 'biasScale1' | 'weightScale2' | 'biasScale2' | 'gamma' | 'beta';

const SLIDERS: readonly { key: NumericKey; label: string; min: number; max: number; bnOnly?: boolean }[] = [
  { key: 'weightScale1', label: 'W[l+1] scale', min: -2, max: 2 },
  { key: 'biasScale1', label: 'b[l+1] scale', min: -2, max: 2 },
  { key: 'weightScale2', label: 'W[l+2] scale', min: -2, max: 2 },
  { key: 'biasScale2', label: 'b[l+2] scale', min: -2, max: 2 },
  { key: 'gamma', label: 'BN γ (second BN)', min: 0, max: 2, bnOnly: true },
  { key: 'beta', label: 'BN β (second BN)', min: -1, max: 1, bnOnly: true },
];

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

export default function LivingEquation({ equations, width = 8, seed = 7 }: Props): JSX.Element {
  const [ready, setReady] = useState(false);
  const [settings, setSettings] = useState<BlockSettings>(DEFAULT_SETTINGS);
  const [negative, setNegative] = useState(false);
  const [focus, setFocus] = useState<Focus>(null);
  const eqRef = useRef<HTMLDivElement>(null);

  const base = useMemo(() => makeBlockBase(width, seed), [width, seed]);
  const input = useMemo(() => makeBlockInput(BATCH, width, seed + 1, !negative), [width, seed, negative]);
  const trace = useMemo(() => runBlock(input, base, settings), [input, base, settings]);
  const breaks = identityBreaks(trace, settings);
  const error = identityError(trace);

  const litTerms = new Set<TermId>();
  const litParts = new Set<PartId>();
  if (focus?.kind === 'term') {
    litTerms.add(focus.id);
    partsOfTerm(settings.variant, focus.id).forEach((p) => litParts.add(p));
  } else if (focus?.kind === 'part') {
    litParts.add(focus.id);
    termsOfPart(settings.variant, focus.id).forEach((t) => litTerms.add(t));
  }

  useEffect(() => setReady(true), []);

  // The equations are static HTML: mark their terms by hand, and listen once per render of it.
  useEffect(() => {
    const root = eqRef.current;
    if (!root) return;
    root.querySelectorAll<HTMLElement>('[data-term]').forEach((el) => {
      const on = litTerms.has(el.dataset['term'] as TermId);
      el.classList.toggle('is-lit', on);
    });
  });

  useEffect(() => {
    const root = eqRef.current;
    if (!root) return;
    const controller = new AbortController();
    const termOf = (e: Event): TermId | null => {
      const id = (e.target as Element | null)?.closest?.('[data-term]')?.getAttribute('data-term');
      return isTermId(id) ? id : null;
    };
    const enter = (e: Event): void => {
      const id = termOf(e);
      setFocus(id ? { kind: 'term', id } : null);
    };
    const leave = (): void => setFocus(null);
    const opts = { signal: controller.signal };
    root.addEventListener('mouseover', enter, opts);
    root.addEventListener('mouseleave', leave, opts);
    root.addEventListener('focusin', enter, opts);
    root.addEventListener('focusout', leave, opts);
    return () => controller.abort();
  }, [settings.variant, settings.bn]);

  const set = <K extends keyof BlockSettings>(key: K, value: BlockSettings[K]): void =>
    setSettings((s) => ({ ...s, [key]: value }));
  const html = equations[settings.variant][settings.bn ? 'bn' : 'plain'];
  const sup = (s: string): JSX.Element => (
    <>
      {s.split('[')[0]}
      <sup>[{s.split('[')[1]}</sup>
    </>
  );

  return (
    <div class="block-island living-equation not-content" data-ready={ready ? 'true' : 'false'}>
      <div class="living-equation__top">
        <div class="living-equation__eqs" ref={eqRef}>
          {html.map((h, i) => (
            <div
              key={`${settings.variant}-${settings.bn ? 'bn' : 'plain'}-${i}`}
              dangerouslySetInnerHTML={{ __html: h }}
            />
          ))}
        </div>
        <BlockDiagram
          variant={settings.variant}
          bn={settings.bn}
          g={settings.g === 'relu' ? 'ReLU' : 'tanh'}
          lit={litParts}
          onPart={(id) => setFocus(id ? { kind: 'part', id } : null)}
        />
      </div>
      <fieldset class="block-controls" disabled={!ready}>
        <legend>Block</legend>
        <label>
          <input
            type="radio"
            name="living-variant"
            checked={settings.variant === 'original'}
            onChange={() => set('variant', 'original')}
          />
          Original (He et al. 2015)
        </label>
        <label>
          <input
            type="radio"
            name="living-variant"
            checked={settings.variant === 'preact'}
            onChange={() => set('variant', 'preact')}
          />
          Pre-activation (He et al. 2016)
        </label>
        <label>
          <input type="checkbox" checked={settings.bn} onChange={(e) => set('bn', e.currentTarget.checked)} />
          BatchNorm in the branch
        </label>
        <label>
          <input type="checkbox" checked={negative} onChange={(e) => setNegative(e.currentTarget.checked)} />
          Let a[l] have negative entries
        </label>
        <label>
          Nonlinearity g{' '}
          <select value={settings.g} onChange={(e) => set('g', e.currentTarget.value === 'tanh' ? 'tanh' : 'relu')}>
            <option value="relu">ReLU</option>
            <option value="tanh">tanh</option>
          </select>
        </label>
      </fieldset>
      <fieldset class="block-controls block-sliders" disabled={!ready}>
        <legend>Weights</legend>
        {SLIDERS.map((s) => (
          <Slider
            key={s.key}
            label={s.label}
            min={s.min}
            max={s.max}
            step={0.1}
            value={settings[s.key]}
            disabled={s.bnOnly === true && !settings.bn}
            onInput={(value) => set(s.key, value)}
            format={(value) => value.toFixed(1)}
          />
        ))}
        <button type="button" onClick={() => setSettings((s) => ({ ...s, weightScale2: 0, biasScale2: 0 }))}>
          Zero the second layer
        </button>
        <button
          type="button"
          onClick={() => {
            setSettings(DEFAULT_SETTINGS);
            setNegative(false);
          }}
        >
          Reset
        </button>
      </fieldset>
      <div
        class="block-scroll wrw-scroll"
        tabIndex={0}
        role="group"
        aria-label="The example vectors, a table that scrolls sideways"
      >
        <table class="block-values">
          <caption>Example 1 of a batch of {BATCH} (BN uses the batch's statistics)</caption>
          <tbody>
            <VectorRow name={sup('a[l]')} values={trace.input} width={width} />
            <VectorRow name={sup('z[l+2]')} values={trace.z2} width={width} />
            <VectorRow name={sup('a[l+2]')} values={trace.output} width={width} />
          </tbody>
        </table>
      </div>
      <p class="block-status" role="status" aria-live="polite">
        {breaks.length === 0
          ? 'a[l+2] = a[l] exactly: the block is the identity.'
          : `a[l+2] ≠ a[l] (largest difference ${error.toFixed(3)}): ${breaks.map((b) => BREAK_TEXT[b]).join('; ')}.`}
      </p>
    </div>
  );
}
