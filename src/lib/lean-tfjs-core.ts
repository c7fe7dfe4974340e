/**
 * A Vite plugin for `astro build`: `@tensorflow/tfjs-core` and its `base_side_effects` resolve to
 * src/training/tfjs-core-entry.ts, tfjs-core's index less the model stores and the optimiser
 * registry (see that module). Every importer gets it, TF.js's backends included, so the bundle
 * holds one tfjs-core. `astro dev` keeps the package's own index.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/** The imports that the plugin redirects. */
export const TFJS_CORE_ENTRIES: readonly string[] = [
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-core/dist/index',
  '@tensorflow/tfjs-core/dist/index.js',
  '@tensorflow/tfjs-core/dist/base_side_effects',
  '@tensorflow/tfjs-core/dist/base_side_effects.js',
];

export function leanTfjsCore(): Plugin {
  const entry = fileURLToPath(new URL('../training/tfjs-core-entry.ts', import.meta.url));
  return {
    name: 'tfjs-core-lean',
    enforce: 'pre',
    apply: 'build',
    resolveId(source) {
      return TFJS_CORE_ENTRIES.includes(source) ? entry : null;
    },
  };
}
