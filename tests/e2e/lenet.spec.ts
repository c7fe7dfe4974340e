/**
 * The LeNet-5 demo in Chromium with WebGPU enabled. The adapter here is software (SwiftShader):
 * unforced, the engine must pick WASM and say why; forced, WebGPU must train (a few tiny steps,
 * software WebGPU is slow).
 */
import { expect, test } from '@playwright/test';
import { installHooks, metrics, openDemo, shownStep, watchConsole, CHAPTER } from './lenet-support.ts';

test('the server renders the demo with its controls disabled, and TF.js loads only on Train', async ({
  page,
  request,
}) => {
  const html = await (await request.get(CHAPTER)).text();
  expect(html).toContain('LeNet-5 trains on MNIST');
  expect(html).toMatch(/<button[^>]*disabled[^>]*>Train<\/button>/);
  const heavy: string[] = [];
  page.on('request', (r) => {
    if (/worker|tfjs|\.wasm|uPlot|\/data\//i.test(r.url())) heavy.push(r.url());
  });
  const demo = await openDemo(page);
  await page.waitForTimeout(500);
  expect(heavy).toEqual([]);
  await expect(demo.getByRole('button', { name: 'Train' })).toBeEnabled();
  await expect(demo.getByRole('button', { name: 'Pause' })).toBeDisabled();
});

test('the model trains in a worker: the page itself never starts TF.js', async ({ page }) => {
  // How long the main thread's tasks take while the worker trains is a figure of `npm run bench`
  // (scripts/bench-pages.mjs), not a timed test: this machine is shared and its timings drift.
  test.setTimeout(240_000);
  await installHooks(page, { epochs: 2, evalEvery: 40, metricsEvery: 5 });
  const demo = await openDemo(page);
  await demo.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => shownStep(page), { timeout: 60_000 }).toBeGreaterThan(10);
  // TF.js keeps its engine in the global `_tfengine` of whichever thread loads it.
  expect(await page.evaluate(() => '_tfengine' in globalThis)).toBe(false);
  const engines = await Promise.all(
    page.workers().map((worker) =>
      worker.evaluate(() => {
        const engine = (globalThis as { _tfengine?: { backendName: string } })._tfengine;
        return engine ? { name: self.name, backend: engine.backendName } : null;
      }),
    ),
  );
  expect(engines.filter(Boolean)).toEqual([{ name: 'training', backend: 'wasm' }]);
  // The backend's chunk and its binary were fetched by the worker, none of TF.js by the page.
  const tfjsFiles = (urls: string[]) =>
    urls.filter((url) => /\.wasm$|\/(?:wasm|webgl|webgpu|cpu)-[\w-]+\.js$/.test(url));
  const resources = () => performance.getEntriesByType('resource').map((e) => e.name);
  const byWorkers = (await Promise.all(page.workers().map((worker) => worker.evaluate(resources)))).flat();
  const names = tfjsFiles(byWorkers).map((url) => url.slice(url.lastIndexOf('/') + 1));
  expect(names.some((name) => /^wasm-[\w-]+\.js$/.test(name))).toBe(true);
  expect(names.some((name) => /^tfjs-backend-wasm[\w-]*\.[\w-]+\.wasm$/.test(name))).toBe(true);
  expect(tfjsFiles(await page.evaluate(resources))).toEqual([]);
  await expect.poll(() => shownStep(page), { timeout: 120_000 }).toBeGreaterThan(40);
});

test('unforced: recognises the software adapter, trains on WASM; pause, reset, flat tensor count', async ({ page }) => {
  test.setTimeout(240_000);
  const problems = watchConsole(page);
  await installHooks(page, { epochs: 2, evalEvery: 40, metricsEvery: 5 });
  const demo = await openDemo(page);
  await demo.getByRole('button', { name: 'Train' }).click();
  const badge = demo.getByTestId('backend');
  await expect(badge).toContainText('Backend: WASM', { timeout: 60_000 });
  await expect(badge).toContainText(/WebGPU adapter is software \(.*swiftshader.*\)/i);
  // Over 100+ steps: the tensor count stays flat once the first evaluation has uploaded the test set.
  await expect.poll(() => shownStep(page), { timeout: 180_000 }).toBeGreaterThanOrEqual(130);
  const counts = (await metrics(page)).filter((m) => m.step > 40).map((m) => m.memory.numTensors);
  expect(counts.length).toBeGreaterThan(15);
  expect(new Set(counts).size).toBe(1);
  const losses = (await metrics(page)).map((m) => m.trainLoss);
  expect(losses.at(-1)).toBeLessThan(losses[0] ?? 0);

  await demo.getByRole('button', { name: 'Pause' }).click();
  await expect(demo.getByTestId('status')).toContainText('Paused at step');
  const paused = await shownStep(page);
  await page.waitForTimeout(1500);
  expect(await shownStep(page)).toBe(paused);
  await demo.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => shownStep(page)).toBeGreaterThan(paused);
  await demo.getByRole('button', { name: 'Reset' }).click();
  await expect.poll(() => shownStep(page)).toBe(0);
  await expect(demo.getByTestId('status')).toContainText('Ready.');
  expect(problems).toEqual([]);
});

