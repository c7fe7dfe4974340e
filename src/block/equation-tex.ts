/**
 * The block's equations as TeX with each term marked by `\htmlData{term=…}`, and their build-time
 * rendering to HTML with KaTeX, so the page ships the HTML and none of KaTeX's JavaScript.
 */
import { TERM_LABELS, isTermId } from './block-diagram.ts';
import type { BlockVariant } from './block-math.ts';

const t = (term: string, tex: string): string => `\\htmlData{term=${term}}{${tex}}`;

/** TeX of the equations shown for each block, with and without BatchNorm. */
export const EQUATION_TEX: Readonly<
  Record<BlockVariant, { readonly plain: readonly string[]; readonly bn: readonly string[] }>
> = {
  original: {
    plain: [
      `${t('out', 'a^{[l+2]}')} = ${t('g', 'g')}\\big(${t('z', 'z^{[l+2]}')} ${t('add', '+')} ${t('a', 'a^{[l]}')}\\big)`,
      `${t('z', 'z^{[l+2]}')} = ${t('W2', 'W^{[l+2]}')}\\, ${t('a1', 'a^{[l+1]}')} + ${t('b2', 'b^{[l+2]}')}`,
    ],
    bn: [
      `${t('out', 'a^{[l+2]}')} = ${t('g', 'g')}\\big(${t('z', 'z^{[l+2]}')} ${t('add', '+')} ${t('a', 'a^{[l]}')}\\big)`,
      `${t('z', 'z^{[l+2]}')} = \\operatorname{BN}_{\\gamma,\\beta}\\big(${t('W2', 'W^{[l+2]}')}\\, ${t('a1', 'a^{[l+1]}')} + ${t('b2', 'b^{[l+2]}')}\\big)`,
    ],
  },
  preact: {
    plain: [
      `${t('out', 'a^{[l+2]}')} = ${t('z', 'z^{[l+2]}')} ${t('add', '+')} ${t('a', 'a^{[l]}')}`,
      `${t('z', 'z^{[l+2]}')} = ${t('W2', 'W^{[l+2]}')}\\, ${t('g', 'g')}\\big(${t('a1', 'z^{[l+1]}')}\\big) + ${t('b2', 'b^{[l+2]}')}`,
    ],
    bn: [
      `${t('out', 'a^{[l+2]}')} = ${t('z', 'z^{[l+2]}')} ${t('add', '+')} ${t('a', 'a^{[l]}')}`,
      `${t('z', 'z^{[l+2]}')} = ${t('W2', 'W^{[l+2]}')}\\, ${t('g', 'g')}\\big(\\operatorname{BN}_{\\gamma,\\beta}(${t('a1', 'z^{[l+1]}')})\\big) + ${t('b2', 'b^{[l+2]}')}`,
    ],
  },
};

/** The part of KaTeX this module needs (pass the `katex` default export). */
export interface KatexLike {
  renderToString(tex: string, options: Record<string, unknown>): string;
}

/** Rendered HTML of every equation, same layout as {@link EQUATION_TEX}. */
export type EquationHtml = Readonly<
  Record<BlockVariant, { readonly plain: readonly string[]; readonly bn: readonly string[] }>
>;

/**
 * Renders one TeX string to HTML and makes each marked term focusable with an accessible name.
 * KaTeX hides its HTML from assistive technology and reads a MathML copy instead; focusable terms
 * cannot sit inside hidden content, so this keeps the HTML visible, named term by term, and drops
 * the MathML copy.
 * @throws KaTeX's ParseError on bad TeX, failing the build.
 */
export function renderEquation(katex: KatexLike, tex: string): string {
  const html = katex.renderToString(tex, {
    displayMode: true,
    output: 'html',
    trust: (context: { command: string }) => context.command === '\\htmlData',
    strict: (code: string) => (code === 'htmlExtension' ? 'ignore' : 'error'),
    throwOnError: true,
  });
  return html
    .replace('class="katex-html" aria-hidden="true"', 'class="katex-html"')
    .replace(/data-term="([A-Za-z0-9]+)"/g, (match, term: string) =>
      isTermId(term) ? `${match} tabindex="0" role="img" aria-label="${TERM_LABELS[term]}"` : match,
    );
}

/** Renders every equation of {@link EQUATION_TEX}. */
export function renderAllEquations(katex: KatexLike): EquationHtml {
  const both = (v: BlockVariant) => ({
    plain: EQUATION_TEX[v].plain.map((tex) => renderEquation(katex, tex)),
    bn: EQUATION_TEX[v].bn.map((tex) => renderEquation(katex, tex)),
  });
  return { original: both('original'), preact: both('preact') };
}
