/**
 * Screenshots of each demo of issue 18's sweep before and after a short run, in both themes, at
 * 360 px and 1280 px: screenshots/<demo>-<width>-<theme>-<before|after>.png. Run by
 * `npm run screenshots` (scripts/screenshots.config.ts); it asserts nothing the design spec does
 * not, it only shows.
 */
import { test } from '@playwright/test';
import { openSweptDemo, runToEnd, setTheme, SWEPT_DEMOS } from '../tests/e2e/support/design.ts';

const OUT = new URL('../screenshots/', import.meta.url).pathname;

for (const width of [360, 1280]) {
  for (const demo of SWEPT_DEMOS) {
    test(`${demo.name} at ${width} px`, async ({ page }) => {
      test.setTimeout(150_000);
      await page.setViewportSize({ width, height: 900 });
      const root = await openSweptDemo(page, demo, 'dark');
      const shoot = async (theme: 'light' | 'dark', moment: 'before' | 'after') => {
        await setTheme(page, theme);
        await page.waitForTimeout(300); // the charts redraw in the new theme's colours
        await root.screenshot({ path: `${OUT}${demo.name}-${width}-${theme}-${moment}.png`, animations: 'disabled' });
      };
      await shoot('dark', 'before');
      await shoot('light', 'before');
      await runToEnd(root, demo);
      await shoot('light', 'after');
      await shoot('dark', 'after');
    });
  }
}
