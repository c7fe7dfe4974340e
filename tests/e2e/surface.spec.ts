/**
 * The reader's own loss-surface slices in a real browser, on WASM: by keyboard, a 5×5 grid after a
 * few training steps ends in two contour panels with the same levels, the α slice as a table and a
 * closing sentence from the run's numbers; Pause holds the step counter and Stop returns to the
 * start. It prints how long each phase took, the figures behind the island's estimate.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { collectConsoleErrors } from './support/site.ts';

const LABEL = 'Compute your own loss-surface slices';

async function openIsland(page: Page): Promise<Locator> {
  await page.goto('/chapters/why-it-works/?backend=wasm');
  const island = page.getByRole('region', { name: LABEL });
  await island.scrollIntoViewIfNeeded();
  await expect(island).toHaveAttribute('data-hydrated', 'true');
  return island;
}

/** Chooses an option of a select by keyboard: focus it, Home, then ArrowDown until it shows `text`. */
async function choose(select: Locator, text: string): Promise<void> {
  const shown = () => select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text ?? '');
  await select.focus();
  await select.press('Home');
  for (let k = 0; k < 8 && (await shown()) !== text; k += 1) await select.press('ArrowDown');
  expect(await shown()).toBe(text);
}

test('computes a 5×5 pair of slices on WASM, by keyboard, and shows them', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = collectConsoleErrors(page);
  const island = await openIsland(page);
  await choose(island.getByLabel('Grid'), '5 × 5');
  await choose(island.getByLabel('Training steps per network'), '20');
  await expect(island.getByTestId('estimate')).toContainText('for 20 steps each');
  await expect(island.getByTestId('estimate')).toContainText('at 25 points of each slice');

  const compute = island.getByRole('button', { name: 'Compute the slices' });
  await compute.focus();
  const t0 = Date.now();
  await compute.press('Enter');
  await expect(island.getByTestId('backend')).toContainText('Backend: WASM', { timeout: 60_000 });
  const step = island.getByTestId('step');
  await expect(step).toHaveText('20', { timeout: 120_000 });
  const trained = Date.now();
  await expect(island).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
  const done = Date.now();
  await expect(island.getByTestId('points')).toHaveText('50');

  const panels = island.getByRole('img', { name: /loss surface, 5×5 grid/ });
  await expect(panels).toHaveCount(2);
  await expect(panels.first()).toHaveAttribute('aria-label', /^plain-20 loss surface/);
  await expect(panels.last()).toHaveAttribute('aria-label', /^ResNet-20 loss surface/);
  // Filled bands in each panel, and the same levels for both.
  expect(await panels.first().locator('path[fill]').count()).toBeGreaterThan(3);
  await expect(island.getByText(/levels from .* the same in every panel/)).toBeVisible();
  const table = island.getByRole('table', { name: 'Loss along α at β = 0' });
  await expect(table.getByRole('row')).toHaveCount(6);
  await expect(table.getByRole('columnheader')).toHaveText(['α', 'plain-20', 'ResNet-20']);
  await expect(island.getByRole('status')).toContainText(/plain-20: roughness [\d.]+, \d+ local minim/);
  await expect(island.getByRole('button', { name: 'Compute again' })).toBeEnabled();

  const loading = (trained - t0) / 1000;
  const grid = (done - trained) / 1000;
  console.log(
    `surface island, WASM: load + 2 × 20 training steps ${loading.toFixed(1)} s, ` +
      `2 × 25 grid points on 256 images ${grid.toFixed(1)} s ` +
      `(${(grid / (50 * 256)).toExponential(2)} s per image and point)`,
  );
  expect(errors).toEqual([]);
});

test('Pause holds the step counter; Stop returns to the start', async ({ page }) => {
  test.setTimeout(180_000);
  const island = await openIsland(page);
  await choose(island.getByLabel('Grid'), '5 × 5');
  await choose(island.getByLabel('Training steps per network'), '400');
  await island.getByRole('button', { name: 'Compute the slices' }).click();
  const step = island.getByTestId('step');
  await expect.poll(async () => Number(await step.textContent()), { timeout: 90_000 }).toBeGreaterThanOrEqual(20);
  const t0 = Date.now();
  await expect.poll(async () => Number(await step.textContent()), { timeout: 90_000 }).toBeGreaterThanOrEqual(60);
  console.log(
    `surface island, WASM: 2 × 40 training steps of the default pair in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  await island.getByRole('button', { name: 'Pause' }).press('Enter');
  await expect(island).toHaveAttribute('data-phase', 'paused');
  const paused = await step.textContent();
  await page.waitForTimeout(1000);
  await expect(step).toHaveText(paused ?? '');
  await island.getByRole('button', { name: 'Stop' }).press('Enter');
  await expect(island).toHaveAttribute('data-phase', 'idle');
  await expect(step).toHaveText('0');
  await expect(island.getByRole('button', { name: 'Compute the slices' })).toBeEnabled();
});
