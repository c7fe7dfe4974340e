/**
 * The design sweep's demos and what it measures on a page: horizontal overflow, uPlot legend
 * tables, `not-content` on demo roots, the smallest chart text and which colour each plain or
 * residual mark is drawn with. Shared by tests/e2e/design.spec.ts and scripts/screenshots.mjs's
 * spec, so both start and finish the demos the same way.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** One demo the sweep runs: where it lives, how to start it small and when it is done. */
export interface SweptDemo {
  readonly name: string;
  readonly path: string;
  readonly selector: string;
  /** The start button's accessible name. */
  readonly start: string | RegExp;
  /** `window.__demoTestHooks` for a run of a few steps. */
  readonly hooks: Record<string, unknown>;
  /** The attribute that says "true" once the island has hydrated. */
  readonly ready: 'data-hydrated' | 'data-ready';
  /** Settings in the address (after `backend=wasm`), for islands that read them from there. */
  readonly query?: string;
  /** Chooses the smallest settings by hand, for islands that have no address or hook for them. */
  readonly shrink?: (root: Locator) => Promise<void>;
  /** Where the sentence after a run appears, when not in `data-testid="result"`. */
  readonly result?: string;
  /**
   * False for a demo that does not yet keep the height its run will need, so the chapter below it
   * moves when its results arrive; the sweep then reports the growth instead of failing on it.
   */
  readonly reservesHeight?: false;
}

/**
 * The demos of issue 18's sweep, each shrunk to a run of a few seconds on WASM: the depth lab to one
 * pair of shallow fully connected nets for ten steps, the loss-surface island to its smallest grid
 * after its fewest steps.
 */
export const SWEPT_DEMOS: readonly SweptDemo[] = [
  {
    name: 'lenet',
    path: '/chapters/classic-convnets/',
    selector: 'section[aria-label="LeNet-5 trains on MNIST"]',
    start: /^Train$/,
    hooks: { config: { epochs: 1, batchSize: 512, metricsEvery: 2, evalEvery: 10_000 } },
    ready: 'data-hydrated',
  },
  {
    name: 'identity',
    path: '/chapters/residual-block/',
    selector: '.identity-experiment',
    start: 'Start training',
    hooks: { jobConfig: { steps: 30 } },
    ready: 'data-ready',
  },
  {
    name: 'lesion',
    path: '/chapters/why-it-works/',
    selector: '.lesion-experiment',
    start: 'Train and lesion',
    hooks: { jobConfig: { trainCount: 320, testCount: 200 } },
    ready: 'data-ready',
  },
  {
    name: 'depth-lab',
    path: '/chapters/how-deep/',
    selector: 'section.depth-lab',
    start: /^Train$/,
    hooks: {},
    ready: 'data-hydrated',
    // Two depths, so that the chart draws two shades of each family and the sentence compares them.
    query: 'arch=mlp&depths=8,14&input=7&width=8&batch=32&steps=10',
    // The probes' view and the per-network details open below the settings after a run.
    reservesHeight: false,
  },
  {
    name: 'surface',
    path: '/chapters/why-it-works/',
    selector: 'section.surface-explorer',
    start: 'Compute the slices',
    // The shallowest pair, measured on a few images; the menus' smallest choices are set below.
    hooks: { jobConfig: { depths: [8], trainSubset: 32 } },
    ready: 'data-hydrated',
    async shrink(root) {
      await root.getByLabel('Grid').selectOption('5');
      await root.getByLabel('Training steps per network').selectOption('20');
    },
    result: '.surface-status',
    // Its contour panels and the α table appear below the buttons once computed.
    reservesHeight: false,
  },
];

/** Demo roots a page may hold: every one must opt out of Starlight's article styles. */
export const DEMO_ROOTS = 'section.demo, section.depth-lab, .block-island, [data-demo-root]';

/** Opens a demo's page with its small-run hooks, forced onto WASM, and waits for hydration. */
export async function openSweptDemo(page: Page, demo: SweptDemo, theme: 'light' | 'dark'): Promise<Locator> {
  await page.addInitScript(
    ({ hooks, theme }) => {
      (window as unknown as Record<string, unknown>)['__demoTestHooks'] = { events: [], ...hooks };
      localStorage.setItem('starlight-theme', theme);
    },
    { hooks: demo.hooks, theme },
  );
  await page.goto(`${demo.path}?backend=wasm${demo.query ? `&${demo.query}` : ''}`);
  const root = page.locator(demo.selector);
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute(demo.ready, 'true');
  await demo.shrink?.(root);
  return root;
}

