// Page weight of the built site, per page in the sitemap: bytes of HTML, CSS, fonts and JavaScript
// requested before any interaction (idle-time loads included), raw and gzip; and, on pages with a
// training demo, what starting it adds (TF.js, charts, data) and how long the main thread's longest
// tasks take while it starts and trains (the demos train in a worker). Runs on its own
// (`node scripts/bench-pages.mjs [--no-build]`) or as part of scripts/bench.mjs.
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { findChromium, QUIET_CHROMIUM_ARGS } from './find-chromium.mjs';
import { isMain, kb, saveResult, table } from '../bench/lib/report.mjs';
import { OUT_DIR, buildSite, previewSite, sitemapPaths } from '../bench/lib/site.mjs';
import { tfjsPaths } from '../bench/lib/tfjs-paths.mjs';
import { byKind, recordResponses, settle, total } from '../bench/lib/weigh.mjs';

/** The flags of playwright.config.ts: a quiet Chromium on a machine without outside network. */
const ARGS = [...QUIET_CHROMIUM_ARGS];

/** A demo's start button: "Train", "Train LeNet-5", ... */
const START_BUTTON = /^train\b/i;
/** How long the downloads of a started demo may stay quiet before they count as finished. */
const QUIET_MS = 10_000;
const DEMO_TIMEOUT_MS = 120_000;

/**
 * Waits until no response has arrived for QUIET_MS (workers fetch outside the page's own
 * network-idle tracking), at most DEMO_TIMEOUT_MS.
 */
