/**
 * TF.js's WASM binaries, cut down to the kernels the demos call.
 *
 * Each binary of @tensorflow/tfjs-backend-wasm exports every kernel of the package (about 140), and
 * a browser downloads all of their code although the demos call 44 (src/training/wasm-exports.ts).
 * Binaryen's `wasm-metadce` drops the kernel exports outside that list and every function that only
 * they reach; the code the demos run is byte for byte the package's own. The site serves the cut
 * copies (the Vite plugin below) and Node's WASM runs load them too (src/lab/headless.ts), so the
 * long training tests exercise the very binaries a reader gets.
 *
 * The copies are made on first use and kept in node_modules/.cache, keyed by the package's binary,
 * the list and Binaryen's version.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { WASM_KERNEL_EXPORTS } from '../training/wasm-exports.ts';

/** The binaries the package ships: one thread without SIMD, one thread with SIMD, threads with SIMD. */
export const WASM_BINARIES = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
] as const;

/** The WebAssembly features the package's builds use, which Binaryen must accept to read them. */
const FEATURES = [
  '--enable-threads',
  '--enable-simd',
  '--enable-bulk-memory',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-mutable-globals',
];

/**
 * True for an export that is a kernel: TF.js names kernels in PascalCase (`Conv2D`, `_FusedMatMul`).
 * The rest is the runtime the glue needs (`init`, `malloc`, `memory`, `__indirect_function_table`,
 * the pthread entry points) and is always kept.
 */
export function isKernelExport(name: string): boolean {
  return /^_?[A-Z]/.test(name);
}

/** The exports of a binary to keep: every non-kernel export, and the kernels in `kernels`. */
export function exportsToKeep(exports: readonly string[], kernels: readonly string[]): string[] {
  const wanted = new Set(kernels);
  const missing = kernels.filter((k) => !exports.includes(k));
  if (missing.length > 0)
    throw new Error(`TF.js's WASM binary has no export ${missing.join(', ')}: check src/training/wasm-exports.ts.`);
  return exports.filter((name) => !isKernelExport(name) || wanted.has(name));
}

/** The reachability graph `wasm-metadce` reads: the outside world reaches the exports kept. */
export function metadceGraph(exports: readonly string[], keep: readonly string[]): object[] {
  return [
    { name: 'outside', root: true, reaches: keep.map((name) => `export:${name}`) },
    ...exports.map((name) => ({ name: `export:${name}`, export: name })),
  ];
}

const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** Writes `body` to `path` through a temporary name, so a concurrent reader never sees half a file. */
function writeAtomically(path: string, body: Buffer | string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, body);
  renameSync(temporary, path);
}

/** Cuts one binary down to `keep` with Binaryen, and checks that the result is valid and complete. */
function trim(input: string, output: string, kernels: readonly string[]): void {
  const binary = readFileSync(input);
  const exports = WebAssembly.Module.exports(new WebAssembly.Module(binary)).map((e) => e.name);
  const keep = exportsToKeep(exports, kernels);
  const graph = `${output}.${process.pid}.graph.json`;
  const temporary = `${output}.${process.pid}.tmp`;
  writeFileSync(graph, JSON.stringify(metadceGraph(exports, keep)));
  try {
    const metadce = join(packageDir('binaryen'), 'bin', 'wasm-metadce');
    execFileSync(process.execPath, [metadce, input, '--graph-file', graph, '-o', temporary, ...FEATURES], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const trimmed = readFileSync(temporary);
    const left = WebAssembly.Module.exports(new WebAssembly.Module(trimmed)).map((e) => e.name);
    const lost = keep.filter((name) => !left.includes(name));
    if (lost.length > 0) throw new Error(`wasm-metadce dropped exports it was told to keep: ${lost.join(', ')}`);
    renameSync(temporary, output);
  } finally {
    rmSync(graph, { force: true });
    rmSync(temporary, { force: true });
  }
}

/**
 * The folder (ending in `/`) that holds the cut copies of {@link WASM_BINARIES}, made if missing.
 * @param kernels the kernel exports to keep (the demos' list unless a test passes its own)
 */
export function trimmedWasmDir(kernels: readonly string[] = WASM_KERNEL_EXPORTS): string {
  const wasmPackage = packageDir('@tensorflow/tfjs-backend-wasm');
  const binaryenVersion = (
    JSON.parse(readFileSync(join(packageDir('binaryen'), 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const key = createHash('sha256').update(JSON.stringify([binaryenVersion, [...kernels].sort()]));
  for (const name of WASM_BINARIES) key.update(readFileSync(join(wasmPackage, 'dist', name)));
  const dir = join(wasmPackage, '..', '..', '.cache', 'why-resnets-wasm', key.digest('hex').slice(0, 16));
  const done = join(dir, 'complete');
  if (existsSync(done)) return `${dir}/`;
  mkdirSync(dir, { recursive: true });
  for (const name of WASM_BINARIES) trim(join(wasmPackage, 'dist', name), join(dir, name), kernels);
  writeAtomically(done, `${WASM_BINARIES.join('\n')}\n`);
  return `${dir}/`;
}

/** The package's binaries as src/training/wasm-assets.ts imports them. */
const BINARY_IMPORT = /^@tensorflow\/tfjs-backend-wasm\/dist\/(tfjs-backend-wasm(?:-simd|-threaded-simd)?\.wasm)\?url$/;

/** The Vite plugin: an import of a package binary with `?url` gets the cut copy instead. */
export function trimmedWasm(): Plugin {
  let dir: string | undefined;
  return {
    name: 'tfjs-wasm-trimmed',
    enforce: 'pre',
    resolveId(source) {
      const name = BINARY_IMPORT.exec(source)?.[1];
      if (!name) return null;
      dir ??= trimmedWasmDir();
      return `${dir}${name}?url`;
    },
  };
}
