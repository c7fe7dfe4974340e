/**
 * The living equation: a^{[l+2]} = g(z^{[l+2]} + a^{[l]}) beside a diagram of the block, with
 * sliders on a small real batch of vectors. The equations arrive as build-time MathML
 * (./LivingEquation.astro); the arithmetic is ../../src/block/block-math.ts.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { isTermId, litBy, type Focus, type TermId } from '../../src/block/block-diagram.ts';
import type { EquationHtml } from '../../src/block/equation-tex.ts';
import {
  DEFAULT_SETTINGS,
  identityStatus,
  makeBlockBase,
  makeBlockInput,
  runBlock,
  type BlockSettings,
} from '../../src/block/block-math.ts';
import { Slider } from '../demo/controls.tsx';
import BlockDiagram from './BlockDiagram.tsx';
import { BlockValues } from './BlockValues.tsx';

interface Props {
  /** Build-time MathML of the equations. */
  readonly equations: EquationHtml;
  /** Units per vector. Default 8. */
  readonly width?: number;
  /** Seed of the weights and inputs. Default 7. */
  readonly seed?: number;
}

const BATCH = 4;

type NumericKey = 'weightScale1' | 'biasScale1' | 'weightScale2' | 'biasScale2' | 'gamma' | 'beta';

const SLIDERS: readonly { key: NumericKey; label: string; min: number; max: number; bnOnly?: boolean }[] = [
  { key: 'weightScale1', label: 'W[l+1] scale', min: -2, max: 2 },
  { key: 'biasScale1', label: 'b[l+1] scale', min: -2, max: 2 },
  { key: 'weightScale2', label: 'W[l+2] scale', min: -2, max: 2 },
  { key: 'biasScale2', label: 'b[l+2] scale', min: -2, max: 2 },
  { key: 'gamma', label: 'BN γ (second BN)', min: 0, max: 2, bnOnly: true },
  { key: 'beta', label: 'BN β (second BN)', min: -1, max: 1, bnOnly: true },
];

export default function LivingEquation({ equations, width = 8, seed = 7 }: Props): JSX.Element {
  const [ready, setReady] = useState(false);
  const [settings, setSettings] = useState<BlockSettings>(DEFAULT_SETTINGS);
  const [negative, setNegative] = useState(false);
  const [focus, setFocus] = useState<Focus>(null);
  const eqRef = useRef<HTMLDivElement>(null);

  const base = useMemo(() => makeBlockBase(width, seed), [width, seed]);
  const input = useMemo(() => makeBlockInput(BATCH, width, seed + 1, !negative), [width, seed, negative]);
  const trace = useMemo(() => runBlock(input, base, settings), [input, base, settings]);
  const { terms: litTerms, parts: litParts } = litBy(settings.variant, focus);

  useEffect(() => setReady(true), []);

  // The equations are static MathML: mark their terms by hand, and listen once per render of it.
  useEffect(() => {
    const root = eqRef.current;
    if (!root) return;
    root.querySelectorAll('[data-term]').forEach((el) => {
      const on = litTerms.has(el.getAttribute('data-term') as TermId);
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
      <BlockValues trace={trace} width={width} batch={BATCH} />
      <p class="block-status" role="status" aria-live="polite">
        {identityStatus(trace, settings)}
      </p>
    </div>
  );
}
