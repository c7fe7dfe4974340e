// Training speed in headless Chromium, for each TF.js backend: LeNet-5 at batch 64, and plain-20,
// ResNet-20, plain-56 and ResNet-56 at the depth lab's default size (src/lab/config.ts). Per model
// and backend: ms per step (median, min, max of at least 10 steps after warm-up), images/s,
// achieved GFLOP/s from the zoo's MAC counts, and the engine's step against a bare
// `optimizer.minimize` loop timed in the same page. The browser side is bench/train/entry.ts.
//
//   node scripts/bench-training-suite.mjs [--backends=webgpu,webgl,wasm,cpu] [--cases=lenet5,resnet-20]
//                                        [--min-steps=10] [--cell-budget=240] [--deadline=S] [--gpu]
//
// A case whose predicted time on a backend exceeds --cell-budget seconds (from the previous case's
// speed on that backend), or would end after --deadline seconds from the start, is skipped with
// the prediction, so a software GPU or the plain-JS CPU backend does not hold the bench for an
// hour. --gpu launches Chromium with Vulkan and WebGPU on.
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout } from 'node:timers';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { findChromium, QUIET_CHROMIUM_ARGS } from './find-chromium.mjs';
import { fixed, isMain, saveResult, table } from '../bench/lib/report.mjs';
import { ROOT } from '../bench/lib/site.mjs';
import { isWasmBackendModule, rewriteThreadedGlue } from '../src/lib/wasm-threads.ts';
import { ISOLATION_HEADERS } from '../src/lib/isolation.ts';

const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'];
const LABELS = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** Flags of the tests' Chromium, plus a WebGPU adapter (software here, SwiftShader). */
const CPU_MACHINE_ARGS = [...QUIET_CHROMIUM_ARGS, '--enable-unsafe-webgpu'];
/** On a Linux machine with an NVIDIA GPU: WebGPU and WebGL through Vulkan. */
const GPU_MACHINE_ARGS = [
  ...CPU_MACHINE_ARGS,
  '--headless=new',
  '--enable-features=Vulkan',
  '--use-angle=vulkan',
  '--ignore-gpu-blocklist',
];

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

/**
 * Threads of the WASM backend load its glue from /wasm-out/, as the site's own build arranges
 * (src/lib/wasm-threads.ts): a bundled copy of the glue cannot start a thread.
 */
const threadedGlue = {
  name: 'tfjs-wasm-threads-glue',
  setup(build) {
    build.onLoad({ filter: /backend_wasm\.js$/ }, async ({ path }) => {
      if (!isWasmBackendModule(path)) return undefined;
      const { readFile } = await import('node:fs/promises');
      const code = await readFile(path, 'utf8');
      return {
        contents: rewriteThreadedGlue(code, "'/wasm-out/tfjs-backend-wasm-threaded-simd.js'", path),
        loader: 'js',
      };
    });
  },
};

/** Bundles bench/train/entry.ts (and the engine it imports) for the browser into `dir`. */
export async function bundle(dir) {
  await build({
    entryPoints: [join(ROOT, 'bench/train/entry.ts')],
    outfile: join(dir, 'bench.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'error',
    // The WASM backend's Emscripten glue mentions Node modules on paths the browser never takes.
    external: ['fs', 'path', 'worker_threads', 'perf_hooks', 'os', 'crypto'],
    plugins: [threadedGlue],
  });
}

/**
 * Serves the bundle in `dir`, the prepared data and the WASM backend's binaries and glue; with
 * `isolated`, cross-origin isolated as the site is (so the WASM backend runs threads).
 */
export function serve(dir, { isolated = false } = {}) {
  const wasmPackage = join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm');
  const routes = [
    ['/data/', join(ROOT, 'public/data')],
    ['/wasm/', join(wasmPackage, 'dist')],
    ['/wasm-out/', join(wasmPackage, 'wasm-out')],
    ['/', dir],
  ];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const [prefix, folder] = routes.find(([p]) => path.startsWith(p)) ?? routes[3];
    const file = normalize(join(folder, path === '/' ? 'index.html' : path.slice(prefix.length)));
    if (!file.startsWith(folder) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      ...(isolated ? ISOLATION_HEADERS : {}),
    });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, server });
    });
  });
}

