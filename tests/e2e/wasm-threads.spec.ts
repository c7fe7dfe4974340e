/**
 * The WASM backend runs threads where the page is cross-origin isolated (the test server sends the
 * headers public/_headers asks hosts for): the threaded build and its glue load, from a file of the
 * site and a `blob:` worker the content security policy allows, and training goes on. The base-path
 * pass, served without those headers, checks the one-thread fallback (base-path.spec.ts).
 */
import { expect, test } from '@playwright/test';
import { startOnWasm } from './support/wasm-threads.ts';

test('in the training worker, the threaded WASM build starts and trains', async ({ page }) => {
  test.setTimeout(180_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (/worker sent an error|Training on the main thread|Content Security Policy/i.test(message.text()))
      problems.push(message.text());
  });
  await page.goto('./');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const start = await startOnWasm(page);
  expect(start.fetched.filter((name) => name.endsWith('.wasm'))).toEqual([
    expect.stringMatching(/^tfjs-backend-wasm-threaded-simd\./),
  ]);
  expect(start.fetched.some((name) => /^tfjs-backend-wasm-threaded-simd\.[\w-]+\.js$/.test(name))).toBe(true);
  // TF.js gives one thread per two logical cores: a two-core machine runs one, and says why.
  expect(start.device).toMatch(/^WebAssembly, (\d+ threads|one thread \(TF\.js runs one per two logical cores\))$/);
  expect(problems).toEqual([]);
});

test('on a machine of eight logical cores, the backend reports four threads and trains', async ({ page }) => {
  test.setTimeout(180_000);
  // The override reaches the page, not its workers: the session runs in the page here.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: 8 });
  const start = await startOnWasm(page, true);
  expect(start.device).toBe('WebAssembly, 4 threads');
});
