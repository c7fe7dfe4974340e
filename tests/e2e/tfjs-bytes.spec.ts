/**
 * Gates over the built files (no browser needed): the TF.js a reader downloads when a demo starts,
 * per backend. The training worker loads only the backend it chose (one chunk each), each `.wasm`
 * binary is built once, and the bytes of each path stay within budget. Reads the folder that the
 * preview serves ($ASTRO_OUT_DIR or dist), so run it after `astro build`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { TFJS_PATHS, tfjsPaths } from '../../bench/lib/tfjs-paths.mjs';

const dir = process.env['ASTRO_OUT_DIR'] || 'dist';

/**
 * KB gzip of TF.js (JavaScript and WASM) per download path: today's figures and a little room, so
 * that they cannot creep back (each backend registering only the demos' kernels, the models built
 * on tfjs-core without TF.js Layers, tfjs-core without its model stores and optimiser registry,
 * the WASM binaries cut down to the kernels the demos call, the WASM backend importing only the
 * factory it runs, and the threaded one once: as the glue file that the threads load too). Both
 * WASM paths' budget is the goal, 200 KB: when this was written 191.2 on one thread (91.4 of
 * JavaScript, 99.8 of binary) and 198.6 threaded (94.8 of JavaScript, 103.8 of binary).
 */
const BUDGET_KB_GZIP: Readonly<Record<(typeof TFJS_PATHS)[number], number>> = {
  webgpu: 135,
  webgl: 145,
  wasm: 200,
  'wasm-threads': 200,
  cpu: 95,
};

test('each TF.js backend path downloads its own chunk and stays within its gzip budget', () => {
  const { paths } = tfjsPaths(dir);
  const lines: string[] = [];
  for (const path of TFJS_PATHS) {
    const { js, wasm, total } = paths[path];
    lines.push(
      `${path.padEnd(13)} JS ${(js.gzip / 1024).toFixed(1).padStart(6)} KB, WASM ${(wasm.gzip / 1024).toFixed(1).padStart(6)} KB, total ${(total.raw / 1024).toFixed(0).padStart(5)} KB raw / ${(total.gzip / 1024).toFixed(1).padStart(6)} KB gzip`,
    );
    expect(total.gzip / 1024, `${path}: KB gzip of TF.js on demo start`).toBeLessThanOrEqual(BUDGET_KB_GZIP[path]);
  }
  console.log(`TF.js downloaded on demo start, per backend path:\n${lines.join('\n')}`);
  // Only the binary that the browser uses: one on each WASM path, none elsewhere.
  expect(paths.wasm.files.filter((f) => f.name.endsWith('.wasm'))).toHaveLength(1);
  expect(paths['wasm-threads'].files.filter((f) => f.name.endsWith('.wasm'))).toHaveLength(1);
  // The threaded path's factory is its glue file, once (tfjs-paths.mjs refuses a bundled copy).
  expect(
    paths['wasm-threads'].files.filter((f) => /^tfjs-backend-wasm-threaded-simd\.[\w-]+\.js$/.test(f.name)),
  ).toHaveLength(1);
  for (const path of ['webgpu', 'webgl', 'cpu'] as const) expect(paths[path].wasm.raw).toBe(0);
});

test('each WASM binary is built once', () => {
  const { wasmFiles } = tfjsPaths(dir);
  const byContent = new Map<string, string[]>();
  for (const name of wasmFiles) {
    const hash = createHash('sha256')
      .update(readFileSync(join(dir, '_astro', name)))
      .digest('hex');
    byContent.set(hash, [...(byContent.get(hash) ?? []), name]);
  }
  expect(
    [...byContent.values()].filter((names) => names.length > 1),
    'the same binary under two names',
  ).toEqual([]);
  expect(wasmFiles).toHaveLength(3);
});