async function quiet(lastResponseAt) {
  const started = performance.now();
  while (performance.now() - started < DEMO_TIMEOUT_MS) {
    if (performance.now() - lastResponseAt() > QUIET_MS) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Scrolls a demo into view (its island hydrates when visible), then clicks its start button and
 * weighs what each of the two steps downloads.
 */
async function startDemo(page, button, recorder, alreadySeen) {
  await button.scrollIntoViewIfNeeded();
  await expectEnabled(button);
  await quiet(recorder.lastResponseAt);
  const hydrated = (await recorder.settled()).slice(alreadySeen);
  const label = ((await button.textContent()) ?? '').trim();
  const clickedAt = await page.evaluate(() => performance.now());
  await button.click();
  await quiet(recorder.lastResponseAt);
  const durations = await page.evaluate(
    (since) => globalThis.__benchLongTasks.filter((task) => task.start >= since).map((task) => task.duration),
    clickedAt,
  );
  const windowMs = (await page.evaluate(() => performance.now())) - clickedAt;
  const added = (await recorder.settled()).slice(alreadySeen + hydrated.length);
  const tfjs = (item) => item.tfjs;
  const charts = (item) => !item.tfjs && item.charts;
  const data = (item) => item.kind === 'data';
  const files = (items) => items.map(({ url, kind, raw, gzip }) => ({ path: new URL(url).pathname, kind, raw, gzip }));
  return {
    button: label,
    island: total(hydrated),
    tfjs: total(added, tfjs),
    charts: total(added, charts),
    data: total(added, data),
    other: total(added, (item) => !tfjs(item) && !charts(item) && !data(item)),
    total: total(added),
    mainThread: {
      windowMs,
      longTasks: durations.length,
      longestMs: Math.max(0, ...durations),
      blockingMs: durations.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
    },
    islandFiles: files(hydrated),
    files: added.map((item) => ({ ...files([item])[0], tfjs: item.tfjs, charts: item.charts })),
  };
}

/** Waits until a button is enabled (a demo enables it once hydrated). */
async function expectEnabled(button) {
  const started = performance.now();
  while (!(await button.isEnabled())) {
    if (performance.now() - started > DEMO_TIMEOUT_MS) throw new Error('the start button stayed disabled');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Weighs one page before interaction and, if it has a demo, after starting it. */
async function weighPage(browser, origin, path) {
  // Without the service worker, as the tests weigh pages: with it, every file the page fetches
  // through it is seen twice (the page's response and the worker's fetch), and its install
  // precaches the whole site in the background.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  // Every main-thread task over 50 ms, for the time from a demo's start to its quiet.
  await context.addInitScript(() => {
    globalThis.__benchLongTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        globalThis.__benchLongTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask' });
  });
  const recorder = recordResponses(context);
  const page = await context.newPage();
  const response = await page.goto(`${origin}${path}`);
  if (!response?.ok()) throw new Error(`${path} answered ${response?.status()}`);
  await settle(page);
  const before = await recorder.settled();
  const kinds = byKind(before);

  let demo = null;
  const button = page.getByRole('button', { name: START_BUTTON }).first();
  if ((await button.count()) > 0) {
    try {
      demo = await startDemo(page, button, recorder, before.length);
    } catch (error) {
      demo = { error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
    }
  }
  await context.close();
  const htmlCss = { raw: kinds.html.raw + kinds.css.raw, gzip: kinds.html.gzip + kinds.css.gzip };
  return {
    path,
    beforeInteraction: { ...kinds, htmlCss, total: total(before) },
    tfjsBeforeInteraction: before.filter((item) => item.tfjs).map((item) => new URL(item.url).pathname),
    demo,
  };
}

/**
 * Weighs every page of a served site.
 * @param {string} origin e.g. http://localhost:4610
 */
export async function benchPages(origin) {
  const browser = await chromium.launch({ executablePath: findChromium(), args: ARGS });
  try {
    const pages = [];
    for (const path of await sitemapPaths(origin)) pages.push(await weighPage(browser, origin, path));
    return { pages };
  } finally {
    await browser.close();
  }
}

const pair = (bytes) => `${kb(bytes.raw)} / ${kb(bytes.gzip)}`;

/** The Markdown table of what each TF.js backend path downloads (bench/lib/tfjs-paths.mjs). */
export function tfjsPathsTable({ paths }) {
  const labels = {
    webgpu: 'WebGPU',
    webgl: 'WebGL',
    wasm: 'WASM (one thread, SIMD)',
    'wasm-threads': 'WASM (threads, isolated page)',
    cpu: 'CPU',
  };
  return [
    '### TF.js on demo start, per backend (from the build; KB raw / gzip)',
    '',
    table(
      ['Backend path', 'JavaScript', 'WASM', 'Total', 'Files'],
      Object.entries(paths).map(([path, p]) => [
        labels[path] ?? path,
        pair(p.js),
        pair(p.wasm),
        pair(p.total),
        String(p.files.length),
      ]),
    ),
  ].join('\n');
}

/** The Markdown tables of a pages result. */
export function pagesTables({ pages }) {
  const before = table(
    ['Page', 'HTML', 'CSS', 'Fonts', 'JS', 'HTML+CSS', 'Total'],
    pages.map((p) => {
      const b = p.beforeInteraction;
      return [p.path, pair(b.html), pair(b.css), pair(b.fonts), pair(b.js), pair(b.htmlCss), pair(b.total)];
    }),
  );
  const demos = pages.filter((p) => p.demo);
  const after = demos.length
    ? table(
        ['Page', 'Island (on scroll)', 'Button', 'TF.js (JS + WASM)', 'Charts', 'Data', 'Other', 'Total on start'],
        demos.map((p) => {
          const d = p.demo;
          if (d.error) return [p.path, `failed: ${d.error}`, '', '', '', '', '', ''];
          return [
            p.path,
            pair(d.island),
            d.button,
            pair(d.tfjs),
            pair(d.charts),
            pair(d.data),
            pair(d.other),
            pair(d.total),
          ];
        }),
      )
    : '_No page has a demo with a Train button yet._';
  const mainThread = demos.length
    ? table(
        ['Page', 'Button', 'Seconds watched', 'Tasks over 50 ms', 'Longest (ms)', 'Blocking time (ms)'],
        demos
          .filter((p) => !p.demo.error)
          .map((p) => {
            const m = p.demo.mainThread;
            return [
              p.path,
              p.demo.button,
              (m.windowMs / 1000).toFixed(0),
              String(m.longTasks),
              m.longestMs.toFixed(0),
              m.blockingMs.toFixed(0),
            ];
          }),
      )
    : '';
  return [
    '### Pages: requested before any interaction (KB raw / KB gzip)',
    '',
    before,
    '',
    '### Pages: added by a demo, when scrolled into view (island) and when started (KB raw / KB gzip)',
    '',
    after,
    ...(mainThread
      ? [
          '',
          '### Pages: the main thread while a demo starts and trains in its worker (from the click until downloads stay quiet for 10 s)',
          '',
          mainThread,
        ]
      : []),
  ].join('\n');
}

if (isMain(import.meta.url)) {
  if (!process.argv.includes('--no-build')) await buildSite();
  const server = await previewSite();
  try {
    const result = { ...(await benchPages(server.origin)), tfjsPaths: tfjsPaths(OUT_DIR) };
    console.log(pagesTables(result));
    console.log(`\n${tfjsPathsTable(result.tfjsPaths)}`);
    console.log(`\nSaved ${saveResult('pages', result)}`);
  } finally {
    await server.close();
  }
}
