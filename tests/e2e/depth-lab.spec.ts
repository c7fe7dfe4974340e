/**
 * The depth-degradation lab in a real browser: the recorded run shows before Train (and hides when
 * the settings differ); a tiny configuration trains on the default backend (WASM here: the software
 * WebGPU adapter is refused) under cross-origin isolation, curves appear, the run's estimate comes
 * from its warm-up, and a long run waits for the reader with that estimate; Pause stops one
 * network's step counter while the others go on; on screen it loads no TF.js and no worker before
 * Train and keeps the page within its JS budget; settings round-trip through the address, cannot be
 * made invalid, and a bad value in the address is ignored with a visible notice. LAB_PATH points
 * the spec at another page that embeds the lab (the chapter by default).
 */
import { gzipSync } from 'node:zlib';
import { expect, test, type Locator, type Page, type Response } from '@playwright/test';

const LAB_PATH = process.env['LAB_PATH'] ?? '/chapters/how-deep/';
/** Small, fast nets: fully connected, 7x7 inputs, width 8, depths 8 and 14, enough steps to pause one mid-run. */
const TINY = 'arch=mlp&depths=8,14&input=7&width=8&batch=32&steps=400';
/** A run far longer than the lab starts without asking (src/lab/estimate.ts LONG_RUN_MS). */
const LONG = 'arch=mlp&depths=8,14,20&input=28&width=64&batch=64&steps=5000';

/**
 * Opens the page and scrolls to the lab, as a reader does: the chapter loads it `client:visible`,
 * so it reads the address and comes alive only once on screen.
 */
async function openLab(page: Page, query = ''): Promise<Locator> {
  await page.goto(`${LAB_PATH}${query}`);
  const lab = page.getByRole('region', { name: 'Depth-degradation lab' });
  await lab.scrollIntoViewIfNeeded();
  return lab;
}

async function stepOf(page: Page, key: string): Promise<number> {
  const text = (await page.getByTestId(`step-${key}`).textContent()) ?? '';
  return Number(/step (\d+)/.exec(text)?.[1] ?? Number.NaN);
}

test('trains plain and residual nets; curves appear; Pause stops one step counter', async ({ page }) => {
  test.setTimeout(240_000);
  const lab = await openLab(page, `?${TINY}`);
  // A setting that differs from the default: the address has been applied.
  await expect(lab.getByLabel('Batch size')).toHaveValue('32');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await lab.getByRole('button', { name: 'Train' }).click();

  await expect(lab.getByText(/Training on your processor/)).toBeVisible({ timeout: 60_000 });
  // On a slow or busy machine even this run may count as long: then the reader agrees to go on.
  const go = lab.getByRole('button', { name: 'Continue' });
  await go.click({ timeout: 15_000 }).catch(() => undefined);
  await expect.poll(() => stepOf(page, 'plain-14'), { timeout: 90_000 }).toBeGreaterThan(10);
  // One bar for the whole run, with the estimate measured from the warm-up.
  await expect(lab.getByTestId('lab-progress')).toContainText(/whole run (about|under) \d+ (s|min) on your processor/);
  await expect(lab.getByRole('img', { name: /Plain nets/ })).toBeVisible();
  await expect(lab.getByRole('img', { name: /Residual nets/ })).toBeVisible();
  // The reader's lines, in the family's token colour.
  const plainLine = lab.locator('path[data-family="plain"]').first();
  await expect(plainLine).toBeVisible();
  expect(await plainLine.getAttribute('stroke')).toMatch(/^var\(--wrw-plain-\d\)$/);
  expect(await lab.locator('path[data-family="resnet"]').first().getAttribute('stroke')).toMatch(
    /^var\(--wrw-residual-\d\)$/,
  );

  await lab.getByText('Each network: steps and pause').click();

  await lab.getByRole('button', { name: 'Pause plain-14' }).click();
  await expect(lab.getByRole('button', { name: 'Resume plain-14' })).toBeVisible();
  const paused = await stepOf(page, 'plain-14');
  const other = await stepOf(page, 'resnet-14');
  // The other networks go on (their counters move every 10 steps) while the paused one stays.
  await expect.poll(() => stepOf(page, 'resnet-14'), { timeout: 60_000 }).toBeGreaterThan(other + 10);
  expect(await stepOf(page, 'plain-14')).toBe(paused);

  await lab.getByRole('button', { name: 'Resume plain-14' }).click();
  await expect.poll(() => stepOf(page, 'plain-14'), { timeout: 30_000 }).toBeGreaterThan(paused);
  await expect(lab.getByRole('figure').filter({ hasText: 'Response std per layer' })).toBeVisible({ timeout: 60_000 });
  await expect(lab.getByRole('img', { name: /Colour scale: .* logarithmic/ }).first()).toBeVisible();
  await lab.getByRole('button', { name: 'Stop', exact: true }).click();
});

