// Writes the site's math font, src/fonts/stix-two-math-subset.woff2: STIX Two Math (from the npm
// package @fontsource/stix-two-math, SIL Open Font License 1.1) cut down to the characters listed
// in src/lib/math-font.ts. HarfBuzz's subsetter keeps the OpenType MATH table that browsers lay
// out MathML with, and the size variants of the kept glyphs (the tall brackets and big sums).
//
//   node_modules/.bin/node scripts/subset-math-font.mjs     (or: npm run subset-math-font)
//
// Run it after changing the list; tests/e2e/math-font.spec.ts fails when a page's math needs a
// character the committed font lacks, and tests/unit/math-font.test.ts when the font and the list
// disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MATH_FONT_TEXT } from '../src/lib/math-font.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Where the subset is written; src/styles/math.css loads it. */
export const MATH_FONT_FILE = join(ROOT, 'src', 'fonts', 'stix-two-math-subset.woff2');

/**
 * The code points a font maps to glyphs.
 * @param {Uint8Array} woff2 the font, WOFF2-compressed
 * @returns {Promise<Set<number>>}
 */
export async function fontCodePoints(woff2) {
  const fontverter = require('fontverter');
  const { Blob, Face } = await import('harfbuzzjs');
  const sfnt = await fontverter.convert(Buffer.from(woff2), 'sfnt');
  return new Set(new Face(new Blob(sfnt), 0).collectUnicodes());
}

async function main() {
  const subsetFont = (await import('subset-font')).default;
  const source = readFileSync(require.resolve('@fontsource/stix-two-math/files/stix-two-math-latin-400-normal.woff2'));
  const subset = await subsetFont(source, MATH_FONT_TEXT, { targetFormat: 'woff2' });
  writeFileSync(MATH_FONT_FILE, subset);
  console.log(
    `${MATH_FONT_FILE}: ${(subset.length / 1024).toFixed(1)} KB (from ${(source.length / 1024).toFixed(0)} KB)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
