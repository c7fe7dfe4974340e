/**
 * The block's equations as TeX with each term marked by Temml's `\data{term=…}`, and their
 * build-time rendering to MathML, so the page ships the markup and no math JavaScript. The same
 * renderer and math font as the chapters' own formulas (src/lib/rehype-math.ts).
 */
import { renderMathHtml } from '../lib/rehype-math.ts';
import { TERM_LABELS, isTermId } from './block-diagram.ts';
import type { BlockVariant } from './block-math.ts';

const t = (term: string, tex: string): string => `\\data{term=${term}}{${tex}}`;

/** TeX of the equations shown for each block, with and without BatchNorm. */
export const EQUATION_TEX: Readonly<
  Record<BlockVariant, { readonly plain: readonly string[]; readonly bn: readonly string[] }>
> = {
  original: {
    plain: [
      `${t('out', 'a^{[l+2]}')} = ${t('g', 'g')}\\big(${t('z', 'z^{[l+2]}')} \\mathbin{${t('add', '+')}} ${t('a', 'a^{[l]}')}\\big)`,
      `${t('z', 'z^{[l+2]}')} = ${t('W2', 'W^{[l+2]}')}\\, ${t('a1', 'a^{[l+1]}')} + ${t('b2', 'b^{[l+2]}')}`,
    ],
    bn: [
      `${t('out', 'a^{[l+2]}')} = ${t('g', 'g')}\\big(${t('z', 'z^{[l+2]}')} \\mathbin{${t('add', '+')}} ${t('a', 'a^{[l]}')}\\big)`,
      `${t('z', 'z^{[l+2]}')} = \\operatorname{BN}_{\\gamma,\\beta}\\big(${t('W2', 'W^{[l+2]}')}\\, ${t('a1', 'a^{[l+1]}')} + ${t('b2', 'b^{[l+2]}')}\\big)`,
    ],
  },
  preact: {
    plain: [
      `${t('out', 'a^{[l+2]}')} = ${t('z', 'z^{[l+2]}')} \\mathbin{${t('add', '+')}} ${t('a', 'a^{[l]}')}`,
      `${t('z', 'z^{[l+2]}')} = ${t('W2', 'W^{[l+2]}')}\\, ${t('g', 'g')}\\big(${t('a1', 'z^{[l+1]}')}\\big) + ${t('b2', 'b^{[l+2]}')}`,
    ],
    bn: [
      `${t('out', 'a^{[l+2]}')} = ${t('z', 'z^{[l+2]}')} \\mathbin{${t('add', '+')}} ${t('a', 'a^{[l]}')}`,
      `${t('z', 'z^{[l+2]}')} = ${t('W2', 'W^{[l+2]}')}\\, ${t('g', 'g')}\\big(\\operatorname{BN}_{\\gamma,\\beta}(${t('a1', 'z^{[l+1]}')})\\big) + ${t('b2', 'b^{[l+2]}')}`,
    ],
  },
};

/** Rendered MathML of every equation, same layout as {@link EQUATION_TEX}. */
export type EquationHtml = Readonly<
  Record<BlockVariant, { readonly plain: readonly string[]; readonly bn: readonly string[] }>
>;

/**
 * Renders one TeX string to a display `<math>` element and makes each marked term focusable with
 * an accessible name (the figure lights the matching part of the block diagram on focus).
 * @throws Error naming the TeX when Temml cannot parse it, failing the build.
 */
export function renderEquation(tex: string): string {
  const html = renderMathHtml(tex, true, 'the living equation', ['\\data']);
  return (
    html
      // Display layout comes from the figure's stylesheet, as for every formula on the site.
      .replace(/ style="[^"]*"/, '')
      .replace(/data-term="([A-Za-z0-9]+)"/g, (match, term: string) =>
        isTermId(term) ? `${match} tabindex="0" role="img" aria-label="${TERM_LABELS[term]}"` : match,
      )
  );
}

/** Renders every equation of {@link EQUATION_TEX}. */
export function renderAllEquations(): EquationHtml {
  const both = (v: BlockVariant) => ({
    plain: EQUATION_TEX[v].plain.map(renderEquation),
    bn: EQUATION_TEX[v].bn.map(renderEquation),
  });
  return { original: both('original'), preact: both('preact') };
}
