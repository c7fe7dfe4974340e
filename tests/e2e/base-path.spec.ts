/**
 * The site built under a base path (`BASE_PATH=/why-resnets-work/`, as on a GitHub Pages project
 * site) and served without any special header: navigation, every demo starting, search, robots.txt
 * and the sitemap. `npm test` runs this in its own pass (scripts/test-all.mjs); addresses here are
 * relative to the base URL, which carries the base path.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { installHooks, openDemo, shownStep } from './lenet-support.ts';
import { QUICK_RUN } from './support/quality-demos.ts';
import { collectConsoleErrors, searchFor } from './support/site.ts';
import { startOnWasm } from './support/wasm-threads.ts';

/** The base path, as the base URL of this pass carries it. */
function basePath(baseURL: string | undefined): string {
  return new URL(baseURL ?? 'http://localhost/').pathname;
}

/** Paths (with the base) of every page the sitemap lists. */
async function sitemapPages(page: Page): Promise<string[]> {
  const index = await (await page.request.get('sitemap-index.xml')).text();
  const paths: string[] = [];
  for (const [, sitemap = ''] of index.matchAll(/<loc>([^<]+)<\/loc>/g)) {
    const xml = await (await page.request.get(new URL(sitemap).pathname)).text();
    for (const [, loc = ''] of xml.matchAll(/<loc>([^<]+)<\/loc>/g)) paths.push(new URL(loc).pathname);
  }
  return paths;
}

test('robots.txt and the sitemap name addresses under the base path', async ({ page, baseURL }) => {
  const base = basePath(baseURL);
  expect(base).not.toBe('/');
  const robots = await (await page.request.get('robots.txt')).text();
  expect(robots).toMatch(new RegExp(`Sitemap: https?://[^/]+${base}sitemap-index\\.xml`));
  const pages = await sitemapPages(page);
  expect(pages.length).toBeGreaterThanOrEqual(7);
  for (const path of pages) expect(path.startsWith(base), path).toBe(true);
});

test('every link, script, style and image of every page stays under the base path and answers', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const base = basePath(baseURL);
  const origin = new URL(baseURL ?? '').origin;
  const checked = new Map<string, number>();
  for (const path of await sitemapPages(page)) {
    const errors = collectConsoleErrors(page);
    await page.goto(path);
    const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
    expect(new URL(canonical ?? '').pathname, `${path}: canonical URL`).toBe(path);
    const urls = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('a[href], link[href], script[src], img[src]')].map(
        (el) => (el as HTMLAnchorElement).href || (el as HTMLScriptElement).src,
      ),
    );
    for (const raw of urls) {
      const url = new URL(raw);
      if (url.origin !== origin) continue;
      expect(url.pathname.startsWith(base), `${path} links to ${url.pathname}, outside ${base}`).toBe(true);
      const key = url.pathname;
      if (!checked.has(key)) checked.set(key, (await page.request.get(key)).status());
      expect(checked.get(key), `${path} → ${key}`).toBeLessThan(400);
    }
    expect(errors, `${path} logs no errors`).toEqual([]);
  }
  expect(checked.size).toBeGreaterThan(20);
});

test('the sidebar and the chapter links navigate within the base path', async ({ page, baseURL }) => {
  const base = basePath(baseURL);
  await page.goto('./');
  await page.getByRole('link', { name: 'How deep can we go?' }).first().click();
  await expect(page).toHaveURL(new RegExp(`${base}chapters/how-deep/$`));
  await expect(page.locator('h1')).toContainText(/deep/i);
  // A link written `/chapters/residual-block/` in the chapter's MDX.
  await page.locator('main').locator(`a[href="${base}chapters/residual-block/"]`).first().click();
  await expect(page).toHaveURL(new RegExp(`${base}chapters/residual-block/$`));
  // An unknown address gets the 404 page, whose button leads back to the introduction.
  await page.goto('no-such-page/');
  await expect(page.getByRole('link', { name: 'Start at the introduction' })).toHaveAttribute('href', base);
});

