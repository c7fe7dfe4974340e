// The WASM backend on one thread against many, in one run of headless Chromium: the depth lab's
// convolutional nets (the 6n+2 family at width 8 on 7×7 Fashion-MNIST, batch 64, depths 8, 20
// and 32, plain and residual), each timed in a page that is not cross-origin isolated (TF.js then
// runs one thread) and in one that is, with a thread per core of this machine (TF.js itself gives a
// page one thread per two logical cores, so a two-core machine runs one; the bench shows the page
// twice its cores to measure what threads give). Prints ms per step per net and the speed-up. The
// browser side is bench/train/entry.ts.
//
//   node scripts/bench-wasm-threads.mjs [--steps=24] [--depths=8,20,32] [--batch=64]
//   node scripts/bench-wasm-threads.mjs --lab-default [--threads=one,many]   (the whole default)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from './find-chromium.mjs';
import { bundle, serve } from './bench-training-suite.mjs';
import { fixed, isMain, saveResult, table } from '../bench/lib/report.mjs';
import { DEFAULT } from '../src/lab/config.ts';

/** The nets timed: the lab's conv family at a size a two-core machine trains in minutes. */
export const THREADS_CONFIG = {
  ...DEFAULT,
  architecture: 'conv',
  dataset: 'fashion-mnist',
  width: 8,
  inputSize: 7,
  batchSize: 64,
  depths: [8, 20, 32],
};

const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-sync', '--no-first-run', '--disable-quic'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Opens the bench at `origin` on WASM with the lab's cases loaded; returns the page and its device.
 * With `cores`, the page sees twice that many logical cores: TF.js gives one thread per two (it
 * assumes two hardware threads per core), and this makes it run one thread per core of this machine.
 */
async function openWasm(context, origin, config, cores = 0) {
  const page = await context.newPage();
  if (cores > 0) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: 2 * cores });
  }
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => '__trainBench' in globalThis, null, { timeout: 30_000 });
  await page.evaluate(([url, c]) => globalThis.__trainBench.loadLab(url, c), [`${origin}/data/`, config]);
  const info = await page.evaluate((url) => globalThis.__trainBench.activate('wasm', url), `${origin}/wasm/`);
  return { page, info };
}

/**
 * Bundles the bench page, serves it twice (plain, and cross-origin isolated) and opens Chromium;
 * runs `body({ context, plain, isolated, browser })` and always closes everything.
 */
