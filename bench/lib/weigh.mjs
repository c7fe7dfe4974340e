// Weighing what a page downloads: each response body, raw and gzip, sorted into the kinds the
// bench reports. Shared by scripts/bench-pages.mjs and tests/e2e/budget.spec.ts.
/* global requestIdleCallback */
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';

/**
 * @typedef {'html' | 'css' | 'fonts' | 'js' | 'wasm' | 'images' | 'data' | 'other'} Kind
 * @typedef {{ url: string, kind: Kind, raw: number, gzip: number, tfjs: boolean, charts: boolean }} Weighed
 * @typedef {{ raw: number, gzip: number }} Bytes
 */

/**
 * Strings that survive minification in TensorFlow.js bundles: the kernel registry's warning
 * (tfjs-core) and environment flag names of the core and of each backend.
 */
const TFJS_SIGNATURES = [
  'is already registered',
  'WEBGL_VERSION',
  'WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE',
  'WASM_HAS_SIMD_SUPPORT',
  'KEEP_INTERMEDIATE_TENSORS',
];
/** uPlot's class names, kept as strings in its bundle. */
const CHART_SIGNATURES = ['u-legend', 'u-over'];

/** What kind of download a response is, from Chromium's resource type, its URL and content type. */
export function kindOf(resourceType, url, contentType = '') {
  const path = new URL(url).pathname;
  if (resourceType === 'document') return 'html';
  if (resourceType === 'stylesheet' || path.endsWith('.css')) return 'css';
  if (resourceType === 'font' || /\.(woff2?|ttf|otf)$/.test(path)) return 'fonts';
  if (path.endsWith('.wasm') || contentType.includes('wasm')) return 'wasm';
  if (resourceType === 'script' || /\.(m?js)$/.test(path) || contentType.includes('javascript')) return 'js';
  if (resourceType === 'image' || /\.(png|jpe?g|gif|svg|webp|avif|ico)$/.test(path)) return 'images';
  if (path.includes('/data/')) return 'data';
  return 'other';
}

/**
 * Weighs one response body.
 * @param {string} url
 * @param {Kind} kind
 * @param {Buffer} body
 * @returns {Weighed}
 */
export function weigh(url, kind, body) {
  const text = kind === 'js' ? body.toString('latin1') : '';
  return {
    url,
    kind,
    raw: body.length,
    gzip: gzipSync(body).length,
    tfjs: kind === 'wasm' || TFJS_SIGNATURES.some((s) => text.includes(s)),
    charts: CHART_SIGNATURES.every((s) => text.includes(s)),
  };
}

/**
 * Sums weighed responses per kind.
 * @param {Weighed[]} items
 * @returns {Record<Kind, Bytes>}
 */
export function byKind(items) {
  /** @type {Record<string, Bytes>} */
  const sums = {};
  for (const kind of ['html', 'css', 'fonts', 'js', 'wasm', 'images', 'data', 'other'])
    sums[kind] = { raw: 0, gzip: 0 };
  for (const item of items) {
    const sum = sums[item.kind] ?? (sums[item.kind] = { raw: 0, gzip: 0 });
    sum.raw += item.raw;
    sum.gzip += item.gzip;
  }
  return /** @type {Record<Kind, Bytes>} */ (sums);
}

/** Sums the bytes of the items that pass `keep`. */
export function total(items, keep = () => true) {
  return items.filter(keep).reduce((sum, item) => ({ raw: sum.raw + item.raw, gzip: sum.gzip + item.gzip }), {
    raw: 0,
    gzip: 0,
  });
}

/**
 * Records every response of a browser context (pages and their workers) as weighed items.
 * @param {import('playwright-core').BrowserContext} context
 * @returns {{ settled: () => Promise<Weighed[]>, lastResponseAt: () => number }}
 */
export function recordResponses(context) {
  /** @type {Promise<Weighed | null>[]} */
  const pending = [];
  let last = performance.now();
  context.on('response', (response) => {
    last = performance.now();
    const url = response.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    const kind = kindOf(response.request().resourceType(), url, response.headers()['content-type'] ?? '');
    pending.push(
      response.body().then(
        (body) => weigh(url, kind, body),
        () => null,
      ),
    );
  });
  return {
    settled: async () => (await Promise.all(pending)).filter((item) => item !== null),
    lastResponseAt: () => last,
  };
}

/**
 * Waits until the page is idle: the load event, no request for 500 ms, a requestIdleCallback (so
 * idle-time loads start), and quiet again.
 * @param {import('playwright-core').Page} page
 */
export async function settle(page) {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => resolve(null), { timeout: 2000 })));
  await page.waitForLoadState('networkidle');
}
