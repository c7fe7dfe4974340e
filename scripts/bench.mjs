// `npm run bench`: one report on training speed, page weight, Lighthouse and build time. Prints
// Markdown to stdout and writes bench/results/bench-<date>.json (and bench-latest.json).
//
//   node scripts/bench.mjs [--skip=training,threads,lab,pages,lighthouse,build] [training options, see
//                          scripts/bench-training-suite.mjs]
//
// The site is built into a folder of its own (ASTRO_OUT_DIR, default in the temp folder) and
// served gzip-compressed, as a host serves it, on a port of its own (BENCH_PORT, default 4610),
// so a bench and a test run can share a machine. Progress goes to stderr.
import { benchLighthouse, lighthouseTables } from './bench-lighthouse.mjs';
import { benchPages, pagesTables } from './bench-pages.mjs';
import { benchTraining, parseTrainingArgs, trainingTables } from './bench-training-suite.mjs';
import { benchLabDefault, benchWasmThreads, labDefaultTables, threadsTables } from './bench-wasm-threads.mjs';
import { tfjsPaths } from '../bench/lib/tfjs-paths.mjs';
import { tfjsPathsTable } from './bench-pages.mjs';
import { fixed, saveResult, table } from '../bench/lib/report.mjs';
import { OUT_DIR, buildSite, previewSite } from '../bench/lib/site.mjs';

const argv = process.argv.slice(2);
const skip = new Set((argv.find((a) => a.startsWith('--skip='))?.split('=')[1] ?? '').split(',').filter(Boolean));
const log = (line) => console.error(`[bench] ${line}`);

const report = {};
/** Markdown per part, printed in the order of the issue: training, pages, Lighthouse, build. */
const parts = { training: '', threads: '', lab: '', pages: '', tfjs: '', lighthouse: '', build: '' };

if (!skip.has('build')) {
  log('build: astro build');
  const seconds = await buildSite();
  report.build = { wallSeconds: seconds, outDir: OUT_DIR };
  parts.build = ['### Build', '', table(['Step', 'Wall time (s)'], [['astro build', fixed(seconds, 1)]])].join('\n');
}

if (!skip.has('pages')) {
  report.tfjsPaths = tfjsPaths(OUT_DIR);
  parts.tfjs = tfjsPathsTable(report.tfjsPaths);
}

if (!skip.has('pages') || !skip.has('lighthouse')) {
  const server = await previewSite();
  try {
    if (!skip.has('pages')) {
      log('pages: weighing every page in the sitemap');
      report.pages = await benchPages(server.origin);
      parts.pages = pagesTables(report.pages);
    }
    if (!skip.has('lighthouse')) {
      log('lighthouse: every page');
      report.lighthouse = await benchLighthouse(server.origin, { log: true, calibrated: true });
      parts.lighthouse = lighthouseTables(report.lighthouse);
    }
  } finally {
    await server.close();
  }
}

if (!skip.has('training')) {
  log('training: headless Chromium, every backend (the long part)');
  report.training = await benchTraining({ ...parseTrainingArgs(argv), log: (line) => log(`training: ${line}`) });
  parts.training = trainingTables(report.training);
}

if (!skip.has('threads')) {
  log('threads: the WASM backend on one thread and on several, the lab conv nets');
  report.threads = await benchWasmThreads({ log: (line) => log(`threads: ${line}`) });
  parts.threads = threadsTables(report.threads);
}

if (!skip.has('lab')) {
  log("lab: the depth lab's whole default on WASM, one thread and a thread per core (about 15 minutes)");
  report.lab = await benchLabDefault({ log: (line) => log(`lab: ${line}`) });
  parts.lab = labDefaultTables(report.lab);
}

const heading = `## Benchmark report (${new Date().toISOString()}; site built in ${OUT_DIR})`;
console.log([heading, ...Object.values(parts).filter(Boolean)].join('\n\n'));
console.log(`\nSaved ${saveResult('bench', report)}`);
