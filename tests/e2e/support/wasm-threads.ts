/** Starting the LeNet demo on WASM and reading how its backend runs: shared by two passes. */
import { expect, type Page } from '@playwright/test';
import { installHooks, openDemo, shownStep } from '../lenet-support.ts';
import { QUICK_RUN } from './quality-demos.ts';

/** What a start on WASM showed: the badge's device line and the binaries and glue fetched. */
export interface WasmStart {
  readonly device: string;
  readonly fetched: readonly string[];
}

/**
 * Trains the LeNet demo on `?backend=wasm` (in the page when `mainThread`) until the step counter
 * passes 3, then pauses; returns what the backend badge says and which WASM files came.
 */
export async function startOnWasm(page: Page, mainThread = false): Promise<WasmStart> {
  const fetched: string[] = [];
  page.context().on('request', (request) => {
    const name = new URL(request.url()).pathname.split('/').pop() ?? '';
    if (name.startsWith('tfjs-backend-wasm')) fetched.push(name);
  });
  await installHooks(page, QUICK_RUN, { mainThread });
  const demo = await openDemo(page, '?backend=wasm');
  await demo.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => shownStep(page), { timeout: 90_000 }).toBeGreaterThan(3);
  await demo.getByRole('button', { name: 'Pause' }).click();
  // The device is named in the badge's "Why?" diagnostic: "Backend: WASM on <device>. [Not a GPU...]".
  const why = (await page.getByTestId('backend').locator('.demo-backend-why > span').textContent()) ?? '';
  const device = / on (.*)\.$/.exec(why.split(' Not a GPU backend because')[0]!.trim())?.[1] ?? '';
  return { device: device.trim(), fetched: [...new Set(fetched)] };
}
