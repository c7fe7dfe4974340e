/**
 * The WASM binaries the site serves keep exactly the kernels the demos call: the list in
 * src/training/wasm-exports.ts is what the registered kernels' setup functions look up, and the cut
 * copies (src/lib/wasm-trim.ts) export those kernels and the whole runtime, and nothing else of the
 * package's kernels. Training on the cut copies is checked by wasm-kernels.test.ts and the long
 * training tests, which load them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  exportsToKeep,
  isKernelExport,
  metadceGraph,
  trimmedWasmDir,
  WASM_BINARIES,
} from '../../../src/lib/wasm-trim.ts';
import { KERNELS } from '../../../src/training/backends/wasm.ts';
import { WASM_KERNEL_EXPORTS } from '../../../src/training/wasm-exports.ts';

const packageDist = join(
  dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')),
  'dist',
);

function exportsOf(file: string): string[] {
  return WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(file))).map((e) => e.name);
}

describe('the kernels the demos call in the WASM binary', () => {
  it('are the names the registered kernels look up, no more and no fewer', () => {
    const looked = new Set<string>();
    const wasm = {
      cwrap: (name: string) => {
        looked.add(name);
        return () => undefined;
      },
    };
    for (const config of KERNELS) config.setupFunc?.({ wasm });
    expect(looked.size).toBeGreaterThan(30);
    expect([...looked].sort()).toEqual([...WASM_KERNEL_EXPORTS].sort());
  });

  it('tells kernels from the runtime by their names', () => {
    for (const kernel of ['Conv2D', '_FusedMatMul', 'SelectV2']) expect(isKernelExport(kernel)).toBe(true);
    for (const runtime of ['init', 'malloc', '__indirect_function_table', 'memory', '_emscripten_thread_init'])
      expect(isKernelExport(runtime)).toBe(false);
  });

  it('refuses a kernel the binary does not have', () => {
    expect(() => exportsToKeep(['init', 'Add'], ['Add', 'Conv9D'])).toThrow(/no export Conv9D/);
    expect(exportsToKeep(['init', 'Add', 'Sub', 'malloc'], ['Add'])).toEqual(['init', 'Add', 'malloc']);
  });

  it('builds a graph in which only the exports kept are reached', () => {
    const graph = metadceGraph(['init', 'Add', 'Sub'], ['init', 'Add']) as {
      name: string;
      root?: boolean;
      reaches?: string[];
      export?: string;
    }[];
    expect(graph.filter((node) => node.root).map((node) => node.reaches)).toEqual([['export:init', 'export:Add']]);
    expect(graph.filter((node) => node.export).map((node) => node.export)).toEqual(['init', 'Add', 'Sub']);
  });
});

describe('the cut binaries', () => {
  const dir = trimmedWasmDir();

  it.each(WASM_BINARIES)('%s keeps the runtime and the demos’ kernels, and drops the rest', (name) => {
    const original = exportsOf(join(packageDist, name));
    const cut = exportsOf(join(dir, name));
    expect(cut.sort()).toEqual(original.filter((e) => !isKernelExport(e) || WASM_KERNEL_EXPORTS.includes(e)).sort());
    expect(original.filter(isKernelExport).length).toBeGreaterThan(WASM_KERNEL_EXPORTS.length + 50);
    // The code only the dropped kernels reached goes with them.
    const before = gzipSync(readFileSync(join(packageDist, name)), { level: 9 }).length;
    const after = gzipSync(readFileSync(join(dir, name)), { level: 9 }).length;
    expect(after / before).toBeLessThan(0.9);
  });

  it('are made once and then reused', () => {
    expect(trimmedWasmDir()).toBe(dir);
    expect(trimmedWasmDir(['Add'])).not.toBe(dir);
  });
});
