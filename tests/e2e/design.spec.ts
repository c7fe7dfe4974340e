/**
 * Issue 18's design sweep: at 360 px and 1280 px, in both themes, before and after each demo runs
 * (one run of a few steps on WASM per demo, read at both widths), no page is wider than the screen, no uPlot legend table is drawn, demo
 * roots opt out of the article styles, chart text is 11 px or more and plain and residual marks are
 * drawn in their tokens' colours. The theme switches mid-page, as a reader's would, so the charts
 * are also checked to follow it without a reload. At 360 px every page's header menu button is
 * seen whole.
 */
import { expect, test, type Page } from '@playwright/test';
import { sitemapPaths } from './support/site.ts';
import {
  expectDesigned,
  menuButtonProblems,
  openSweptDemo,
  readDesign,
  resizeTo,
  runToEnd,
  setTheme,
  SWEPT_DEMOS,
} from './support/design.ts';

/** The sweep's two screens: a phone and a laptop. */
const WIDTHS = [360, 1280] as const;

// Each demo runs once: it is read at both widths (the page resized, as a turned tablet would be)
// before and after its run, so that the sweep costs one short run per demo.
for (const demo of SWEPT_DEMOS) {
  test(`${demo.name}: designed at 360 and 1280 px in both themes, before and after a run`, async ({ page }) => {
    test.setTimeout(150_000);
    await page.setViewportSize({ width: WIDTHS[0], height: 800 });
    const root = await openSweptDemo(page, demo, 'dark');
    const heights = new Map<number, number>();
    for (const width of WIDTHS) {
      await resizeTo(page, width);
      await setTheme(page, 'dark');
      expectDesigned(await readDesign(page), `${demo.name}, ${width} px, dark, before`);
      await setTheme(page, 'light');
      expectDesigned(await readDesign(page), `${demo.name}, ${width} px, light, before`);
      heights.set(width, (await root.boundingBox())?.height ?? 0);
    }

    await runToEnd(root, demo);
    for (const width of [...WIDTHS].reverse()) {
      await resizeTo(page, width);
      await setTheme(page, 'light');
      const after = await readDesign(page);
      expectDesigned(after, `${demo.name}, ${width} px, light, after`);
      expect(after.toneMarks, 'plain and residual marks were checked').toBeGreaterThan(demo.name === 'lenet' ? -1 : 0);
      if (demo.name === 'identity') {
        // The living equation on the same page: touching a slider must not shift the text column.
        await page.locator('.living-equation').getByRole('slider').first().press('ArrowRight');
        expectDesigned(await readDesign(page), `living equation, ${width} px, after a slider moved`);
      }
      await setTheme(page, 'dark');
      // The charts redraw in the dark theme's tokens without a reload.
      await expect.poll(async () => (await readDesign(page)).offTokens).toEqual([]);
      expectDesigned(await readDesign(page), `${demo.name}, ${width} px, dark, after`);
      const grown = ((await root.boundingBox())?.height ?? 0) - (heights.get(width) ?? 0);
      if (demo.reservesHeight === false) {
        test
          .info()
          .annotations.push({ type: 'grew', description: `${demo.name} at ${width} px: ${grown.toFixed(0)} px` });
        continue;
      }
      // The demo reserved its final height: the chapter below barely moves (at most a line or two).
      expect(grown, `${demo.name} grew while it ran at ${width} px`).toBeLessThan(120);
    }
  });
}

test.describe('360 px', () => {
  test.use({ viewport: { width: 360, height: 800 } });

  test('every page fits the screen before any demo runs, its menu button whole', async ({ page, request }) => {
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
      // The header's menu button is the way to the other chapters on a phone: seen whole.
      expect(await menuButtonProblems(page), `${path}: the menu button`).toEqual([]);
    }
  });

  test('a table wider than the phone scrolls in its own named box, by keyboard', async ({ page }) => {
    await page.goto('/architectures/cifar-resnets/');
    // The Markdown table's box (src/lib/rehype-scroll-tables.ts), named after the heading above it.
    const box = page.getByRole('region', { name: 'Table: Layout' });
    const { scrollWidth, clientWidth } = await box.evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
    }));
    expect(scrollWidth, 'the table is wider than its box here').toBeGreaterThan(clientWidth);
    await box.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    // It shows that it scrolls: the shared edge shadows are its background.
    expect(await box.evaluate((el) => getComputedStyle(el).backgroundImage)).toContain('radial-gradient');
  });
});

/** The scripts a page requests until the network is idle, without any interaction (paths, sorted). */
async function scriptsBeforeInteraction(page: Page, path: string): Promise<string[]> {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await page.goto(path, { waitUntil: 'networkidle' });
  return scripts.sort();
}

test('the landing page adds no script to Starlight’s own: its hero figure is drawn at build time', async ({
  browser,
}) => {
  // The reference list is a page with no figure or demo: what it loads is Starlight's own.
  const starlight = await scriptsBeforeInteraction(await browser.newPage(), '/chapters/references/');
  const landing = await browser.newPage();
  expect(await scriptsBeforeInteraction(landing, '/')).toEqual(starlight);
  await expect(landing.locator('astro-island')).toHaveCount(0);
  await expect(landing.locator('.hero-curves svg').first()).toBeVisible();
});
