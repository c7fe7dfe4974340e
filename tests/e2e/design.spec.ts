/**
 * Issue 18's design sweep: at 360 px and 1280 px, in both themes, before and after each demo runs
 * (a few steps on WASM), no page is wider than the screen, no uPlot legend table is drawn, demo
 * roots opt out of the article styles, chart text is 11 px or more and plain and residual marks are
 * drawn in their tokens' colours. The theme switches mid-page, as a reader's would, so the charts
 * are also checked to follow it without a reload.
 */
import { expect, test } from '@playwright/test';
import { sitemapPaths } from './support/site.ts';
import { expectDesigned, openSweptDemo, readDesign, runToEnd, setTheme, SWEPT_DEMOS } from './support/design.ts';

for (const width of [360, 1280]) {
  test.describe(`${width} px`, () => {
    test.use({ viewport: { width, height: 800 } });

    for (const demo of SWEPT_DEMOS) {
      test(`${demo.name}: designed in both themes, before and after a run`, async ({ page }) => {
        test.setTimeout(150_000);
        const root = await openSweptDemo(page, demo, 'dark');
        expectDesigned(await readDesign(page), `${demo.name}, dark, before`);
        await setTheme(page, 'light');
        expectDesigned(await readDesign(page), `${demo.name}, light, before`);
        const before = await root.boundingBox();

        await runToEnd(root, demo);
        const after = await readDesign(page);
        expectDesigned(after, `${demo.name}, light, after`);
        expect(after.toneMarks, 'plain and residual marks were checked').toBeGreaterThan(
          demo.name === 'lenet' ? -1 : 0,
        );
        if (demo.name === 'identity') {
          // The living equation on the same page: touching a slider must not shift the text column.
          await page.locator('.living-equation').getByRole('slider').first().press('ArrowRight');
          expectDesigned(await readDesign(page), 'living equation, after a slider moved');
        }
        await setTheme(page, 'dark');
        // The charts redraw in the dark theme's tokens without a reload.
        await expect.poll(async () => (await readDesign(page)).offTokens).toEqual([]);
        expectDesigned(await readDesign(page), `${demo.name}, dark, after`);
        const grown = ((await root.boundingBox())?.height ?? 0) - (before?.height ?? 0);
        // The demo reserved its final height: the chapter below barely moves (at most a line or two).
        expect(grown, `${demo.name} grew while it ran`).toBeLessThan(120);
      });
    }

    test('every page fits the screen before any demo runs', async ({ page, request }) => {
      test.skip(width !== 360, 'the narrow screen is the one that overflows');
      test.setTimeout(120_000);
      for (const path of await sitemapPaths(request)) {
        await page.goto(path);
        const reading = await readDesign(page);
        expect(
          reading.scrollWidth,
          `${path}: reaching past the screen: ${reading.overflowing.join(', ')}`,
        ).toBeLessThanOrEqual(reading.viewport);
        expect(reading.legendTables, path).toBe(0);
        expect(reading.rootsWithoutNotContent, path).toEqual([]);
        expect(reading.offTokens, `${path}: figure marks off their tokens`).toEqual([]);
      }
    });
  });
}
