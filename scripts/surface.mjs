#!/usr/bin/env node
/**
 * Records the loss-surface slices (Li et al. 2018) of the depth lab's deepest plain and residual
 * nets, trained as the lab trains them, into public/data/runs/surface.json.
 *
 *   npm run surface -- --config default [--depth 32] [--resolution 21] [--images 256] [--set key=value]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadLabModule, namedConfig, root } from './lab-bundle.mjs';

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

const lab = await loadLabModule('surface-record.ts');
const config = namedConfig(lab.CONFIGS, values.config, values.set);
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
