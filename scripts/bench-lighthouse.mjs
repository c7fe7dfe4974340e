// Lighthouse for every page in the sitemap (mobile emulation, simulated slow 4G): performance,
// accessibility, best practices and SEO scores with LCP, TBT and CLS. Runs on its own or as part
// of scripts/bench.mjs:
//
//   node scripts/bench-lighthouse.mjs [--no-build] [--runs=N] [--calibrated] [/path/ ...]
//
// Paths pick pages (all of them by default). Simulated throttling scales the main-thread time the
// machine really spent, so a busy machine inflates TBT: --runs=N audits each page N times and keeps
// the median run, and every row says the machine's load average when its page was audited.
// Lighthouse's default 4x CPU slowdown is made for a high-end desktop; on a slower or busy machine
// it emulates a slower phone than intended. --calibrated audits each page a second time with the
// slowdown scaled to the benchmark index the first audit measured, as Lighthouse's throttling guide
// advises (bench/lib/lighthouse.mjs, calibratedMultiplier), and prints both tables.
import { loadavg } from 'node:os';
import { calibratedMultiplier, openLighthouse } from '../bench/lib/lighthouse.mjs';
import { fixed, isMain, saveResult, table } from '../bench/lib/report.mjs';
import { buildSite, previewSite, sitemapPaths } from '../bench/lib/site.mjs';

/**
 * The median of an odd or even number of runs of one page: ordered by performance score, then
 * by TBT (a lower TBT ranks as the better run), the middle one (the worse of the two middles).
 * @param {import('../bench/lib/lighthouse.mjs').PageAudit[]} runs
 */
export function medianRun(runs) {
  if (runs.length === 0) throw new Error('medianRun: no runs');
  const ranked = [...runs].sort(
    (a, b) => (b.scores['performance'] ?? 0) - (a.scores['performance'] ?? 0) || (a.tbtMs ?? 0) - (b.tbtMs ?? 0),
  );
  return /** @type {import('../bench/lib/lighthouse.mjs').PageAudit} */ (ranked[Math.floor(ranked.length / 2)]);
}

/**
 * One audit, tried again (twice at most) when Lighthouse fails to record the page, as it now and
 * then does on a busy machine ("Something went wrong with recording the trace").
 * @param {Awaited<ReturnType<typeof openLighthouse>>} runner
 * @param {string} url
 * @param {boolean} log
 * @param {{ cpuMultiplier?: number }} [throttling]
 */
async function auditWithRetry(runner, url, log, throttling = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runner.audit(url, undefined, throttling);
    } catch (error) {
      if (attempt === 3) throw error;
      if (log) console.error(`lighthouse: ${url}: ${error instanceof Error ? error.message : error}; trying again`);
    }
  }
}

/**
 * One audit with the machine's load average beside it (the higher of before and after).
 * @param {Parameters<typeof auditWithRetry>} args
 */
async function auditWithLoad(...args) {
  const load = loadavg()[0] ?? 0;
  const audit = await auditWithRetry(...args);
  return { ...audit, load: Math.max(load, loadavg()[0] ?? 0) };
}

/** A page's median run, with every run's score, TBT and load beside it. */
function pageResult(tries) {
  return {
    ...medianRun(tries),
    runs: tries.map((t) => ({
      performance: t.scores['performance'],
      tbtMs: t.tbtMs,
      load: t.load,
      benchmarkIndex: t.benchmarkIndex,
      cpuMultiplier: t.cpuMultiplier,
    })),
  };
}

/**
 * Audits the pages of a served site, each `runs` times, keeping the median run; with `calibrated`,
 * each run is followed by one at the CPU slowdown calibrated to the benchmark index it measured.
 * @param {string} origin e.g. http://localhost:4610
 * @param {{ log?: boolean, paths?: string[], runs?: number, calibrated?: boolean }} [options]  paths default to the sitemap's
 */
