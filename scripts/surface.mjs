#!/usr/bin/env node
/**
 * Records the loss-surface slices (Li et al. 2018) of the depth lab's deepest plain and residual
 * nets, trained as the lab trains them, into public/data/runs/surface.json.
 *
 *   npm run surface -- --config default [--depth 32] [--resolution 21] [--images 256] [--set key=value]
 */
import { build } from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    config: { type: 'string', default: 'default' },
    depth: { type: 'string' },
    resolution: { type: 'string', default: '21' },
    images: { type: 'string', default: '256' },
    seed: { type: 'string', default: '1' },
    set: { type: 'string', multiple: true, default: [] },
    out: { type: 'string', default: join(root, 'public', 'data', 'runs', 'surface.json') },
  },
});

const bundle = join(root, 'node_modules', '.cache', 'depth-lab', 'surface.cjs');
await build({
  entryPoints: [join(root, 'src', 'lab', 'surface-record.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  mainFields: ['module', 'main'],
  outfile: bundle,
  logLevel: 'warning',
});
const lab = createRequire(import.meta.url)(bundle);
const named = lab.CONFIGS[values.config];
if (!named) {
  console.error(`Unknown configuration "${values.config}". Known: ${Object.keys(lab.CONFIGS).join(', ')}.`);
  process.exit(2);
}
const config = { ...named };
for (const pair of values.set) {
  const [key, raw] = pair.split('=');
  if (!(key in named) || raw === undefined) {
    console.error(`--set ${pair}: expected key=value with a key of ${Object.keys(named).join(', ')}.`);
    process.exit(2);
  }
  config[key] = raw.includes('/') ? raw.split('/').map(Number) : Number.isNaN(Number(raw)) ? raw : Number(raw);
}
const depth = Number(values.depth ?? config.depths.at(-1));
const options = { resolution: Number(values.resolution), range: 1, seed: Number(values.seed) };
const recorded = await lab.recordSurfaces(root, config, depth, options, Number(values.images), (line) =>
  console.log(line),
);
const round = (v) => (Number.isFinite(v) ? Number(v.toPrecision(4)) : v);
const written = {
  ...recorded,
  surfaces: recorded.surfaces.map((s) => ({
    ...s,
    roughness: round(s.roughness),
    surface: { ...s.surface, axis: s.surface.axis.map(round), loss: s.surface.loss.map(round) },
  })),
};
await mkdir(dirname(values.out), { recursive: true });
await writeFile(values.out, `${JSON.stringify(written)}\n`);
for (const s of recorded.surfaces)
  console.log(
    `${s.key}: roughness ${s.roughness.toFixed(3)}, ${s.localMinima} local minima, centre loss ${s.surface.loss[(s.surface.loss.length - 1) / 2].toFixed(3)}`,
  );
console.log(`Recorded ${values.out} in ${recorded.wallSeconds} s`);
