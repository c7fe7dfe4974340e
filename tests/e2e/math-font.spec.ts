/**
 * Gates over the built HTML (no browser needed): every character that a page's math draws is in
 * the subset math font (src/lib/math-font.ts), and in the font cut for that page from it
 * (src/lib/page-math-font.ts), so no formula falls back to another face glyph by glyph. Reads
 * $ASTRO_OUT_DIR or dist, so run it after `astro build`.
 */
import { globSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { fontCodePoints } from '../../scripts/subset-math-font.mjs';
import { MATH_FONT_TEXT, drawnMathCharacters } from '../../src/lib/math-font.ts';

/** KB of a page's own math font: the heaviest page's today is 16, the site's whole subset 48. */
const PAGE_FONT_BUDGET_KB = 20;

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

test('each page with math loads a font of its own that holds its characters, and no page loads the site-wide one', async () => {
  const pages = globSync('**/index.html', { cwd: dir });
  const sizes: string[] = [];
  let withMath = 0;
  for (const file of pages) {
    const html = readFileSync(join(dir, file), 'utf8');
    const faces = [...html.matchAll(/@font-face\{font-family:"WRW Math";[^}]*url\(([^)]+)\)/g)].map((m) => m[1] ?? '');
    const drawn = drawnMathCharacters(html);
    if (drawn.size === 0) {
      expect(faces, `${file}: no math, no math font`).toEqual([]);
      expect(html, `${file}: no math, no font fetched for it`).not.toContain('as="font"');
      continue;
    }
    withMath += 1;
    expect(faces, `${file}: one declaration of its math font`).toHaveLength(1);
    const preloads = [
      ...html.matchAll(/<link rel="preload" href="([^"]+)" as="font" type="font\/woff2" crossorigin>/g),
    ];
    expect(
      preloads.map((m) => m[1]),
      `${file}: its math font fetched from the head`,
    ).toEqual(faces);
    const fontFile = join(dir, '_astro', (faces[0] ?? '').split('/').pop() ?? '');
    const held = await fontCodePoints(readFileSync(fontFile));
    const missing = [...drawn].filter((char) => !held.has(char.codePointAt(0) ?? 0));
    expect(missing, `${file}: characters its math font lacks`).toEqual([]);
    const kb = statSync(fontFile).size / 1024;
    sizes.push(`${file.padEnd(40)} ${kb.toFixed(1).padStart(5)} KB`);
    expect(kb, `${file}: KB of its math font`).toBeLessThanOrEqual(PAGE_FONT_BUDGET_KB);
  }
  expect(withMath, 'pages with math').toBeGreaterThanOrEqual(5);
  console.log(`Math font per page:\n${sizes.join('\n')}`);
  for (const css of globSync('_astro/*.css', { cwd: dir }))
    expect(readFileSync(join(dir, css), 'utf8'), `${css} declares the site-wide math font`).not.toMatch(
      /WRW Math["']?;src/,
    );
  expect(globSync('_astro/stix-two-math-subset.*', { cwd: dir }), 'the site-wide subset is not shipped').toEqual([]);
});