test('search finds a chapter and opens it under the base path', async ({ page, baseURL }) => {
  const base = basePath(baseURL);
  const errors = collectConsoleErrors(page);
  await page.goto('chapters/how-deep/');
  const hit = (await searchFor(page, 'residual')).locator(`a[href^="${base}chapters/residual-block/"]`).first();
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page).toHaveURL(new RegExp(`${base}chapters/residual-block/`));
  expect(errors).toEqual([]);
});

/** Scrolls an island into view and waits until it has hydrated. */
async function ready(island: Locator): Promise<Locator> {
  await island.scrollIntoViewIfNeeded();
  await expect(island).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  return island;
}

async function numberIn(locator: Locator): Promise<number> {
  return Number(/\d+/.exec((await locator.textContent()) ?? '')?.[0] ?? Number.NaN);
}

test('every demo starts: its code, workers, WASM and data load from under the base path', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = collectConsoleErrors(page);
  await installHooks(page, QUICK_RUN);
  const lenet = await openDemo(page);
  await lenet.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => shownStep(page), { timeout: 90_000 }).toBeGreaterThan(3);

  await page.goto('chapters/how-deep/?arch=mlp&depths=8,14&input=7&width=8&batch=32&steps=400');
  const lab = page.getByRole('region', { name: 'Depth-degradation lab' });
  await lab.scrollIntoViewIfNeeded();
  // A setting that differs from the default: the address has been applied.
  await expect(lab.getByLabel('Batch size')).toHaveValue('32');
  await lab.getByRole('button', { name: 'Train' }).click();
  // On a slow or busy machine even this run may count as long: then the reader agrees to go on.
  const go = lab.getByRole('button', { name: 'Continue' });
  const step = async () => {
    if (await go.isVisible()) await go.click();
    return numberIn(page.getByTestId('step-plain-14'));
  };
  await expect.poll(step, { timeout: 90_000 }).toBeGreaterThan(10);
  await lab.getByRole('button', { name: 'Stop' }).click();

  await page.goto('chapters/residual-block/');
  await ready(page.locator('.living-equation'));
  await ready(page.locator('.shortcut-options'));
  const identity = await ready(page.locator('.identity-experiment'));
  await identity.getByRole('button', { name: 'Start training' }).click();
  await expect.poll(() => numberIn(identity.getByTestId('identity-step')), { timeout: 60_000 }).toBeGreaterThan(10);
  await identity.getByRole('button', { name: 'Pause' }).click();

  await page.goto('chapters/why-it-works/');
  const lesion = await ready(page.locator('.lesion-experiment'));
  await lesion.getByRole('button', { name: 'Train and lesion' }).click();
  await expect(lesion.getByTestId('backend')).toContainText(/Backend: (WebGPU|WebGL|WASM|CPU)/, { timeout: 60_000 });
  // Training starts once the data set has loaded from `data/` under the base path.
  await expect(lesion).toHaveAttribute('data-phase', /^(training|lesioning|done)$/, { timeout: 90_000 });

  await page.goto('architectures/resnet/');
  const explorer = page.getByRole('region', { name: 'ResNet layout explorer' });
  await explorer.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island', { has: explorer })).not.toHaveAttribute('ssr', /.*/);

  expect(errors).toEqual([]);
});

test('without isolation headers, the WASM backend trains on one thread and says why', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('./');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  const start = await startOnWasm(page);
  expect(start.device).toBe('WebAssembly, one thread (page not cross-origin isolated)');
  // The one-thread factory (a chunk the backend imports on demand) and the SIMD binary: nothing of
  // the threaded build.
  expect(start.fetched).toHaveLength(2);
  expect(start.fetched).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^tfjs-backend-wasm-(?!threaded)[\w-]+\.js$/),
      expect.stringMatching(/^tfjs-backend-wasm-simd\.[\w-]+\.wasm$/),
    ]),
  );
});
