/** Shared steps of the LeNet-5 demo's end-to-end tests. */
import { expect, type Page } from '@playwright/test';
import type { TrainingConfig } from '../../src/training/hyperparams.ts';
import type { MetricsEvent } from '../../src/training/protocol.ts';

export const CHAPTER = '/chapters/classic-convnets/';

/** Collects console problems; TF.js's synchronous-read warning fails the test. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (/synchronously reading data/i.test(text) || message.type() === 'error') problems.push(text);
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/** Sets the test hooks before the page's scripts run. */
export async function installHooks(
  page: Page,
  config: Partial<TrainingConfig>,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await page.addInitScript(
    ({ config, extra }) => {
      (window as unknown as Record<string, unknown>)['__demoTestHooks'] = { events: [], config, ...extra };
    },
    { config, extra },
  );
}

/** The demo's region, once hydrated. */
export async function openDemo(page: Page, search = '') {
  // Relative to the base URL, which carries the base path in the base-path pass.
  await page.goto(`.${CHAPTER}${search}`);
  const demo = page.getByRole('region', { name: 'LeNet-5 trains on MNIST' });
  await demo.scrollIntoViewIfNeeded();
  await expect(demo).toHaveAttribute('data-hydrated', 'true');
  return demo;
}

/** Metrics events the engine has sent so far. */
export async function metrics(page: Page): Promise<MetricsEvent[]> {
  return page.evaluate(() => {
    const hooks = (window as unknown as { __demoTestHooks?: { events?: { type: string }[] } }).__demoTestHooks;
    return (hooks?.events ?? []).filter((e) => e.type === 'metrics') as unknown as MetricsEvent[];
  });
}

/** The step number shown by the progress bar. */
export async function shownStep(page: Page): Promise<number> {
  return Number(await page.getByTestId('step').textContent());
}
