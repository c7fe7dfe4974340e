/**
 * Each page's own math font (src/lib/page-math-font.ts): which characters it keeps, where its
 * declaration goes, and how the site-wide declaration leaves the built stylesheet. The built site
 * is checked by tests/e2e/math-font.spec.ts.
 */
import { readFileSync } from 'node:fs';
import subsetFont from 'subset-font';
import { describe, expect, it } from 'vitest';
import { MATH_FONT_FILE, fontCodePoints } from '../../scripts/subset-math-font.mjs';
import {
  mathFontFace,
  mathFontPreload,
  pageMathCharacters,
  withMathFontFace,
  withoutSiteFace,
} from '../../src/lib/page-math-font.ts';

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>
<p>Text <math><msup><mi>a</mi><mrow><mo>[</mo><mi>l</mi><mo>+</mo><mn>2</mn><mo>]</mo></mrow></msup></math>
and <math><mi mathvariant="normal">Σ</mi><msqrt><mi>x</mi></msqrt></math>.</p></body></html>`;

describe('a page’s math font', () => {
  it('keeps the characters its formulas draw, the space and the radical, and nothing for a page without math', () => {
    const characters = pageMathCharacters(PAGE);
    // One-letter identifiers are drawn in their italic forms; Σ is marked upright.
    expect([...characters].sort()).toEqual([...' +2[]Σ√𝑎𝑙𝑥'].sort());
    expect(pageMathCharacters('<html><head></head><body><p>No math.</p></body></html>')).toBe('');
  });

  it('counts the math an island receives as markup in its props, which it shows later', () => {
    const props = JSON.stringify({ equations: [0, { bn: [1, [[0, '<math><mi>γ</mi><mo>⊕</mo></math>']]] }] });
    const island = `<astro-island props="${props.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;')}"></astro-island>`;
    const characters = pageMathCharacters(PAGE.replace('</body>', `${island}</body>`));
    expect(characters).toContain('𝛾');
    expect(characters).toContain('⊕');
    expect(pageMathCharacters(PAGE)).not.toContain('⊕');
  });

  it('is fetched from the top of the head and declared last in it, after the policy', () => {
    const url = '/base/_astro/math-font.abc.woff2';
    const html = withMathFontFace(PAGE, url);
    expect(html).toContain(`<meta charset="utf-8">${mathFontPreload(url)}<title>`);
    expect(html).toContain(`${mathFontFace(url)}</head>`);
    expect(mathFontPreload(url)).toBe(
      '<link rel="preload" href="/base/_astro/math-font.abc.woff2" as="font" type="font/woff2" crossorigin>',
    );
    expect(mathFontFace('/f.woff2')).toMatch(/font-family:"WRW Math";src:local\("STIX Two Math"\),url\(\/f\.woff2\)/);
    expect(withMathFontFace('<html><head><title>t</title></head></html>', '/f.woff2')).toBe(
      `<html><head>${mathFontPreload('/f.woff2')}<title>t</title>${mathFontFace('/f.woff2')}</head></html>`,
    );
    expect(() => withMathFontFace('<p>no head</p>', '/f.woff2')).toThrow(/no <\/head>/);
  });

  it('replaces the site-wide declaration, which leaves the built stylesheet with its file named', () => {
    const built =
      'a{color:red}@font-face{font-family:WRW Math;src:local(STIX Two Math),url(/_astro/stix-two-math-subset.Ckah3NBP.woff2)format("woff2");font-display:swap}math{font-family:WRW Math,math}' +
      '@font-face{font-display:block;font-family:KaTeX_AMS;src:url(/_astro/KaTeX_AMS-Regular.B.woff2)format("woff2")}';
    const { css, files } = withoutSiteFace(built);
    expect(files).toEqual(['stix-two-math-subset.Ckah3NBP.woff2']);
    expect(css).toBe(
      'a{color:red}math{font-family:WRW Math,math}@font-face{font-display:block;font-family:KaTeX_AMS;src:url(/_astro/KaTeX_AMS-Regular.B.woff2)format("woff2")}',
    );
    expect(withoutSiteFace('a{color:red}')).toEqual({ css: 'a{color:red}', files: [] });
  });

  it('cut from the site’s font, holds exactly those characters and is a fraction of its size', async () => {
    const site = readFileSync(MATH_FONT_FILE);
    const characters = pageMathCharacters(PAGE);
    const font = await subsetFont(site, characters, { targetFormat: 'woff2' });
    const held = await fontCodePoints(font);
    expect([...characters].filter((c) => !held.has(c.codePointAt(0) ?? 0))).toEqual([]);
    expect(font.length).toBeLessThan(site.length / 4);
  });
});