async function withBenchServers(name, body) {
  const dir = mkdtempSync(join(tmpdir(), `why-resnets-${name}-bench-`));
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><title>${name} bench</title><script type="module" src="/bench.js"></script>`,
  );
  await bundle(dir);
  const plain = await serve(dir);
  const isolated = await serve(dir, { isolated: true });
  const browser = await chromium.launch({ executablePath: findChromium(), args: ARGS });
  try {
    const context = await browser.newContext();
    return await body({ context, plain, isolated, browser });
  } finally {
    await browser.close();
    plain.server.close();
    isolated.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Times every net on one thread and on many.
 * @param {{ steps?: number, depths?: number[], log?: (line: string) => void }} [options]
 */
export async function benchWasmThreads(options = {}) {
  const { steps = 24, depths = THREADS_CONFIG.depths, batchSize = THREADS_CONFIG.batchSize } = options;
  const log = options.log ?? (() => {});
  const config = { ...THREADS_CONFIG, depths, batchSize };
  const timing = { warmupSteps: 3, minSteps: steps, minMs: 0, maxSteps: steps };
  const rows = [];
  const devices = {};
  const chromiumVersion = await withBenchServers('threads', async ({ context, plain, isolated, browser }) => {
    const one = await openWasm(context, plain.origin, config);
    const many = await openWasm(context, isolated.origin, config, availableParallelism());
    devices.one = one.info;
    devices.many = many.info;
    if (!many.info.crossOriginIsolated)
      throw new Error('the isolated server did not make the page cross-origin isolated');
    log(`one thread: ${one.info.device}; many: ${many.info.device}`);
    const cases = await one.page.evaluate(() => globalThis.__trainBench.cases());
    for (const info of cases) {
      const time = async (page) => {
        const t = await page.evaluate(([id, o]) => globalThis.__trainBench.engine(id, o), [info.id, timing]);
        return median(t.stepsMs);
      };
      // Interleaved, so that a change in the machine's load hits both alike.
      const oneMs = await time(one.page);
      const manyMs = await time(many.page);
      rows.push({ id: info.id, label: info.label, batch: info.batch, oneThreadMs: oneMs, threadedMs: manyMs });
      log(
        `${info.label}: ${oneMs.toFixed(1)} ms/step on one thread, ${manyMs.toFixed(1)} threaded (×${(oneMs / manyMs).toFixed(2)})`,
      );
    }
    return browser.version();
  });
  const total = (key) => rows.reduce((sum, row) => sum + row[key], 0);
  return {
    chromium: chromiumVersion,
    config,
    steps,
    devices,
    rows,
    speedUp: total('oneThreadMs') / total('threadedMs'),
  };
}

/**
 * The lab's whole default experiment (every depth, both families, every step and measurement, as
 * the lab's worker runs it) in headless Chromium on WASM: on one thread (a page that is not
 * cross-origin isolated) and, unless `threads` says only 'one', on a thread per core. Prints the
 * wall time and each net's ms per step.
 * @param {{ config?: object, threads?: ('one' | 'many')[], log?: (line: string) => void }} [options]
 */
export async function benchLabDefault(options = {}) {
  const config = options.config ?? DEFAULT;
  const threads = options.threads ?? ['one', 'many'];
  const log = options.log ?? (() => {});
  const runs = [];
  const chromiumVersion = await withBenchServers('lab', async ({ context, plain, isolated, browser }) => {
    for (const mode of threads) {
      const { page, info } =
        mode === 'one'
          ? await openWasm(context, plain.origin, config)
          : await openWasm(context, isolated.origin, config, availableParallelism());
      log(
        `lab default on ${info.device}: training ${config.depths.length * config.families.length} nets of ${config.steps} steps`,
      );
      const origin = mode === 'one' ? plain.origin : isolated.origin;
      const timing = await page.evaluate(
        ([url, c]) => globalThis.__trainBench.lab(url, c),
        [`${origin}/data/`, config],
      );
      log(`lab default on ${info.device}: ${(timing.wallMs / 1000).toFixed(1)} s`);
      runs.push({ mode, device: info.device, ...timing });
      await page.close();
    }
    return browser.version();
  });
  return { chromium: chromiumVersion, config, runs };
}

/** The Markdown table of a whole-default result. */
export function labDefaultTables({ config, runs }) {
  const keys = runs[0]?.nets.map((n) => n.key) ?? [];
  const net = (run, key) => run.nets.find((n) => n.key === key);
  return [
    `### The lab's default, whole (${config.architecture} ${config.depths.join('/')}, width ${config.width}, ${config.inputSize}×${config.inputSize} ${config.dataset}, batch ${config.batchSize}, ${config.steps} steps, ${config.schedule} schedule), WASM in headless Chromium`,
    '',
    table(
      ['', ...runs.map((r) => r.device)],
      [
        ['Wall time (s), data to last measurement', ...runs.map((r) => fixed(r.wallMs / 1000, 1))],
        ...keys.map((key) => [
          `${key}: ms/step (measurements, s; final loss)`,
          ...runs.map((r) => {
            const n = net(r, key);
            return `${fixed(n.stepMs / n.steps)} (${fixed(n.measureMs / 1000, 1)}; ${fixed(n.finalTrainLoss, 3)})`;
          }),
        ]),
      ],
    ),
    '',
    `The lab's budget is 6 minutes (360 s) for the whole default on a 2-core machine.`,
  ].join('\n');
}

/** The Markdown table of a threads result. */
export function threadsTables({ config, steps, devices, rows, speedUp }) {
  return [
    `### WASM: one thread against ${devices.many?.device ?? 'threads'} (the lab's conv nets, ${config.inputSize}×${config.inputSize} ${config.dataset}, width ${config.width}, batch ${config.batchSize}; median of ${steps} steps)`,
    '',
    table(
      ['Net', 'One thread (ms/step)', 'Threaded (ms/step)', 'Speed-up'],
      rows.map((r) => [
        r.label,
        fixed(r.oneThreadMs),
        fixed(r.threadedMs),
        `×${fixed(r.oneThreadMs / r.threadedMs, 2)}`,
      ]),
    ),
    '',
    `All nets together: speed-up ×${fixed(speedUp, 2)} with threads (below 1: slower), ${devices.one?.device} against ${devices.many?.device}. Timings depend on the machine's load: threads that wait on busy cores lose.`,
  ].join('\n');
}

if (isMain(import.meta.url)) {
  const argv = process.argv.slice(2);
  const get = (name, fallback) => argv.findLast((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
  if (argv.includes('--lab-default')) {
    const lab = await benchLabDefault({
      threads: get('threads', 'one,many').split(','),
      log: (line) => console.error(line),
    });
    console.log(labDefaultTables(lab));
    console.log(`\nSaved ${saveResult('lab-default', lab)}`);
    process.exit(0);
  }
  const result = await benchWasmThreads({
    steps: Number(get('steps', 24)),
    depths: get('depths', THREADS_CONFIG.depths.join(',')).split(',').map(Number),
    batchSize: Number(get('batch', THREADS_CONFIG.batchSize)),
    log: (line) => console.error(line),
  });
  console.log(threadsTables(result));
  console.log(`\nSaved ${saveResult('wasm-threads', result)}`);
}