test('training pauses while the demo is scrolled off-screen, says so, and carries on when it is back', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await installHooks(page, { epochs: 3, evalEvery: 10_000, metricsEvery: 2 });
  const demo = await openDemo(page);
  await demo.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => shownStep(page), { timeout: 60_000 }).toBeGreaterThan(4);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(demo).toHaveAttribute('data-phase', 'paused', { timeout: 15_000 });
  await expect(demo.getByTestId('status')).toContainText(/Paused at step \d+ while the demo is off-screen/);
  const frozen = await shownStep(page);
  await page.waitForTimeout(1500);
  expect(await shownStep(page)).toBe(frozen);
  await demo.scrollIntoViewIfNeeded();
  await expect(demo).toHaveAttribute('data-phase', 'running', { timeout: 15_000 });
  await expect.poll(() => shownStep(page), { timeout: 60_000 }).toBeGreaterThan(frozen);
});

// Each GPU backend registers only the demos' kernels (src/training/backends/): a forced run on each
// proves its list in a browser (WASM's is proven by the unforced runs, the CPU's by the unit tests).
for (const [backend, label] of [
  ['webgpu', 'WebGPU'],
  ['webgl', 'WebGL'],
] as const) {
  test(`forced ?backend=${backend}: the badge says ${label} and a tiny seeded run lowers the loss`, async ({
    page,
  }) => {
    // A software GPU takes seconds per step: a handful of small steps only.
    test.setTimeout(300_000);
    const problems = watchConsole(page);
    // Mean loss over windows of 3 steps: single batches of 16 are too noisy to compare.
    await installHooks(page, {
      batchSize: 16,
      learningRate: 0.001,
      schedule: 'constant',
      metricsEvery: 3,
      evalEvery: 10_000,
      seed: 3,
    });
    const demo = await openDemo(page, `?backend=${backend}`);
    await demo.getByRole('button', { name: 'Train' }).click();
    await expect(demo.getByTestId('backend')).toContainText(`Backend: ${label} (forced)`, { timeout: 60_000 });
    await expect.poll(async () => (await metrics(page)).length, { timeout: 240_000 }).toBeGreaterThanOrEqual(2);
    await demo.getByRole('button', { name: 'Pause' }).click();
    const losses = (await metrics(page)).map((m) => m.trainLoss);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses.at(-1)).toBeLessThan(losses[0] ?? 0);
    expect(problems).toEqual([]);
  });
}

test('an unknown ?backend= value is ignored with a notice', async ({ page }) => {
  await installHooks(page, { epochs: 1, metricsEvery: 5 });
  const demo = await openDemo(page, '?backend=quantum');
  await demo.getByRole('button', { name: 'Train' }).click();
  await expect(demo.getByTestId('backend')).toContainText('Unknown backend "quantum"', { timeout: 60_000 });
  await expect(demo.getByTestId('backend')).toContainText('Backend: WASM');
});

test('a corrupted data file gives a clear message and Retry recovers', async ({ page }) => {
  await installHooks(
    page,
    { epochs: 1, metricsEvery: 5 },
    { faults: { dataFile: { path: 'mnist/train-labels.u8', fault: 'corrupt' } } },
  );
  const demo = await openDemo(page);
  await demo.getByRole('button', { name: 'Train' }).click();
  await expect(demo.getByRole('alert')).toContainText('mnist/train-labels.u8 is corrupted', { timeout: 60_000 });
  await page.evaluate(
    () => delete (window as unknown as { __demoTestHooks: { faults?: unknown } }).__demoTestHooks.faults,
  );
  await demo.getByRole('button', { name: 'Retry' }).click();
  await expect.poll(() => shownStep(page), { timeout: 60_000 }).toBeGreaterThan(0);
});

test('after training: a grid of test digits with mistakes marked, and a drawing pad with ten probabilities', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await installHooks(page, { epochs: 1, metricsEvery: 25, evalEvery: 10_000 });
  const demo = await openDemo(page);
  await demo.getByRole('button', { name: 'Train' }).click();
  await expect(demo.getByTestId('status')).toContainText('Done: test accuracy', { timeout: 120_000 });
  const grid = demo.getByTestId('digit-grid');
  await expect(grid.getByRole('listitem')).toHaveCount(24);
  const caption = await grid.locator('figcaption').textContent();
  const wrong = Number(/(\d+) wrong/.exec(caption ?? '')?.[1]);
  await expect(grid.getByRole('listitem', { name: /a mistake/ })).toHaveCount(wrong);

  // Mouse: draw a vertical stroke, a "1".
  const pad = demo.getByTestId('drawing-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('no pad');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.8, { steps: 10 });
  await page.mouse.up();
  const bars = demo.getByTestId('probabilities');
  await expect(bars.getByRole('listitem')).toHaveCount(10);
  await expect(bars).toContainText('%');
  await expect(bars.locator('li.is-best')).toHaveCount(1);

  // Keyboard: clear, then draw with the arrows.
  await pad.focus();
  await page.keyboard.press('Delete');
  await expect(bars).not.toContainText('%');
  await page.keyboard.press('Space');
  for (let i = 0; i < 8; i += 1) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await expect(bars).toContainText('%');

  // The alternative without drawing: a test digit is drawn for the reader.
  await demo.getByRole('button', { name: 'Draw a test digit for me' }).click();
  await expect(bars.locator('li.is-best')).toHaveCount(1);
});
