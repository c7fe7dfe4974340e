/**
 * The living equation's formulas: Temml's MathML with every marked term focusable and named, the
 * same renderer as the chapters' math, and a TeX error that fails the build with the TeX named.
 */
import { describe, expect, it } from 'vitest';
import { TERM_LABELS } from '../../../src/block/block-diagram.ts';
import { EQUATION_TEX, renderAllEquations, renderEquation } from '../../../src/block/equation-tex.ts';

describe('the living equation', () => {
  const rendered = renderAllEquations();
  const all = Object.values(rendered).flatMap((v) => [...v.plain, ...v.bn]);

  it('renders every equation as one display <math> element, without KaTeX or inline styles', () => {
    expect(all).toHaveLength(8);
    for (const html of all) {
      expect(html.match(/<math[\s>]/g)).toHaveLength(1);
      expect(html).toMatch(/^<math display="block"/);
      expect(html).not.toMatch(/katex|style="/);
    }
  });

  it('makes each marked term focusable, with the name the diagram uses', () => {
    for (const [variant, forms] of Object.entries(EQUATION_TEX)) {
      for (const [form, texts] of Object.entries(forms)) {
        texts.forEach((tex, i) => {
          const html = rendered[variant as keyof typeof rendered][form as 'plain' | 'bn'][i] ?? '';
          const marked = [...tex.matchAll(/\\data\{term=(\w+)\}/g)].map(([, id]) => id);
          const terms = [
            ...html.matchAll(/<m\w+[^>]* data-term="(\w+)" tabindex="0" role="img" aria-label="([^"]+)"/g),
          ];
          expect(terms.map(([, id]) => id)).toEqual(marked);
          for (const [, id, label] of terms) expect(label).toBe(TERM_LABELS[id as keyof typeof TERM_LABELS]);
        });
      }
    }
  });

  it('fails on bad TeX, naming the figure and the TeX', () => {
    expect(() => renderEquation('a^{[l+2]')).toThrow(
      /the living equation: TeX error in math: .*\n {2}TeX: a\^\{\[l\+2\]/,
    );
  });
});
