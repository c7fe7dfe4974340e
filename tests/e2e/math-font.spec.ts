/**
 * A gate over the built HTML (no browser needed): every character that a page's math draws is in
 * the subset math font (src/lib/math-font.ts), so no formula falls back to another face glyph by
 * glyph. Reads $ASTRO_OUT_DIR or dist, so run it after `astro build`.
 */
import { globSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { MATH_FONT_TEXT, drawnMathCharacters } from '../../src/lib/math-font.ts';

const dir = process.env['ASTRO_OUT_DIR'] || 'dist';

test('the math font holds every character the pages typeset', () => {
  const inFont = new Set(MATH_FONT_TEXT);
  const pages = globSync('**/index.html', { cwd: dir });
  expect(pages.length).toBeGreaterThanOrEqual(8);
  let formulas = 0;
  const missing: string[] = [];
  for (const file of pages) {
    const html = readFileSync(join(dir, file), 'utf8');
    formulas += html.match(/<math\b/g)?.length ?? 0;
    for (const char of drawnMathCharacters(html)) {
      if (!inFont.has(char)) missing.push(`${file}: ${char} (U+${char.codePointAt(0)?.toString(16).toUpperCase()})`);
    }
  }
  expect(formulas, 'formulas typeset as MathML').toBeGreaterThan(100);
  expect(missing, 'add these to src/lib/math-font.ts and run npm run subset-math-font').toEqual([]);
});