test('a long run shows its estimate from the warm-up and waits for the reader', async ({ page }) => {
  test.setTimeout(180_000);
  const lab = await openLab(page, `?${LONG}`);
  await expect(lab.getByLabel('Steps per network')).toHaveValue('5000');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await lab.getByRole('button', { name: 'Train' }).click();
  const estimate = lab.getByTestId('lab-estimate');
  await expect(estimate).toContainText(/This run will take about \d+ min on your processor\./, { timeout: 120_000 });
  // Paused behind the question: no network moves on while the reader decides.
  const held = await stepOf(page, 'plain-20');
  expect(held).toBeLessThan(50);
  await page.waitForTimeout(2000);
  expect(await stepOf(page, 'plain-20')).toBe(held);
  await lab.getByRole('button', { name: 'Stop and change settings' }).click();
  await expect(lab.getByRole('button', { name: 'Train again' })).toBeEnabled();
});

test('before Train, the recorded run is drawn, and hidden once the settings differ', async ({ page }) => {
  const lab = await openLab(page);
  await expect(lab.getByTestId('recorded-note')).toContainText('Faint lines: the run recorded with these settings');
  await expect(lab.locator('path[stroke-opacity="0.35"]').first()).toBeAttached();
  await lab.getByLabel('Seed').fill('5');
  await expect(lab.getByTestId('recorded-note')).toContainText('hidden while yours differ');
  await expect(lab.locator('path[stroke-opacity="0.35"]')).toHaveCount(0);
});

test('a fourth depth cannot be ticked, and the lab says why', async ({ page }) => {
  const lab = await openLab(page, '?arch=mlp&depths=8,14,20');
  await expect(lab.getByRole('checkbox', { name: '20' })).toBeChecked();
  await expect(lab.getByRole('checkbox', { name: '56' })).toBeDisabled();
  await expect(lab.getByText('Up to 3 depths train at once')).toBeVisible();
});

test('on screen, the lab loads no TF.js and no worker until Train, within the 28.5 KB gzip JS budget', async ({
  page,
}) => {
  const scripts: Promise<{ url: string; body: Buffer }>[] = [];
  const onResponse = (res: Response): void => {
    if (res.request().resourceType() === 'script' || /\.(m?js|wasm)(\?|$)/.test(res.url()))
      scripts.push(res.body().then((body) => ({ url: res.url(), body })));
  };
  page.on('response', onResponse);
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  const lab = await openLab(page, `?${TINY}`);
  // Hydrated: the address was read.
  // A setting that differs from the default: the address has been applied.
  await expect(lab.getByLabel('Batch size')).toHaveValue('32');
  await page.waitForLoadState('networkidle');
  page.off('response', onResponse);
  const loaded = await Promise.all(scripts);
  // TF.js announces its kernels with this message; its WASM binaries end in .wasm.
  const tfjs = loaded.filter(
    (s) => s.url.endsWith('.wasm') || /is already registered[\s\S]*for backend/.test(s.body.toString('latin1')),
  );
  expect(tfjs.map((s) => s.url)).toEqual([]);
  expect(workers).toEqual([]);
  const gzip = loaded.reduce((n, s) => n + gzipSync(s.body).length, 0);
  // 52 KB since the settings schema (zod/mini, about 4 KB gzip) validates the form as it is typed;
  // 53.5 KB since each chart mark names its colour token and the root its phase, for the design
  // sweep (about 1 KB; the sentence that reads a finished run loads only then); 28.5 KB since
  // Pagefind's search form (25 KB) loads only when the search dialog opens.
  console.log(`JS before Train: ${(gzip / 1024).toFixed(1)} KB gzip`);
  expect(gzip, `JS before Train: ${gzip} bytes gzip`).toBeLessThanOrEqual(28.5 * 1024);

  await lab.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => workers.length, { timeout: 30_000 }).toBeGreaterThan(0);
  await lab.getByRole('button', { name: 'Stop', exact: true }).click();
});

test('settings round-trip through the address', async ({ page }) => {
  const lab = await openLab(page, `?${TINY}`);
  // A setting that differs from the default: the address has been applied.
  await expect(lab.getByLabel('Batch size')).toHaveValue('32');
  await lab.getByLabel('Seed').fill('5');
  await lab.getByLabel('Seed').blur();
  await lab.getByRole('checkbox', { name: '20' }).check();
  await expect(page).toHaveURL(/seed=5/);
  await expect(page).toHaveURL(/depths=8,14,20/);
  await page.reload();
  await lab.scrollIntoViewIfNeeded();
  await expect(lab.getByLabel('Seed')).toHaveValue('5');
  await expect(lab.getByRole('checkbox', { name: '20' })).toBeChecked();
  await expect(lab.getByRole('checkbox', { name: '14' })).toBeChecked();
});

test('a bad value in the address is ignored with a visible notice', async ({ page }) => {
  const lab = await openLab(page, '?steps=banana&depths=9');
  const notice = lab.getByRole('alert');
  await expect(notice).toContainText('steps="banana"');
  await expect(notice).toContainText('depths="9"');
  await expect(lab.getByLabel('Steps per network')).not.toHaveValue('banana');
});