/** Training options from command-line arguments (see the top of this file). */
export function parseTrainingArgs(argv) {
  const get = (name, fallback) => argv.findLast((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
  return {
    backends: get('backends', BACKENDS.join(',')).split(','),
    cases: get('cases', '') ? get('cases', '').split(',') : null,
    minSteps: Math.max(10, Number(get('min-steps', 10))),
    cellBudgetS: Number(get('cell-budget', 240)),
    deadlineS: Number(get('deadline', Infinity)),
    gpu: argv.includes('--gpu'),
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Summary figures of one timed loop. */
function summarise(timing, info) {
  const ms = median(timing.stepsMs);
  return {
    steps: timing.stepsMs.length,
    warmupMs: timing.warmupMs,
    medianMs: ms,
    minMs: Math.min(...timing.stepsMs),
    maxMs: Math.max(...timing.stepsMs),
    imagesPerSecond: (info.batch * 1000) / ms,
    gflops: info.flopsPerStep / (ms / 1000) / 1e9,
    tensorsLeaked: timing.tensorsAfter - timing.tensorsBefore,
    stepsMs: timing.stepsMs,
  };
}

/** Opens a page with the bench loaded and `backend` active. */
async function openBench(context, origin, backend) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${origin}/`);
  await page
    .waitForFunction(() => '__trainBench' in globalThis, null, { timeout: 30_000 })
    .catch(() => {
      throw new Error(`The bench page did not load: ${errors.join('; ') || 'no error reported'}`);
    });
  await page.evaluate((url) => globalThis.__trainBench.load(url), `${origin}/data/`);
  const info = await withLimit(
    page.evaluate(([name, url]) => globalThis.__trainBench.activate(name, url), [backend, `${origin}/wasm/`]),
    60,
    `starting ${backend}`,
  );
  return { page, info };
}

/** A loop that ran past its time limit. */
class TimeLimit extends Error {}

/** One engine step, to see whether a case fits its time budget. */
const PROBE = { warmupSteps: 1, minSteps: 0, minMs: 0, maxSteps: 0 };

/** Resolves as `promise` does, or rejects with a TimeLimit after `seconds`. */
function withLimit(promise, seconds, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new TimeLimit(`${what} took over ${seconds.toFixed(0)} s`)), seconds * 1000);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Runs the training bench.
 * @param {{ backends?: string[], cases?: string[] | null, minSteps?: number, cellBudgetS?: number, deadlineS?: number, gpu?: boolean, log?: (line: string) => void }} [options]
 */
export async function benchTraining(options = {}) {
  const {
    backends = BACKENDS,
    cases: only = null,
    minSteps = 10,
    cellBudgetS = 240,
    deadlineS = Infinity,
    gpu = false,
  } = options;
  const started = performance.now();
  const remainingS = () => deadlineS - (performance.now() - started) / 1000;
  const log = options.log ?? (() => {});
  const timing = { warmupSteps: 2, minSteps, minMs: 2000, maxSteps: 100 };
  const dir = mkdtempSync(join(tmpdir(), 'why-resnets-train-bench-'));
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>training bench</title><script type="module" src="/bench.js"></script>',
  );
  await bundle(dir);
  const { origin, server } = await serve(dir);
  const args = gpu ? GPU_MACHINE_ARGS : CPU_MACHINE_ARGS;
  const browser = await chromium.launch({ executablePath: findChromium(), args, headless: !gpu });
  const results = [];
  const backendInfo = [];
  let caseInfo = [];
  try {
    const context = await browser.newContext();
    for (const backend of backends) {
      let bench;
      try {
        bench = await openBench(context, origin, backend);
      } catch (error) {
        log(`${backend}: unavailable (${error.message})`);
        backendInfo.push({ backend, label: LABELS[backend], unavailable: error.message.split('\n')[0] });
        continue;
      }
      backendInfo.push(bench.info);
      caseInfo = await bench.page.evaluate(() => globalThis.__trainBench.cases());
      let msPerGflop = null;
      /** FLOPs per step of a case whose single step ran out of time: larger cases are not tried. */
      let tooSlowFlops = Infinity;
      for (const info of caseInfo.filter((c) => !only || only.includes(c.id))) {
        const row = { backend, backendLabel: LABELS[backend], device: bench.info.device, case: info };
        const skip = (why) => {
          log(`${LABELS[backend]} ${info.label}: skipped (${why})`);
          results.push({ ...row, skipped: why });
        };
        const stepGflop = info.flopsPerStep / 1e9;
        const stepsNeeded = (timing.warmupSteps + minSteps) * 2; // engine and bare loop
        const allowedS = Math.min(cellBudgetS, remainingS());
        if (allowedS <= 0) {
          skip('the run reached its deadline');
          continue;
        }
        if (info.flopsPerStep >= tooSlowFlops) {
          skip('a smaller model already took too long for one step');
          continue;
        }
        // A cheap guess from the previous model first (pessimistic: small nets use a device less well)...
        const guessS = msPerGflop === null ? null : (msPerGflop * stepGflop * stepsNeeded) / 1000;
        if (guessS !== null && guessS > 10 * allowedS) {
          skip(
            `about ${guessS.toFixed(0)} s predicted from the previous model, over the ${allowedS.toFixed(0)} s left`,
          );
          continue;
        }
        const probeLimitS = Math.max(15, allowedS / 8);
        try {
          // ...then one real step, cut off when it is far too slow.
          const probe = await withLimit(
            bench.page.evaluate(([id, t]) => globalThis.__trainBench.engine(id, t), [info.id, PROBE]),
            probeLimitS,
            'one step',
          );
          const predictedS = ((probe.warmupMs[0] ?? 0) / 1000) * stepsNeeded;
          if (predictedS > allowedS) {
            skip(
              `one step took ${((probe.warmupMs[0] ?? 0) / 1000).toFixed(1)} s, so ${stepsNeeded} steps would take about ${predictedS.toFixed(0)} s, over the ${allowedS.toFixed(0)} s left`,
            );
            continue;
          }
          const limit = Math.max(Math.min(cellBudgetS * 2, remainingS()), 30);
          const engine = await withLimit(
            bench.page.evaluate(([id, t]) => globalThis.__trainBench.engine(id, t), [info.id, timing]),
            limit,
            'the engine loop',
          );
          const bare = await withLimit(
            bench.page.evaluate(([id, t]) => globalThis.__trainBench.bare(id, t), [info.id, timing]),
            limit,
            'the bare loop',
          );
          const e = summarise(engine, info);
          const b = summarise(bare, info);
          msPerGflop = Math.max(e.medianMs, b.medianMs) / stepGflop;
          results.push({ ...row, engine: e, bare: b, engineOverBare: e.medianMs / b.medianMs });
          log(`${LABELS[backend]} ${info.label}: ${e.medianMs.toFixed(1)} ms/step (bare ${b.medianMs.toFixed(1)})`);
        } catch (error) {
          if (error instanceof TimeLimit) {
            skip(error.message);
            tooSlowFlops = Math.min(tooSlowFlops, info.flopsPerStep);
          } else {
            log(`${LABELS[backend]} ${info.label}: failed (${error.message})`);
            results.push({ ...row, failed: error.message.split('\n')[0] });
          }
          // A page busy with a long step cannot be interrupted: go on in a new one.
          await bench.page.close().catch(() => {});
          bench = await openBench(context, origin, backend);
        }
      }
      await bench.page.close();
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    chromium: browser.version(),
    flags: args,
    timing,
    cellBudgetS,
    deadlineS: Number.isFinite(deadlineS) ? deadlineS : null,
    flopConvention: 'GFLOP/s = 6 × forward MACs per image (zoo computeStats) × batch ÷ median step time',
    backends: backendInfo,
    cases: caseInfo,
    results,
  };
}

/** The Markdown table of a training result. */
export function trainingTables({ backends, results }) {
  const rows = results.map((r) => {
    const name = `${r.case.label} (batch ${r.case.batch})`;
    if (r.skipped || r.failed)
      return [r.backendLabel, name, r.skipped ? `skipped: ${r.skipped}` : `failed: ${r.failed}`, '', '', '', '', ''];
    const e = r.engine;
    return [
      r.backendLabel,
      name,
      `${fixed(e.medianMs)} (${fixed(e.minMs)}–${fixed(e.maxMs)}, n=${e.steps})`,
      fixed(e.imagesPerSecond, 0),
      fixed(e.gflops, 2),
      `${fixed(r.bare.medianMs)} (${fixed(r.bare.minMs)}–${fixed(r.bare.maxMs)})`,
      fixed(r.engineOverBare, 2),
      `${e.tensorsLeaked} / ${r.bare.tensorsLeaked}`,
    ];
  });
  const devices = backends.map(
    (b) => `- ${b.label}: ${b.unavailable ? `unavailable (${b.unavailable})` : (b.device ?? 'available')}`,
  );
  return [
    '### Training (headless Chromium; ms per step: median (min–max, n steps after 2 warm-up steps))',
    '',
    table(
      [
        'Backend',
        'Model',
        'Engine ms/step',
        'Images/s',
        'GFLOP/s',
        'Bare minimize ms/step',
        'Engine ÷ bare',
        'Tensors left (engine / bare)',
      ],
      rows,
    ),
    '',
    'Backends:',
    ...devices,
  ].join('\n');
}

if (isMain(import.meta.url)) {
  const options = parseTrainingArgs(process.argv.slice(2));
  const result = await benchTraining({ ...options, log: (line) => console.error(line) });
  console.log(trainingTables(result));
  console.log(`\nSaved ${saveResult('training', result)}`);
}
