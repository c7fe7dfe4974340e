import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { collectConsoleErrors, collectForeignRequests, sitemapPaths } from './support/site.ts';

test.describe.configure({ mode: 'serial' });

/**
 * Bytes (gzip) of JS requested before any interaction, per page: Starlight's own 4.7 KB and no more
 * (islands load when scrolled into view, TF.js when a demo starts, Pagefind's search form when the
 * search dialog first opens: src/lib/lazy-pagefind-ui.ts). Issue 2 allowed 50 KB; the designed-demos
 * issue held every page at 31 KB, when Pagefind's form (25 KB) was built on every page load.
 */
const JS_BUDGET_GZIP = 5.5 * 1024;

/** True when a script body is TensorFlow.js (its kernel registry's messages survive minification). */
function isTfjs(url: string, body: string): boolean {
  return url.endsWith('.wasm') || (body.includes('is already registered') && body.includes('for backend'));
}

interface Loaded {
  jsRaw: number;
  jsGzip: number;
  tfjs: string[];
}

/** Opens a page, waits until the browser is idle (idle-loaded scripts included) and weighs its JS. */
async function loadAndWeigh(page: Page, path: string): Promise<Loaded> {
  const bodies: Promise<{ url: string; body: Buffer }>[] = [];
  page.on('response', (res) => {
    const type = res.request().resourceType();
    const url = res.url();
    if (type === 'script' || /\.(m?js|wasm)(\?|$)/.test(url)) {
      bodies.push(res.body().then((body) => ({ url, body })));
    }
  });
  const response = await page.goto(path, { waitUntil: 'networkidle' });
  expect(response?.status(), `${path} answers 200`).toBe(200);
  // Give requestIdleCallback-scheduled loads a chance to start, then settle.
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => resolve(null), { timeout: 2000 })));
  await page.waitForLoadState('networkidle');
  const scripts = await Promise.all(bodies);
  return {
    jsRaw: scripts.reduce((n, s) => n + s.body.length, 0),
    jsGzip: scripts.reduce((n, s) => n + gzipSync(s.body).length, 0),
    tfjs: scripts.filter((s) => isTfjs(s.url, s.body.toString('latin1'))).map((s) => s.url),
  };
}

test('every page in the sitemap is sound, light and free of foreign requests', async ({ browser, baseURL }) => {
  const origin = new URL(baseURL ?? '').origin;
  const context = await browser.newContext();
  const paths = await sitemapPaths(context.request);
  expect(paths.length).toBeGreaterThanOrEqual(7);
  const report: string[] = [];
  for (const path of paths) {
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    const foreign = collectForeignRequests(page, origin);
    const weight = await loadAndWeigh(page, path);

    await expect(page.locator('h1'), `${path} has exactly one h1`).toHaveCount(1);
    expect((await page.title()).length, `${path} has a title`).toBeGreaterThan(5);
    const description = await page.locator('meta[name="description"]').getAttribute('content');
    expect(description?.length ?? 0, `${path} has a meta description`).toBeGreaterThanOrEqual(50);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', /^https?:\/\//);
    await expect(page.locator('meta[property="og:title"]')).toHaveCount(1);
    const ld = await page.locator('script[type="application/ld+json"]').first().textContent();
    expect(JSON.parse(ld ?? '{}')).toMatchObject({ '@type': 'TechArticle' });

    // Math is typeset: no TeX source is visible as text outside code blocks.
    const visibleText = await page.evaluate(() => {
      const main = document.querySelector('main')?.cloneNode(true) as HTMLElement | undefined;
      main?.querySelectorAll('pre, code, script, style').forEach((el) => el.remove());
      return main?.textContent ?? '';
    });
    expect(visibleText, `${path} shows no raw TeX`).not.toMatch(
      /\$\$|\\(frac|left|right|mathrm|text|lfloor|tag|sum)\b/,
    );

    expect(errors, `${path} logs no console errors`).toEqual([]);
    expect(foreign, `${path} requests nothing from other origins`).toEqual([]);
    expect(weight.tfjs, `${path} loads no TensorFlow.js before a demo starts`).toEqual([]);
    expect(
      weight.jsGzip,
      `${path} ships at most 5.5 KB gzip of JS before interaction (Starlight's 4.7 KB)`,
    ).toBeLessThanOrEqual(JS_BUDGET_GZIP);
    report.push(
      `${path.padEnd(40)} JS ${(weight.jsRaw / 1024).toFixed(1).padStart(6)} KB raw, ${(weight.jsGzip / 1024)
        .toFixed(1)
        .padStart(5)} KB gzip`,
    );
    await page.close();
  }
  console.log(`JavaScript requested before interaction, per page:\n${report.join('\n')}`);
  await context.close();
});

test('every page fits a 360 px wide phone without sideways scrolling', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const paths = await sitemapPaths(context.request);
  const page = await context.newPage();
  for (const path of paths) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} is no wider than the screen`).toBeLessThanOrEqual(0);
  }
  await context.close();
});

test('the theme follows the system and remembers the reader’s choice', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto('/chapters/residual-block/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const select = page.getByRole('combobox', { name: /theme/i }).first();
  await select.selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await context.close();
});

test('search for "residual" finds the residual-block chapter', async ({ page }) => {
  await page.goto('/');
  await page
    .getByRole('button', { name: /search/i })
    .first()
    .click();
  const box = page
    .getByRole('searchbox')
    .or(page.getByPlaceholder(/search/i))
    .first();
  await box.fill('residual');
  await expect(page.locator('a[href*="/chapters/residual-block/"]').first()).toBeVisible();
});

test('keyboard focus is visible', async ({ page }) => {
  await page.goto('/chapters/classic-convnets/');
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), shadow: style.boxShadow };
    });
    expect(outline, 'something has focus').not.toBeNull();
    const visible = (outline?.style !== 'none' && (outline?.width ?? 0) > 0) || (outline?.shadow ?? 'none') !== 'none';
    expect(visible, 'the focused element shows a focus ring').toBe(true);
  }
});

test('a wrong address gets the helpful 404 page', async ({ page }) => {
  const response = await page.goto('/no-such-chapter/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/not found/i);
  await expect(page.getByRole('link', { name: /introduction/i }).first()).toBeVisible();
});

test('robots.txt names the sitemap', async ({ request }) => {
  const text = await (await request.get('/robots.txt')).text();
  expect(text).toMatch(/^Sitemap: https?:\/\/.+\/sitemap-index\.xml$/m);
});
