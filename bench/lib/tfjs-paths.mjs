// What a reader downloads when a demo starts, per TF.js backend, read from the built site itself:
// the training worker and every chunk it imports statically, then the chunk that the backend's
// dynamic import loads (with the chunks it imports that the worker has not), then, on WASM, the
// factory that the backend loads on demand (see src/lib/wasm-threads.ts): on one thread a chunk of
// its own, threaded the glue file that the threads load too; and the one binary the browser picks.
// Shared by scripts/bench-pages.mjs, scripts/bench.mjs and tests/e2e/tfjs-bytes.spec.ts.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Strings that survive minification in one backend's package and in no other. */
const BACKEND_SIGNATURES = {
  webgpu: 'WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE',
  webgl: 'WEBGL_VERSION',
  wasm: 'WASM_HAS_SIMD_SUPPORT',
  cpu: 'tfjs-node for more details',
};

/**
 * The download paths: each backend, and WASM twice, by the binary the browser fetches (SIMD on one
 * thread off a cross-origin isolated page, the threaded SIMD build with its glue on one).
 */
export const TFJS_PATHS = /** @type {const} */ (['webgpu', 'webgl', 'wasm', 'wasm-threads', 'cpu']);

/**
 * @typedef {(typeof TFJS_PATHS)[number]} TfjsPath
 * @typedef {{ raw: number, gzip: number }} Bytes
 * @typedef {{ name: string, raw: number, gzip: number }} FileBytes
 * @typedef {{ files: FileBytes[], js: Bytes, wasm: Bytes, total: Bytes }} PathBytes
 */

/** The WASM binaries and the threaded glue, by the name they are built from. */
const WASM_FILES = {
  plain: /^tfjs-backend-wasm\.[\w-]+\.wasm$/,
  simd: /^tfjs-backend-wasm-simd\.[\w-]+\.wasm$/,
  threaded: /^tfjs-backend-wasm-threaded-simd\.[\w-]+\.wasm$/,
  glue: /^tfjs-backend-wasm-threaded-simd\.[\w-]+\.js$/,
};

/** Relative imports of a built ES module, static and dynamic. */
function importsOf(code) {
  const statics = new Set();
  const dynamics = new Set();
  for (const [, path] of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["'`](\.\/[^"'`]+\.js)["'`]/g)) statics.add(path);
  for (const [, path] of code.matchAll(/\bimport\(\s*["'`](\.\/[^"'`]+\.js)["'`]\s*\)/g)) {
    statics.delete(path);
    dynamics.add(path);
  }
  return { statics: [...statics].map((p) => p.slice(2)), dynamics: [...dynamics].map((p) => p.slice(2)) };
}

/**
 * Reads `dir/_astro/` and returns, per download path, the files fetched and their bytes.
 * @param {string} dir the built site (its root, holding _astro/)
 * @returns {{ worker: string, paths: Record<TfjsPath, PathBytes>, wasmFiles: string[] }}
 */
export function tfjsPaths(dir) {
  const assets = join(dir, '_astro');
  const names = readdirSync(assets);
  const text = new Map();
  const read = (name) => {
    if (!text.has(name)) text.set(name, readFileSync(join(assets, name), 'latin1'));
    return text.get(name);
  };
  const bytes = (name) => {
    const body = readFileSync(join(assets, name));
    return { name, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
  };
  const starts = names.filter((n) => n.endsWith('.js') && /new Worker\(new URL\(/.test(read(n)));
  const workers = [
    ...new Set(
      starts.flatMap((n) =>
        [...read(n).matchAll(/new Worker\(new URL\(["'`][^"'`]*\/([^/"'`]+\.js)/g)].map((m) => m[1]),
      ),
    ),
  ];
  if (workers.length !== 1)
    throw new Error(`Expected one training worker in ${assets}, found: ${workers.join(', ') || 'none'}`);
  const worker = workers[0];
  /** The static closure of `entry`, minus `seen`. */
  const closure = (entry, seen = new Set()) => {
    const found = [];
    const visit = (name) => {
      if (seen.has(name)) return;
      seen.add(name);
      found.push(name);
      for (const next of importsOf(read(name)).statics) visit(next);
    };
    visit(entry);
    return found;
  };
  const base = closure(worker);
  for (const name of base) {
    const bundled = Object.entries(BACKEND_SIGNATURES).filter(([, signature]) => read(name).includes(signature));
    if (bundled.length > 0) {
      throw new Error(
        `${name}, which every demo start loads, bundles the ${bundled.map(([b]) => b).join(', ')} backend.`,
      );
    }
  }
  const backendChunks = {};
  for (const chunk of base.flatMap((name) => importsOf(read(name)).dynamics)) {
    const code = read(chunk);
    const matches = Object.entries(BACKEND_SIGNATURES).filter(([, signature]) => code.includes(signature));
    if (matches.length !== 1) {
      throw new Error(
        `The worker loads ${chunk} on demand, which is ${matches.length ? `${matches.length} backends` : 'no backend'}: each backend must be one chunk of its own.`,
      );
    }
    const [backend] = matches[0];
    if (backendChunks[backend])
      throw new Error(`Two chunks hold the ${backend} backend: ${backendChunks[backend]}, ${chunk}`);
    backendChunks[backend] = chunk;
  }
  const wasmFile = (kind) => {
    const found = names.filter((n) => WASM_FILES[kind].test(n));
    if (found.length !== 1) throw new Error(`Expected one ${kind} WASM file in ${assets}, found ${found.length}`);
    return found[0];
  };
  /** The WASM backend's factories, each a chunk it imports on demand: by whether it is threaded. */
  const factories = { plain: [], threaded: [] };
  for (const name of backendChunks.wasm ? importsOf(read(backendChunks.wasm)).dynamics : []) {
    const code = read(name);
    // Both glues name both factories; only the threaded one starts pthreads.
    if (!code.includes('WasmBackendModule')) continue;
    factories[code.includes('_emscripten_thread') ? 'threaded' : 'plain'].push(name);
  }
  if (backendChunks.wasm && factories.plain.length !== 1)
    throw new Error(`Expected the WASM backend to import one factory chunk on demand, found ${factories.plain.length}`);
  // The threaded factory is the glue file itself: a chunk of it would be a second copy.
  if (factories.threaded.length > 0)
    throw new Error(`The threaded WASM factory is bundled as well as served as glue: ${factories.threaded.join(', ')}`);
  const paths = /** @type {Record<TfjsPath, PathBytes>} */ ({});
  for (const path of TFJS_PATHS) {
    const backend = path === 'wasm-threads' ? 'wasm' : path;
    const chunk = backendChunks[backend];
    if (!chunk) throw new Error(`No chunk of the worker holds the ${backend} backend.`);
    const js = [...base, ...closure(chunk, new Set(base))];
    if (path === 'wasm') js.push(...closure(factories.plain[0], new Set(js)));
    const binaries =
      path === 'wasm' ? [wasmFile('simd')] : path === 'wasm-threads' ? [wasmFile('threaded'), wasmFile('glue')] : [];
    const files = [...js, ...binaries].map(bytes);
    const sum = (list) => list.reduce((s, f) => ({ raw: s.raw + f.raw, gzip: s.gzip + f.gzip }), { raw: 0, gzip: 0 });
    paths[path] = {
      files,
      js: sum(files.filter((f) => f.name.endsWith('.js'))),
      wasm: sum(files.filter((f) => f.name.endsWith('.wasm'))),
      total: sum(files),
    };
  }
  const wasmNames = names.filter((n) => n.endsWith('.wasm'));
  return { worker, paths, wasmFiles: wasmNames };
}
