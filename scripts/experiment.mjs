#!/usr/bin/env node
/**
 * Runs a named depth-lab configuration (src/lab/config.ts) headless in Node on the WASM backend.
 *
 *   npm run experiment -- --config quick            prints the final losses
 *   npm run experiment -- --config default --record writes public/data/runs/default.json
 *
 * The lab's TypeScript (and TF.js, whose ES modules Node cannot load directly) is bundled with
 * esbuild into node_modules/.cache/depth-lab/ first, so the script needs no other runner.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadLabModule, namedConfig, root } from './lab-bundle.mjs';

const { values } = parseArgs({
  options: {
    config: { type: 'string', default: 'quick' },
    record: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log('Usage: npm run experiment -- --config <name> [--record]');
  process.exit(0);
}

const lab = await loadLabModule('headless.ts');
const config = namedConfig(lab.CONFIGS, values.config);

console.log(`Running "${values.config}": ${JSON.stringify(config)}`);
const started = performance.now();
const recorded = await lab.recordExperiment(root, values.config, config, (p) => {
  if (p.evaluation) {
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    const loss = p.curve ? p.curve.trainLoss.toFixed(3) : '-';
    console.log(
      `${seconds.padStart(5)} s  ${p.key.padEnd(10)} step ${String(p.step).padStart(5)}/${p.steps}  train loss ${loss}  test error ${(100 * p.evaluation.testError).toFixed(1)}%`,
    );
  }
});

console.log(
  `\nFinished in ${recorded.wallSeconds} s (${recorded.cpuSeconds} s of CPU, load average ${recorded.environment.loadAverage} at the start) on ${recorded.environment.backend}, ${recorded.environment.cpu} (${recorded.environment.cores} cores).`,
);
for (const run of recorded.runs) {
  const last = run.evals.at(-1);
  console.log(
    `${run.key.padEnd(10)} final training loss (mean of last 10% of steps) ${lab.finalTrainLoss(run).toFixed(4)}  test error ${last ? (100 * last.testError).toFixed(1) : '-'}%`,
  );
}

if (values.record) {
  const out = join(root, 'public', 'data', 'runs', `${values.config}.json`);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(lab.roundRecorded(recorded))}\n`);
  console.log(`Recorded ${out}`);
}
