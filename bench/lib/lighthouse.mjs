// Lighthouse runs against a served site, shared by scripts/bench-lighthouse.mjs (all four scores,
// printed) and tests/e2e/budget.spec.ts (accessibility, best practices and SEO, asserted).
// Lighthouse drives its own Chromium through chrome-launcher, with the flags below; the default
// configuration emulates a mid-range phone on a slow 4G link (simulated throttling).
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { findChromium, QUIET_CHROMIUM_ARGS } from '../../scripts/find-chromium.mjs';

/** Chromium flags for Lighthouse: headless, sandbox-free, and quiet on a machine without network. */
export const LIGHTHOUSE_CHROME_FLAGS = ['--headless=new', ...QUIET_CHROMIUM_ARGS];

/** Every category Lighthouse scores. */
export const ALL_CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

/**
 * @typedef {object} FailedAudit
 * @property {string} category
 * @property {string} id
 * @property {string} title
 * @property {number | null} score
 * @property {string[]} items  selectors, snippets or URLs of what failed (at most 5)
 */

/**
 * @typedef {object} PageAudit
 * @property {string} url
 * @property {Record<string, number | null>} scores  0-100 per category
 * @property {number | null} lcpMs
 * @property {string | null} lcpElement  the largest contentful paint's element, as Lighthouse names it
 * @property {number | null} tbtMs
 * @property {number | null} cls
 * @property {number | null} domElements
 * @property {{ group: string, ms: number }[]} mainThread  main-thread time by kind, largest first
 * @property {FailedAudit[]} failed  weighted audits below a full score, per category
 * @property {number | null} benchmarkIndex  Lighthouse's measure of this machine's CPU at the time
 * @property {number | null} cpuMultiplier  the CPU slowdown the audit simulated
 */

/**
 * The benchmark index of the machine that Lighthouse's default 4x CPU slowdown is made for: its
 * throttling guide puts a high-end desktop at 1,500 to 2,000 and says 4x takes one into the
 * mid-tier phone bracket (GoogleChrome/lighthouse, docs/throttling.md, "Calibrating the CPU
 * slowdown"). 1,750 / 4 is the phone the default emulates.
 */
const DEFAULT_HOST_INDEX = 1750;
const DEFAULT_MULTIPLIER = 4;

/**
 * The CPU slowdown that makes this machine emulate the same phone as the default does on a high-end
 * desktop, as Lighthouse's guide advises for slower hosts: 4x scaled by the measured benchmark
 * index, to one decimal, and never below 1x (no slowdown).
 * @param {number} benchmarkIndex
 */
export function calibratedMultiplier(benchmarkIndex) {
  if (!(benchmarkIndex > 0)) throw new Error(`calibratedMultiplier: no benchmark index (${benchmarkIndex})`);
  return Math.max(1, Math.round((DEFAULT_MULTIPLIER * benchmarkIndex * 10) / DEFAULT_HOST_INDEX) / 10);
}

/** @param {unknown} value */
function numberOrNull(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** What failed in an audit's details, named the way a reader would find it in the page. */
function failedItems(audit) {
  const items = Array.isArray(audit?.details?.items) ? audit.details.items : [];
  return items.slice(0, 5).map((item) => {
    const node = item?.node;
    if (node && typeof node === 'object') return [node.selector, node.snippet].filter(Boolean).join(' ');
    if (typeof item?.url === 'string') return item.url;
    if (typeof item?.description === 'string') return item.description;
    return JSON.stringify(item).slice(0, 200);
  });
}

/** The selector of the largest contentful paint's element (the first table of the audit's details). */
function lcpElement(audit) {
  const tables = Array.isArray(audit?.details?.items) ? audit.details.items : [];
  const node = tables[0]?.items?.[0]?.node;
  return typeof node?.selector === 'string' ? node.selector : null;
}

/** Main-thread time by kind (style and layout, script evaluation, ...), largest first. */
function mainThreadBreakdown(audit) {
  const items = Array.isArray(audit?.details?.items) ? audit.details.items : [];
  return items
    .map((item) => ({ group: String(item.groupLabel ?? item.group ?? '?'), ms: Number(item.duration ?? 0) }))
    .sort((a, b) => b.ms - a.ms);
}

/**
 * Reduces a Lighthouse result to the figures the bench prints and the budget asserts.
 * @param {import('lighthouse').Result} lhr
 * @returns {PageAudit}
 */
export function summarise(lhr) {
  /** @type {Record<string, number | null>} */
  const scores = {};
  /** @type {FailedAudit[]} */
  const failed = [];
  for (const [id, category] of Object.entries(lhr.categories)) {
    scores[id] = category.score === null ? null : Math.round(category.score * 100);
    for (const ref of category.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 1) continue;
      failed.push({ category: id, id: ref.id, title: audit.title, score: audit.score, items: failedItems(audit) });
    }
  }
  return {
    url: lhr.finalDisplayedUrl ?? lhr.requestedUrl ?? '',
    scores,
    lcpMs: numberOrNull(lhr.audits['largest-contentful-paint']?.numericValue),
    lcpElement: lcpElement(lhr.audits['largest-contentful-paint-element']),
    tbtMs: numberOrNull(lhr.audits['total-blocking-time']?.numericValue),
    cls: numberOrNull(lhr.audits['cumulative-layout-shift']?.numericValue),
    domElements: numberOrNull(lhr.audits['dom-size']?.numericValue),
    mainThread: mainThreadBreakdown(lhr.audits['mainthread-work-breakdown']),
    failed,
    benchmarkIndex: numberOrNull(lhr.environment?.benchmarkIndex),
    cpuMultiplier: numberOrNull(lhr.configSettings?.throttling?.cpuSlowdownMultiplier),
  };
}

/**
 * Starts a Chromium for Lighthouse; audit pages one after another with the returned `audit`, then
 * `close` it. Lighthouse's defaults apply: a mid-range phone on a simulated slow 4G link.
 * @param {{ chromePath?: string }} [options]
 */
export async function openLighthouse(options = {}) {
  const chrome = await chromeLauncher.launch({
    chromePath: options.chromePath ?? findChromium(),
    chromeFlags: LIGHTHOUSE_CHROME_FLAGS,
    logLevel: 'silent',
  });
  return {
    /**
     * @param {string} url
     * @param {string[]} [categories]
     * @param {{ cpuMultiplier?: number }} [throttling]  a CPU slowdown other than the default 4x
     * @returns {Promise<PageAudit>}
     */
    async audit(url, categories = ALL_CATEGORIES, { cpuMultiplier } = {}) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: categories,
        // The full-page screenshot feeds only the HTML report's thumbnails; it costs seconds.
        disableFullPageScreenshot: true,
        ...(cpuMultiplier === undefined ? {} : { throttling: { cpuSlowdownMultiplier: cpuMultiplier } }),
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      if (result.lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${result.lhr.runtimeError.message}`);
      return summarise(result.lhr);
    },
    close() {
      chrome.kill();
    },
  };
}

/**
 * Audits each URL in turn with one Chromium.
 * @param {string[]} urls
 * @param {{ categories?: string[], chromePath?: string, onPage?: (audit: PageAudit) => void }} [options]
 * @returns {Promise<PageAudit[]>}
 */
export async function auditPages(urls, options = {}) {
  const runner = await openLighthouse(options);
  /** @type {PageAudit[]} */
  const audits = [];
  try {
    for (const url of urls) {
      const audit = await runner.audit(url, options.categories);
      audits.push(audit);
      options.onPage?.(audit);
    }
  } finally {
    runner.close();
  }
  return audits;
}