export async function benchLighthouse(origin, { log = false, paths, runs = 1, calibrated = false } = {}) {
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of 1 or more, not ${runs}`);
  const audited = paths ?? (await sitemapPaths(origin));
  const runner = await openLighthouse();
  const pages = [];
  const calibratedPages = [];
  try {
    for (const path of audited) {
      const url = `${origin}${path}`;
      const tries = [];
      const calibratedTries = [];
      for (let i = 0; i < runs; i++) {
        const audit = await auditWithLoad(runner, url, log);
        tries.push(audit);
        if (calibrated && audit.benchmarkIndex !== null) {
          const cpuMultiplier = calibratedMultiplier(audit.benchmarkIndex);
          calibratedTries.push(await auditWithLoad(runner, url, log, { cpuMultiplier }));
        }
      }
      const page = pageResult(tries);
      pages.push(page);
      if (calibratedTries.length) calibratedPages.push(pageResult(calibratedTries));
      if (log)
        console.error(
          `lighthouse: ${path} done (performance ${page.scores['performance']}, load ${fixed(page.load, 1)})`,
        );
    }
  } finally {
    runner.close();
  }
  const config = `Lighthouse default (mobile, simulated throttling), median of ${runs} run(s)`;
  return {
    config,
    pages,
    ...(calibrated
      ? { calibrated: { config: `${config}, CPU slowdown calibrated to the machine`, pages: calibratedPages } }
      : {}),
  };
}

/** The Markdown tables of a Lighthouse result, with what kept a score below 100 underneath. */
export function lighthouseTables({ pages, calibrated }) {
  const rows = pages.map((p) => [
    new URL(p.url).pathname,
    p.scores['performance'] ?? '—',
    p.scores['accessibility'] ?? '—',
    p.scores['best-practices'] ?? '—',
    p.scores['seo'] ?? '—',
    fixed(p.lcpMs === null ? null : p.lcpMs / 1000, 2),
    fixed(p.tbtMs, 0),
    fixed(p.cls, 3),
    p.domElements ?? '—',
    p.mainThread
      .slice(0, 2)
      .map((m) => `${m.group} ${fixed(m.ms, 0)}`)
      .join(', '),
    fixed(p.load, 1),
  ]);
  const lines = [
    '### Lighthouse (mobile emulation, simulated slow 4G)',
    '',
    table(
      [
        'Page',
        'Performance',
        'Accessibility',
        'Best practices',
        'SEO',
        'LCP (s)',
        'TBT (ms)',
        'CLS',
        'DOM elements',
        'Main thread (ms, top 2)',
        'Load (1 min)',
      ],
      rows,
    ),
  ];
  const failed = pages.flatMap((p) =>
    p.failed.map(
      (f) =>
        `- ${new URL(p.url).pathname} · ${f.category} · \`${f.id}\` (${f.title})${f.items.length ? `: ${f.items.join('; ')}` : ''}`,
    ),
  );
  if (failed.length) lines.push('', 'Audits below full score:', '', ...failed);
  if (calibrated) {
    lines.push(
      '',
      '### Lighthouse, CPU slowdown calibrated to this machine',
      '',
      "The default 4x slowdown assumes a high-end desktop (benchmark index 1,500 to 2,000); here each page is audited again at 4x scaled by the index its default audit measured (Lighthouse's throttling guide).",
      '',
      table(
        ['Page', 'Performance', 'LCP (s)', 'TBT (ms)', 'CLS', 'Benchmark index', 'CPU slowdown', 'Load (1 min)'],
        calibrated.pages.map((p) => [
          new URL(p.url).pathname,
          p.scores['performance'] ?? '—',
          fixed(p.lcpMs === null ? null : p.lcpMs / 1000, 2),
          fixed(p.tbtMs, 0),
          fixed(p.cls, 3),
          fixed(p.benchmarkIndex, 0),
          p.cpuMultiplier === null ? '—' : `${p.cpuMultiplier}x`,
          fixed(p.load, 1),
        ]),
      ),
    );
  }
  return lines.join('\n');
}

if (isMain(import.meta.url)) {
  const argv = process.argv.slice(2);
  const runs = Number(argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 1);
  const calibrated = argv.includes('--calibrated');
  const unknown = argv.filter(
    (a) => a.startsWith('--') && a !== '--no-build' && a !== '--calibrated' && !a.startsWith('--runs='),
  );
  if (unknown.length)
    throw new Error(`Unknown option(s) ${unknown.join(' ')}; use [--no-build] [--runs=N] [--calibrated] [/path/ ...]`);
  const paths = argv.filter((a) => !a.startsWith('--'));
  const bad = paths.filter((p) => !p.startsWith('/'));
  if (bad.length)
    throw new Error(`Pages are paths that start with a slash, such as /chapters/how-deep/, not ${bad.join(' ')}`);
  if (!argv.includes('--no-build')) await buildSite();
  const server = await previewSite();
  try {
    const result = await benchLighthouse(server.origin, {
      log: true,
      paths: paths.length ? paths : undefined,
      runs,
      calibrated,
    });
    console.log(lighthouseTables(result));
    console.log(`\nSaved ${saveResult('lighthouse', result)}`);
  } finally {
    await server.close();
  }
}