/** Presses the demo's start button and waits until its run has ended and its results are drawn. */
export async function runToEnd(root: Locator, demo: SweptDemo): Promise<void> {
  await root.getByRole('button', { name: demo.start }).click();
  await expect(root).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
  await expect(demo.result ? root.locator(demo.result) : root.getByTestId('result')).not.toBeEmpty();
  if (demo.name === 'lenet') await expect(root.locator('.lenet-after')).toHaveAttribute('data-filled', 'true');
}

/** Resizes the page and waits until resize observers and the renders they cause have run. */
export async function resizeTo(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 800 });
  await page.evaluate(async () => {
    for (let k = 0; k < 3; k += 1) await new Promise((done) => requestAnimationFrame(done));
  });
}

/** Switches Starlight's theme the way its picker does, without a reload. */
export async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate((t) => {
    localStorage.setItem('starlight-theme', t);
    document.documentElement.dataset['theme'] = t;
  }, theme);
}

/** What one look at a page found. */
export interface DesignReading {
  readonly scrollWidth: number;
  readonly viewport: number;
  /** Elements that reach past the right edge of the viewport (selector-like names). */
  readonly overflowing: string[];
  readonly legendTables: number;
  readonly rootsWithoutNotContent: string[];
  /** Chart text smaller than 11 px: "where: size". */
  readonly smallText: string[];
  /** Marks whose colour is not their family's token: "where: drawn vs token". */
  readonly offTokens: string[];
  /** How many plain and residual marks were checked. */
  readonly toneMarks: number;
}

/** Reads the page's design facts (run in the page). */
export async function readDesign(page: Page): Promise<DesignReading> {
  return page.evaluate((rootsSelector) => {
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
    const viewport = document.documentElement.clientWidth;
    const overflowing: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.right <= viewport + 1) continue;
      // Inside a scroll box that clips it, an element may be wider than the screen.
      let clipped = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o !== 'visible') {
          clipped = true;
          break;
        }
      }
      if (!clipped && getComputedStyle(el).position !== 'fixed') overflowing.push(name(el));
    }
    const roots = [...document.querySelectorAll(rootsSelector)];
    const rootsWithoutNotContent = roots.filter((r) => !r.classList.contains('not-content')).map(name);

    // Chart text: HTML text in chart figures, SVG text scaled by its drawing, canvas fonts.
    const smallText: string[] = [];
    const charts = document.querySelectorAll(
      '.demo-chart, .block-chart, .demo-chart-key, .depth-lab__chart, .depth-lab__probes, .surface-panel',
    );
    for (const chart of charts) {
      const texts = chart.matches('svg') ? [...chart.querySelectorAll('text')] : [...chart.querySelectorAll('*')];
      for (const el of texts) {
        if (!(el.textContent ?? '').trim() || el.children.length > 0 || el.closest('.sr-only')) continue;
        let size = parseFloat(getComputedStyle(el).fontSize);
        const svg = el.closest('svg');
        if (svg && el instanceof SVGElement && svg.viewBox.baseVal && svg.viewBox.baseVal.width > 0) {
          size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        }
        if (size < 11)
          smallText.push(`${name(chart)} "${(el.textContent ?? '').trim().slice(0, 20)}": ${size.toFixed(1)} px`);
      }
    }
    for (const canvas of document.querySelectorAll<HTMLElement>('.demo-chart-canvas[data-font]')) {
      const px = parseFloat(/(\d+(\.\d+)?)px/.exec(canvas.dataset['font'] ?? '')?.[1] ?? '0');
      if (px < 11) smallText.push(`${name(canvas)} canvas font ${px} px`);
    }

    // Colours: a probe element resolves a token to the same rgb() form as computed styles.
    const probe = document.createElement('span');
    document.body.append(probe);
    const tokenColour = (token: string) => {
      probe.style.color = `var(${token})`;
      return getComputedStyle(probe).color;
    };
    const asRgb = (colour: string) => {
      probe.style.color = colour;
      return getComputedStyle(probe).color;
    };
    const offTokens: string[] = [];
    let toneMarks = 0;
    for (const canvas of document.querySelectorAll<HTMLElement>('.demo-chart-canvas[data-lines]')) {
      const lines = JSON.parse(canvas.dataset['lines'] || '[]') as { tone: string; token: string; colour: string }[];
      for (const line of lines) {
        if (line.tone !== 'plain' && line.tone !== 'residual') continue;
        toneMarks += 1;
        if (!line.token.startsWith(`--wrw-${line.tone}`) || asRgb(line.colour) !== tokenColour(line.token))
          offTokens.push(`${name(canvas)} ${line.tone}: ${line.token} ${line.colour}`);
      }
    }
    // Marks of the demos' SVG charts (data-tone, and data-token where a depth takes a shade of its
    // family's colour) and of the build-time figures (fig-plain, fig-residual).
    for (const el of document.querySelectorAll<SVGElement>('[data-tone], .fig .fig-plain, .fig .fig-residual')) {
      const tone = el.dataset['tone'] ?? (el.classList.contains('fig-plain') ? 'plain' : 'residual');
      if (tone !== 'plain' && tone !== 'residual') continue;
      toneMarks += 1;
      const token = el.dataset['token'] ?? `--wrw-${tone}`;
      const style = getComputedStyle(el);
      const drawn = ['line', 'path', 'polyline'].includes(el.tagName) ? style.stroke : style.fill;
      if (!token.startsWith(`--wrw-${tone}`) || drawn !== tokenColour(token))
        offTokens.push(`${name(el)} ${tone}: ${token} ${drawn}`);
    }
    probe.remove();
    return {
      scrollWidth: document.documentElement.scrollWidth,
      viewport,
      overflowing: overflowing.slice(0, 10),
      legendTables: document.querySelectorAll('.u-legend').length,
      rootsWithoutNotContent,
      smallText,
      offTokens,
      toneMarks,
    };
  }, DEMO_ROOTS);
}

