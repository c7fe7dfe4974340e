import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  importFactoriesOnDemand,
  isWasmBackendModule,
  rewriteThreadedGlue,
  THREADED_FACTORY,
  threadedGlueFile,
  threadedGluePath,
} from '../../../src/lib/wasm-threads.ts';
import { describeWasmThreads } from '../../../src/training/backend.ts';

const require = createRequire(import.meta.url);
const backendModule = join(
  dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')),
  'dist',
  'backend_wasm.js',
);

describe('the threaded WASM glue rewrite', () => {
  const source = readFileSync(backendModule, 'utf8');

  it('recognises the installed backend module', () => {
    expect(isWasmBackendModule(backendModule)).toBe(true);
    expect(isWasmBackendModule(backendModule.replace('backend_wasm', 'backend_webgl'))).toBe(false);
  });

  it('hands the threads the glue file instead of the bundled factory source', () => {
    const out = rewriteThreadedGlue(source, 'glueUrl', backendModule);
    expect(out).not.toContain('wasmFactoryThreadedSimd.toString()');
    expect(out).toContain('factoryConfig.mainScriptUrlOrBlob = new URL(glueUrl, self.location.href).href;');
    // Nothing else changes: the threads still start from TF.js's own worker script.
    expect(out.length - source.length).toBeLessThan(0);
    expect(out).toContain('URL.createObjectURL(blob)');
  });

  it('names the glue the package ships, which defines the factory the threads call', () => {
    const glue = readFileSync(threadedGluePath(backendModule), 'utf8');
    expect(glue).toMatch(/^\s*var WasmBackendModuleThreadedSimd = /);
  });

  it('fails loudly when the statement is gone (a new TF.js version)', () => {
    expect(() => rewriteThreadedGlue('export const x = 1;', 'u', 'backend_wasm.js')).toThrow(
      /backend_wasm\.js: the threaded-build statement .* is not there/,
    );
  });
});

describe('the glue file the site serves', () => {
  const glue = readFileSync(threadedGluePath(backendModule), 'utf8');
  const file = threadedGlueFile(glue);

  it('is the package glue minified, under its own name', () => {
    expect(file.startsWith(`var ${THREADED_FACTORY}=`)).toBe(true);
    expect(file.length).toBeLessThan(glue.length * 0.7);
    expect(file).toContain('_emscripten_thread');
  });

  it('as the threads load it (a classic script), defines the factory they call by name', () => {
    const scope: Record<string, unknown> = {};
    runInNewContext(file, scope);
    expect(typeof scope[THREADED_FACTORY]).toBe('function');
  });

  it('run in strict mode, as init() imports it (a module), puts the factory on globalThis', () => {
    const scope: Record<string, unknown> = {};
    // A module's top-level var is its own; only the added statement can reach the global.
    runInNewContext(`'use strict';\n(() => {\n${file}\n})();`, scope);
    expect(typeof scope[THREADED_FACTORY]).toBe('function');
    expect(() => transformSync(file, { format: 'esm', loader: 'js' })).not.toThrow();
  });

  it('fails loudly when the glue no longer defines the factory at its top (a new TF.js version)', () => {
    expect(() => threadedGlueFile('var SomethingElse = 1;')).toThrow(/no longer starts with/);
  });
});

describe('the factories imported on demand', () => {
  const source = readFileSync(backendModule, 'utf8');
  const out = importFactoriesOnDemand(rewriteThreadedGlue(source, 'glueUrl', backendModule), backendModule, 'glueUrl');

  it('imports neither factory up front, and the one init() calls when it is called', () => {
    expect(out).not.toMatch(/^import .*wasm-out\/tfjs-backend-wasm(-threaded-simd)?\.js/m);
    const lazy = [...out.matchAll(/await import\('\.\.\/wasm-out\/(tfjs-backend-wasm[\w-]*)\.js'\)/g)].map((m) => m[1]);
    // The one-thread factory as a module of the package; the threaded one is the glue file.
    expect(lazy).toEqual(['tfjs-backend-wasm']);
    const init = out.slice(out.indexOf('export async function init()'));
    expect(init.indexOf('await import(')).toBeGreaterThan(init.indexOf("getAsync('WASM_HAS_MULTITHREAD_SUPPORT')"));
    // The threaded factory under the package's own condition for calling it, after the feature
    // tests: the glue file the threads load, imported from the same address, once.
    expect(init).toContain(
      `if (threadsSupported && simdSupported && wasmPath == null) {
        if (wasmFactoryThreadedSimd === undefined) {
            await import(/* @vite-ignore */ new URL(glueUrl, self.location.href).href);
            wasmFactoryThreadedSimd = globalThis.${THREADED_FACTORY};`,
    );
    expect(init).toContain('factoryConfig.mainScriptUrlOrBlob = new URL(glueUrl, self.location.href).href;');
    expect(init).toContain('wasm = wasmFactoryThreadedSimd(factoryConfig);');
    expect(init).toContain('wasm = wasmFactory(factoryConfig);');
  });

  it('is still a valid ES module', () => {
    expect(() => transformSync(out, { format: 'esm', loader: 'js' })).not.toThrow();
  });

  it('fails loudly when the imports are not as expected (a new TF.js version)', () => {
    expect(() => importFactoriesOnDemand('export const x = 1;', 'backend_wasm.js', 'u')).toThrow(
      /backend_wasm\.js: the factory imports .* are not as expected/,
    );
  });
});

describe('describeWasmThreads', () => {
  it('counts threads, and says why there is only one', () => {
    expect(describeWasmThreads(4, true)).toBe('WebAssembly, 4 threads');
    expect(describeWasmThreads(1, true)).toBe('WebAssembly, one thread (TF.js runs one per two logical cores)');
    expect(describeWasmThreads(1, false)).toBe('WebAssembly, one thread (page not cross-origin isolated)');
  });
});
