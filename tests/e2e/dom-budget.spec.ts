/**
 * A gate over the built HTML (no browser needed): the elements each page ships, the figure behind
 * Lighthouse's "DOM size" and much of the style and layout time on a phone. Budgets are today's
 * counts and a little room, so that they cannot creep up; the math-heavy chapters are the big ones
 * (their math and tables). Reads $ASTRO_OUT_DIR or dist, so run it after `astro build`.
 */
import { globSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const dir = process.env['ASTRO_OUT_DIR'] || 'dist';

/**
 * Elements per page, by path; pages not listed get DEFAULT_BUDGET. Math is MathML (about one element
 * per symbol, src/lib/rehype-math.ts); with KaTeX's HTML and its hidden MathML copy the heavy
 * chapters had twice as many (residual-block 6,005, classic-convnets 4,411, why-it-works 3,409), and
 * the living equation, the last KaTeX on the site, took residual-block from 2,837 to 2,759.
 */
const BUDGETS: Readonly<Record<string, number>> = {
  '/chapters/residual-block/': 2900,
  '/chapters/classic-convnets/': 2700,
  '/chapters/why-it-works/': 1450,
  '/chapters/resnet-34/': 2100,
  '/chapters/how-deep/': 1300,
  '/architectures/resnet/': 2050,
};
const DEFAULT_BUDGET = 1000;

/** Elements in an HTML document, as the parser would make them (script and style bodies skipped). */
function countElements(html: string): number {
  const stripped = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<script\b[\s\S]*?<\/script>/gi, '<script></script>')
    .replace(/<style\b[\s\S]*?<\/style>/gi, '<style></style>');
  return stripped.match(/<[a-zA-Z][a-zA-Z0-9-]*[\s/>]/g)?.length ?? 0;
}

test('counts elements as a parser does', () => {
  expect(countElements('<!doctype html><html><head><style>a<b{}</style></head><body><p>x<br/></p></body></html>')).toBe(
    6,
  );
  expect(countElements('<script>if (a <b) {}</script><!-- <div> -->')).toBe(1);
});

test('no page ships more elements than its budget', () => {
  const lines: string[] = [];
  const pages = globSync('**/index.html', { cwd: dir }).sort();
  expect(pages.length).toBeGreaterThanOrEqual(8);
  for (const file of pages) {
    const path = `/${file.replace(/index\.html$/, '')}`;
    const count = countElements(readFileSync(join(dir, file), 'utf8'));
    const budget = BUDGETS[path] ?? DEFAULT_BUDGET;
    lines.push(`${path.padEnd(36)} ${String(count).padStart(5)} elements (budget ${budget})`);
    expect(count, `${path}: DOM elements`).toBeLessThanOrEqual(budget);
  }
  console.log(`Elements per page:\n${lines.join('\n')}`);
});
