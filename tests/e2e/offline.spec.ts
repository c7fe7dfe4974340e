/**
 * Offline reading: after one visit (the service worker installed, the LeNet demo trained once), with
 * the network cut, a chapter never opened before and the demo's chapter open, and LeNet-5 trains.
 * Runs in the base-path pass (scripts/test-all.mjs), whose server sends no isolation headers, as
 * GitHub Pages: the pages the worker serves are cross-origin isolated all the same.
 */
import { expect, test, type Page } from '@playwright/test';
import { installHooks, openDemo, shownStep } from './lenet-support.ts';
import { QUICK_RUN } from './support/quality-demos.ts';

/** Opens the LeNet chapter with tiny training settings and trains until the step counter passes 3. */
async function trainLenet(page: Page): Promise<void> {
  await installHooks(page, QUICK_RUN);
  const demo = await openDemo(page);
  await demo.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => shownStep(page), { timeout: 90_000 }).toBeGreaterThan(3);
  await demo.getByRole('button', { name: 'Pause' }).click();
}

test('after one visit, a chapter opens and the LeNet demo trains with the network cut', async ({ context }) => {
  test.setTimeout(240_000);
  const first = await context.newPage();
  await first.goto('./');
  // The worker registers after load and takes charge of the open page without reloading it.
  await first.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  expect(await first.evaluate(() => crossOriginIsolated)).toBe(false);
  await trainLenet(first);
  await first.close();

  await context.setOffline(true);
  const page = await context.newPage();
  const response = await page.goto('chapters/resnet-34/');
  expect(response?.fromServiceWorker()).toBe(true);
  await expect(page.locator('h1')).toContainText('ResNet-34');
  // The worker's own requests are cut too: a data address it never cached fails.
  const uncached = await page.evaluate(() =>
    fetch('../../data/manifest.json?never-cached').then(
      (r) => r.status,
      () => 'failed',
    ),
  );
  expect(uncached).toBe('failed');
  // Served by the worker with the isolation headers the host does not send.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await trainLenet(page);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
});
