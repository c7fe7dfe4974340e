/**
 * The demos the quality gates exercise. A demo enters the sweep as soon as its page embeds it
 * (its island's component file name appears in the built page), so a demo still being built is
 * simply absent. Controls are found by role and accessible name, as a reader would.
 */
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

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
  /** Resolves once training has visibly progressed (the step counter moved). */
  waitForProgress(page: Page): Promise<void>;
}

/** The step number a demo shows ("Step 12 of 600" and the like), or null. */
export async function shownStep(root: Locator): Promise<number | null> {
  const text = (await root.textContent()) ?? '';
  const match = /step\s+([\d,]+)/i.exec(text);
  return match ? Number((match[1] ?? '').replace(/,/g, '')) : null;
}

/** The island that renders `component`. */
function islandRoot(component: string): (page: Page) => Locator {
  return (page) => page.locator(`astro-island[component-url*="/${component}."]`).first();
}

/** Every demo the project plans; {@link demosOnSite} keeps those that exist. */
export const DEMOS: readonly DemoUnderTest[] = [
  {
    name: 'LeNet-5 on MNIST',
    path: '/chapters/classic-convnets/',
    component: 'LeNetDemo',
    root: islandRoot('LeNetDemo'),
    async waitForProgress(page) {
      const root = islandRoot('LeNetDemo')(page);
      await expect.poll(async () => (await shownStep(root)) ?? 0, { timeout: 60_000 }).toBeGreaterThan(0);
    },
  },
];

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
  const train = root.getByRole('button', { name: /^(train|start|resume)/i });
  await expect(train).toBeEnabled({ timeout: 60_000 });
  await train.click();
  return root;
}
