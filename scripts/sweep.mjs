#!/usr/bin/env node
/**
 * Sweeps depth-lab settings headless in Node on the WASM backend and appends one JSON line per
 * (configuration, seed) to a results file; `--table` prints that file as the Markdown table that
 * bench/sweeps/README.md quotes.
 *
 *   npm run sweep -- --config default --set architecture=conv --set inputSize=7 --seeds 1,2,3
 *   npm run sweep -- --table
 *
 * `--set key=value` overrides one setting of the named configuration (numbers, or lists of numbers
 * written 8/20/32). Evaluations and probes run once, at the end: the sweep compares final training
 * losses, and the wall time it reports is training time. With `--record <file>` the run keeps the
 * configuration's own measurement cadence and is also written out as a recorded run (the format of
 * public/data/runs/default.json).
 */
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadLabModule, namedConfig, root } from './lab-bundle.mjs';

const { values } = parseArgs({
  options: {
    config: { type: 'string', default: 'default' },
    set: { type: 'string', multiple: true, default: [] },
    seeds: { type: 'string', default: '1' },
    out: { type: 'string', default: join(root, 'bench', 'sweeps', 'depth-lab.jsonl') },
    table: { type: 'boolean', default: false },
    record: { type: 'string' },
  },
});

/** The JSON lines of the results file as a Markdown table, one row per configuration and seed. */
async function table(file) {
  const rows = (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const lines = [
    '| data | input | width | depths | optimiser | batch | steps | seed | final training loss per net | deepest ÷ shallowest (plain / residual) | wall s (CPU s, load) | WASM kernels |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    const c = r.config;
    const losses = Object.entries(r.finalLoss)
      .map(([k, v]) => `${k} ${v.toFixed(3)}`)
      .join(', ');
    const ratio = (family) => {
      const d = c.depths;
      return (r.finalLoss[`${family}-${d.at(-1)}`] / r.finalLoss[`${family}-${d[0]}`]).toFixed(2);
    };
    lines.push(
      `| ${c.dataset} | ${c.inputSize}×${c.inputSize} | ${c.width} | ${c.depths.join('/')} | ${c.optimizer} ${c.learningRate}, momentum ${c.momentum}${c.schedule === 'cosine' ? ', cosine' : ''} | ${c.batchSize} | ${c.steps} | ${c.seed} | ${losses} | ${ratio('plain')} / ${ratio('resnet')} | ${r.wallSeconds} (${r.cpuSeconds}, ${r.loadAverage}) | ${r.wasmKernels ?? 1} |`,
    );
  }
  return lines.join('\n');
}

if (values.table) {
  console.log(await table(values.out));
  process.exit(0);
}

const lab = await loadLabModule('headless.ts');
const named = namedConfig(lab.CONFIGS, values.config, values.set);

await mkdir(dirname(values.out), { recursive: true });
for (const seed of values.seeds.split(',').map(Number)) {
  const config = { ...named, seed };
  const measured = values.record ? config : { ...config, evalEvery: config.steps, probeEvery: config.steps };
  console.log(`seed ${seed}: ${JSON.stringify(config)}`);
  const recorded = await lab.recordExperiment(root, 'sweep', measured, (p) => {
    if (p.curve && p.step % 100 === 0)
      console.log(`  ${p.key.padEnd(10)} step ${p.step}  loss ${p.curve.trainLoss.toFixed(3)}`);
  });
  const finalLoss = Object.fromEntries(recorded.runs.map((run) => [run.key, lab.finalTrainLoss(run)]));
  const row = {
    config,
    finalLoss,
    wallSeconds: recorded.wallSeconds,
    cpuSeconds: recorded.cpuSeconds,
    loadAverage: recorded.environment.loadAverage,
    cpu: recorded.environment.cpu,
    date: recorded.date,
    wasmKernels: lab.WASM_KERNEL_SET,
    // Training loss at every curve point, so that a shorter run at a constant learning rate (a
    // prefix of this one: same seed, same batches) can be read off without training again.
    curves: Object.fromEntries(
      recorded.runs.map((run) => [run.key, run.curve.map((p) => [p.step, Math.round(p.trainLoss * 1000) / 1000])]),
    ),
  };
  await appendFile(values.out, `${JSON.stringify(row)}\n`);
  if (values.record) {
    await writeFile(values.record, `${JSON.stringify(lab.roundRecorded({ ...recorded, name: 'default', config }))}\n`);
    console.log(`  recorded ${values.record}`);
  }
  console.log(`  final ${JSON.stringify(finalLoss)} in ${recorded.wallSeconds} s`);
}
