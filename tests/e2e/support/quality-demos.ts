/**
 * The demos the quality gates exercise. A demo enters the sweep as soon as its page embeds it
 * (its island's component file name appears in the built page), so a demo still being built is
 * simply absent. Controls are found by role and accessible name, as a reader would.
 */
import { expect, type APIRequestContext, type BrowserContext, type Locator, type Page } from '@playwright/test';

/** One demo on one page. */
export interface DemoUnderTest {
  /** Shown in test messages. */
  readonly name: string;
  /** The page that embeds it. */
  readonly path: string;
  /** The island component's file name without extension, as its `component-url` shows it. */
  readonly component: string;
  /** The demo's region on the page. */
  root(page: Page): Locator;
  /** A CSS selector for the same region (axe scopes by selector). */
  readonly selector: string;
  /** Resolves once training has visibly progressed (the step counter moved). */
  waitForProgress(page: Page): Promise<void>;
}

/** The step number a demo shows in its progress bar (`data-testid="step"`), or null. */
export async function shownStep(root: Locator): Promise<number | null> {
  const step = root.getByTestId('step').first();
  if ((await step.count()) === 0) return null;
  const text = (await step.textContent()) ?? '';
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}

/** A demo rendered as `<section aria-label=...>`, the convention of components/demo. */
function regionDemo(name: string, path: string, component: string, label: string): DemoUnderTest {
  const root = (page: Page) => page.getByRole('region', { name: label, exact: true });
  return {
    name,
    path,
    component,
    root,
    selector: `section[aria-label="${label}"]`,
    async waitForProgress(page) {
      await expect.poll(async () => (await shownStep(root(page))) ?? 0, { timeout: 90_000 }).toBeGreaterThan(0);
    },
  };
}

/** Every demo the project plans; {@link demosOnSite} keeps those that exist. */
export const DEMOS: readonly DemoUnderTest[] = [
  regionDemo('LeNet-5 on MNIST', '/chapters/classic-convnets/', 'LenetDemo', 'LeNet-5 trains on MNIST'),
];

/** Small, fast runs for tests, through the engine's test hooks (src/training/client.ts). */
export const QUICK_RUN = { epochs: 1, metricsEvery: 5, evalEvery: 10_000 } as const;

/**
 * Sets `window.__demoTestHooks` before the page's scripts run. `mainThread` runs the session in
 * the page, where init scripts can also reach the WebGPU objects it uses.
 */
export async function installDemoHooks(
  target: Page | BrowserContext,
  hooks: { config?: Record<string, unknown>; mainThread?: boolean; faults?: Record<string, unknown> } = {},
): Promise<void> {
  await target.addInitScript(
    (h) => {
      (window as unknown as Record<string, unknown>)['__demoTestHooks'] = { events: [], awaiting: [], ...h };
    },
    { config: QUICK_RUN, ...hooks },
  );
}

/**
 * Waits until the session has answered every request the page sent (the client keeps their ids in
 * the hooks): after a burst of clicks, the phase shown is then the session's last word, not a
 * state on the way.
 */
export async function untilAnswered(page: Page, timeout = 30_000): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(
          () => (window as unknown as { __demoTestHooks?: { awaiting?: number[] } }).__demoTestHooks?.awaiting?.length,
        ),
      { message: 'requests the session has not answered', timeout },
    )
    .toBe(0);
}

/** Session events the engine has reported through the hooks. */
export async function demoEvents(page: Page): Promise<{ type: string; [key: string]: unknown }[]> {
  return page.evaluate(() => {
    const hooks = (window as unknown as { __demoTestHooks?: { events?: { type: string }[] } }).__demoTestHooks;
    return JSON.parse(JSON.stringify(hooks?.events ?? [])) as { type: string }[];
  });
}

/** The demos whose pages embed them in the current build. */
export async function demosOnSite(request: APIRequestContext): Promise<DemoUnderTest[]> {
  const present: DemoUnderTest[] = [];
  for (const demo of DEMOS) {
    const html = await (await request.get(demo.path)).text();
    const urls = [...html.matchAll(/component-url="([^"]+)"/g)].map(([, url]) => url ?? '');
    if (urls.some((url) => url.includes(`/${demo.component}.`))) present.push(demo);
  }
  return present;
}

/** Brings a demo into view, waits until it is ready and presses Train. */
export async function startTraining(page: Page, demo: DemoUnderTest): Promise<Locator> {
  const root = demo.root(page);
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-hydrated', 'true', { timeout: 60_000 });
  const train = root.getByRole('button', { name: /^(train|start|resume)/i });
  await expect(train).toBeEnabled({ timeout: 60_000 });
  await train.click();
  return root;
}
