/**
 * Accessibility gate: axe-core finds no WCAG 2.2 AA violation on any page of the site, in the light
 * and the dark theme, and on each demo both idle and after a short run. Each demo can be driven
 * by keyboard alone, labels its controls, announces progress politely and honours
 * prefers-reduced-motion.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { allPages, THEMES, useTheme, WCAG_TAGS } from './support/quality.ts';
import { demosOnSite, installDemoHooks, startTraining } from './support/quality-demos.ts';

/** axe violations of `page` (or of `include` within it), one readable line per failing node. */
async function violations(page: Page, include?: string): Promise<string[]> {
  // Only violations are reported: detailing passes costs seconds on math-heavy pages.
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS).options({ resultTypes: ['violations'] });
  if (include) builder = builder.include(include);
  const { violations: found } = await builder.analyze();
  return found.flatMap((v) =>
    v.nodes.map(
      (n) => `${v.id} (${v.impact ?? '?'}): ${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1] ?? v.help}`,
    ),
  );
}

for (const theme of THEMES) {
  test(`every page has no WCAG 2.2 AA violations in the ${theme} theme`, async ({ browser }) => {
    test.setTimeout(600_000);
    const context = await browser.newContext();
    await useTheme(context, theme);
    const pages = await allPages(context.request);
    const found: string[] = [];
    const timings: string[] = [];
    for (const path of pages) {
      const page = await context.newPage();
      await page.goto(path, { waitUntil: 'networkidle' });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const started = Date.now();
      found.push(...(await violations(page)).map((v) => `${path}: ${v}`));
      timings.push(`${path} ${((Date.now() - started) / 1000).toFixed(1)} s`);
      await page.close();
    }
    console.log(`axe (${theme}): ${pages.length} pages, ${found.length} violations; ${timings.join(', ')}`);
    expect(found).toEqual([]);
    await context.close();
  });
}

test('every demo has no WCAG 2.2 AA violations, idle and after a short run, in both themes', async ({ browser }) => {
  test.setTimeout(300_000);
  const demos = await demosOnSite((await browser.newContext()).request);
  test.skip(demos.length === 0, 'no demo on the site yet');
  for (const theme of THEMES) {
    const context = await browser.newContext();
    await useTheme(context, theme);
    await installDemoHooks(context);
    for (const demo of demos) {
      const page = await context.newPage();
      await page.goto(demo.path);
      await demo.root(page).scrollIntoViewIfNeeded();
      const selector = demo.selector;
      await expect(demo.root(page).getByRole('button').first()).toBeVisible({ timeout: 60_000 });
      expect(await violations(page, selector), `${demo.name} idle (${theme})`).toEqual([]);
      await startTraining(page, demo);
      await demo.waitForProgress(page);
      expect(await violations(page, selector), `${demo.name} training (${theme})`).toEqual([]);
      await page.close();
    }
    await context.close();
  }
});

test('every demo works by keyboard alone, labels its controls and announces progress politely', async ({ page }) => {
  const demos = await demosOnSite(page.request);
  test.skip(demos.length === 0, 'no demo on the site yet');
  await installDemoHooks(page);
  for (const demo of demos) {
    await page.goto(demo.path);
    const root = demo.root(page);
    await root.scrollIntoViewIfNeeded();
    await expect(root).toHaveAttribute('data-hydrated', 'true', { timeout: 60_000 });
    const train = root.getByRole('button', { name: /^(train|start|resume)/i });
    await expect(train).toBeEnabled({ timeout: 60_000 });

    // Every control has an accessible name.
    const unnamed = await root.evaluate((el) =>
      [...el.querySelectorAll('button, input, select, textarea, [role="slider"], [role="switch"]')]
        .filter((c) => {
          const labelled = c.getAttribute('aria-label') ?? c.getAttribute('aria-labelledby') ?? c.getAttribute('title');
          const input = c as HTMLInputElement;
          const byLabel = 'labels' in input && input.labels !== null && input.labels.length > 0;
          return !labelled && !byLabel && (c.textContent ?? '').trim() === '';
        })
        .map((c) => c.outerHTML.slice(0, 80)),
    );
    expect(unnamed, `${demo.name}: unlabelled controls`).toEqual([]);

    // Progress is announced politely, not assertively.
    const live = await root.evaluate((el) =>
      [...el.querySelectorAll('[aria-live], [role="status"], [role="log"], [role="progressbar"]')].map(
        (n) => n.getAttribute('aria-live') ?? n.getAttribute('role'),
      ),
    );
    expect(live.length, `${demo.name}: has a live region`).toBeGreaterThan(0);
    expect(live, `${demo.name}: no assertive announcements`).not.toContain('assertive');

    // Tab to Train, press Enter; training starts; focus stays visible.
    await page.locator('body').focus();
    let reached = false;
    for (let i = 0; i < 200 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await train.evaluate((el) => el === document.activeElement);
    }
    expect(reached, `${demo.name}: Train is reachable with Tab`).toBe(true);
    const ring = await train.evaluate((el) => {
      const s = getComputedStyle(el);
      return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
    });
    expect(ring, `${demo.name}: the focused control shows a focus ring`).toBe(true);
    await page.keyboard.press('Enter');
    await demo.waitForProgress(page);

    // Arrow keys move a range control, if the demo has one.
    const slider = root.getByRole('slider').first();
    if ((await slider.count()) > 0 && (await slider.isEnabled())) {
      await slider.focus();
      const before = await slider.inputValue().catch(() => slider.getAttribute('aria-valuenow'));
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowUp');
      const after = await slider.inputValue().catch(() => slider.getAttribute('aria-valuenow'));
      expect(after, `${demo.name}: arrow keys move the slider`).not.toBe(before);
    }
  }
});

test('demos honour prefers-reduced-motion', async ({ browser }) => {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  const demos = await demosOnSite(page.request);
  test.skip(demos.length === 0, 'no demo on the site yet');
  for (const demo of demos) {
    await page.goto(demo.path);
    await demo.root(page).scrollIntoViewIfNeeded();
    await expect(demo.root(page).getByRole('button').first()).toBeVisible({ timeout: 60_000 });
    // No CSS animation or transition longer than a blink runs inside the demo.
    const moving = await demo
      .root(page)
      .evaluate(
        (el) =>
          [el, ...el.querySelectorAll('*')]
            .map((n) => getComputedStyle(n))
            .filter(
              (s) =>
                (s.animationName !== 'none' &&
                  parseFloat(s.animationDuration) > 0.01 &&
                  s.animationIterationCount !== '0') ||
                parseFloat(s.transitionDuration) > 0.01,
            ).length,
      );
    expect(moving, `${demo.name}: animations under prefers-reduced-motion`).toBe(0);
  }
  await context.close();
});
