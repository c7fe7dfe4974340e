/**
 * Runs in both projects: with software WebGPU and with WebGPU disabled. Either way the demo must
 * explain why it is not on a GPU backend and still train.
 */
import { expect, test } from '@playwright/test';
import { installHooks, metrics, openDemo, shownStep, watchConsole } from './lenet-support.ts';

test('the badge explains the fallback and training still works', async ({ page }) => {
  const problems = watchConsole(page);
  await installHooks(page, { epochs: 1, metricsEvery: 5, evalEvery: 10_000 });
  const demo = await openDemo(page);
  await demo.getByRole('button', { name: 'Train' }).click();
  const badge = demo.getByTestId('backend');
  await expect(badge).toContainText('Backend: WASM', { timeout: 60_000 });
  await expect(badge).toContainText(
    /Not a GPU backend because (this browser has no WebGPU|no GPU adapter|the WebGPU adapter is software)/,
  );
  await expect.poll(() => shownStep(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(30);
  const losses = (await metrics(page)).map((m) => m.trainLoss);
  expect(losses.at(-1)).toBeLessThan(losses[0] ?? 0);
  await demo.getByRole('button', { name: 'Pause' }).click();
  expect(problems).toEqual([]);
});
