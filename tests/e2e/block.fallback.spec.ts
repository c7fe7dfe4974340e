import { expect, test } from '@playwright/test';
import { collectConsoleErrors } from './support/site.ts';

/**
 * The block playground without WebGPU: this file also runs in the Chromium project with WebGPU
 * disabled, where the engine must fall back (and say so) and the experiments must still finish.
 */
test.describe('block playground without WebGPU', () => {
  test('the living equation and shortcut options need no backend at all', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await page.goto('/chapters/residual-block/');
    const living = page.locator('.living-equation');
    await living.scrollIntoViewIfNeeded();
    await expect(living).toHaveAttribute('data-ready', 'true');
    const zero = living.getByRole('button', { name: 'Zero the second layer' });
    await zero.focus();
    await zero.press('Enter');
    await expect(living.getByRole('status')).toHaveText(/exactly/);
    const options = page.locator('.shortcut-options');
    await options.scrollIntoViewIfNeeded();
    await expect(options).toHaveAttribute('data-ready', 'true');
    expect(errors).toEqual([]);
  });

  test('learning the identity runs on a fallback backend and names it', async ({ page }) => {
    test.setTimeout(180_000);
    await page.addInitScript(() => {
      // Make sure the page sees no WebGPU even where the browser offers it.
      Object.defineProperty(navigator, 'gpu', { value: undefined, configurable: true });
    });
    await page.goto('/chapters/residual-block/');
    const island = page.locator('.identity-experiment');
    await island.scrollIntoViewIfNeeded();
    await expect(island).toHaveAttribute('data-ready', 'true');
    const start = island.getByRole('button', { name: 'Start training' });
    await start.focus();
    await start.press('Enter');
    await expect(island.getByTestId('backend')).toContainText(/Backend: (WebGL|WASM|CPU)/);
    // The experiment trains in the worker, which probes WebGPU itself (the page's override does not
    // reach it): the badge names why it is not on the GPU, as the LeNet demo's does.
    await expect(island.getByTestId('backend')).toContainText(
      /Not a GPU backend because (this browser has no WebGPU|no GPU adapter|the WebGPU adapter is software)/,
    );
    await expect(island).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
  });

  test('the lesion experiment trains, deletes blocks and reports both nets', async ({ page }) => {
    test.setTimeout(300_000);
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'gpu', { value: undefined, configurable: true });
    });
    await page.goto('/chapters/why-it-works/');
    const island = page.locator('.lesion-experiment');
    await island.scrollIntoViewIfNeeded();
    await expect(island).toHaveAttribute('data-ready', 'true');
    const start = island.getByRole('button', { name: 'Train and lesion' });
    await start.focus();
    await start.press('Enter');
    await expect(island.getByTestId('backend')).toContainText(/Backend: (WebGL|WASM|CPU)/);
    await expect(island).toHaveAttribute('data-phase', 'done', { timeout: 240_000 });
    await expect(island.getByRole('table')).toContainText('block 1');
    await expect(island.getByRole('status')).toContainText('Worst single deletion');
  });
});
