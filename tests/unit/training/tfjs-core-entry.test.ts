/**
 * tfjs-core's lean entry for the browser build (src/training/tfjs-core-entry.ts) and the plugin that
 * puts it in place (src/lib/lean-tfjs-core.ts): every importer of the package must still find every
 * name the package's index exports, and only the package's entry points are redirected.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { leanTfjsCore, TFJS_CORE_ENTRIES } from '../../../src/lib/lean-tfjs-core.ts';

const ENTRY = fileURLToPath(new URL('../../../src/training/tfjs-core-entry.ts', import.meta.url));

describe('the lean tfjs-core entry', () => {
  it('exports every name of the package index', async () => {
    const [lean, index] = await Promise.all([
      import('../../../src/training/tfjs-core-entry.ts'),
      import('@tensorflow/tfjs-core/dist/index.js'),
    ]);
    const missing = Object.keys(index).filter((name) => !(name in lean));
    expect(missing).toEqual([]);
    expect(Object.keys(lean).length).toBeGreaterThan(400);
  });

  it('is what the build resolves the package and its side effects to, and nothing else', () => {
    const plugin = leanTfjsCore();
    const resolve = plugin.resolveId as (source: string) => string | null;
    expect(plugin.apply).toBe('build');
    for (const id of TFJS_CORE_ENTRIES) expect(resolve(id), id).toBe(ENTRY);
    for (const id of [
      '@tensorflow/tfjs-core/dist/base',
      '@tensorflow/tfjs-core/dist/ops/conv2d',
      '@tensorflow/tfjs-backend-wasm',
      './base_side_effects',
    ]) {
      expect(resolve(id), id).toBeNull();
    }
  });
});