/** Asserts everything issue 18's sweep asks of a page; `where` names the moment in messages. */
export function expectDesigned(reading: DesignReading, where: string): void {
  expect(
    reading.scrollWidth,
    `${where}: page wider than the screen; reaching past it: ${reading.overflowing.join(', ')}`,
  ).toBeLessThanOrEqual(reading.viewport);
  expect(reading.overflowing, `${where}: cut off at the screen's edge`).toEqual([]);
  expect(reading.legendTables, `${where}: uPlot legend tables`).toBe(0);
  expect(reading.rootsWithoutNotContent, `${where}: demo roots without not-content`).toEqual([]);
  expect(reading.smallText, `${where}: chart text under 11 px`).toEqual([]);
  expect(reading.offTokens, `${where}: plain/residual marks off their tokens`).toEqual([]);
}

/**
 * What keeps the header's menu button (Starlight's, shown on narrow screens) from being seen whole:
 * reaching past the viewport, cut by an ancestor that clips, or covered by something else. Empty when it
 * is fully visible.
 */
export async function menuButtonProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const button = document.querySelector('button.sl-menu-button[popovertarget="starlight__sidebar"]');
    if (!button) return ['no menu button'];
    const box = button.getBoundingClientRect();
    const problems: string[] = [];
    const edges = `left ${box.left.toFixed(1)}, right ${box.right.toFixed(1)}, top ${box.top.toFixed(1)}, bottom ${box.bottom.toFixed(1)}`;
    if (box.width === 0 || box.height === 0) problems.push('not displayed');
    const viewport = document.documentElement.clientWidth;
    if (box.left < 0 || box.right > viewport || box.top < 0)
      problems.push(`outside the ${viewport} px viewport (${edges})`);
    for (let p = button.parentElement; p; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const clip = p.getBoundingClientRect();
      if (
        box.left < clip.left - 0.5 ||
        box.right > clip.right + 0.5 ||
        box.top < clip.top - 0.5 ||
        box.bottom > clip.bottom + 0.5
      )
        problems.push(`clipped by ${p.tagName.toLowerCase()}.${[...p.classList].join('.')} (${edges})`);
    }
    // The centre and a point just inside each edge's middle (the button is round: its corners are not its own).
    const [cx, cy] = [(box.left + box.right) / 2, (box.top + box.bottom) / 2];
    for (const [x, y] of [
      [cx, cy],
      [box.left + 3, cy],
      [box.right - 3, cy],
      [cx, box.top + 3],
      [cx, box.bottom - 3],
    ] as const) {
      const hit = document.elementFromPoint(x, y);
      if (!hit || !(hit === button || button.contains(hit)))
        problems.push(`covered at (${x.toFixed(0)}, ${y.toFixed(0)}) by ${hit?.tagName.toLowerCase() ?? 'nothing'}`);
    }
    return problems;
  });
}
