/**
 * tfjs-core's entry for the site's browser bundles: astro.config's `leanTfjsCore` plugin
 * (src/lib/lean-tfjs-core.ts) resolves `@tensorflow/tfjs-core` and its `base_side_effects` to this
 * module in a build, as TF.js's own custom bundles replace the package's index. It does what that
 * index does, less what no demo uses and a bundler cannot drop by itself:
 *
 * - the browser platform without its model stores: the package's registers IndexedDB and
 *   localStorage model managers, which keep all of `tf.io` (about 20 KB) in every bundle; the
 *   site never saves a model;
 * - no `registerOptimizers()`, which registers all seven optimizers for deserialisation: the
 *   trainer makes its one optimiser by class (src/training/trainer.ts).
 *
 * Node (tests, the lab's scripts) and `astro dev` use the package as published.
 */
import { getOrMakeEngine } from '@tensorflow/tfjs-core/dist/engine';
import { env } from '@tensorflow/tfjs-core/dist/environment';
import '@tensorflow/tfjs-core/dist/flags';
import { buffer } from '@tensorflow/tfjs-core/dist/ops/buffer';
import { cast } from '@tensorflow/tfjs-core/dist/ops/cast';
import { clone } from '@tensorflow/tfjs-core/dist/ops/clone';
import { print } from '@tensorflow/tfjs-core/dist/ops/print';
import type { Platform } from '@tensorflow/tfjs-core/dist/platforms/platform';
import { isTypedArrayBrowser } from '@tensorflow/tfjs-core/dist/platforms/is_typed_array_browser';
import { setOpHandler } from '@tensorflow/tfjs-core/dist/tensor';

getOrMakeEngine();

/** The package's browser platform (platforms/platform_browser.js) without its model stores. */
class BrowserPlatform implements Platform {
  private encoder: TextEncoder | undefined;

  fetch(path: string, init?: RequestInit): Promise<Response> {
    return fetch(path, init);
  }

  now(): number {
    return performance.now();
  }

  encode(text: string, encoding: string): Uint8Array {
    if (encoding !== 'utf-8' && encoding !== 'utf8') {
      throw new Error(`Browser's encoder only supports utf-8, but got ${encoding}`);
    }
    this.encoder ??= new TextEncoder();
    return this.encoder.encode(text);
  }

  decode(bytes: Uint8Array, encoding: string): string {
    return new TextDecoder(encoding).decode(bytes);
  }

  // The package's version can route timers through window.postMessage (flag USE_SETTIMEOUTCUSTOM,
  // off by default); the demos train in a worker, which has no window.
  setTimeoutCustom(functionRef: () => void, delay: number): void {
    setTimeout(functionRef, delay);
  }

  isTypedArray(a: unknown): a is Float32Array | Int32Array | Uint8Array | Uint8ClampedArray {
    return isTypedArrayBrowser(a);
  }
}

if (env().get('IS_BROWSER')) env().setPlatform('browser', new BrowserPlatform());

setOpHandler({ buffer, cast, clone, print });

export * from '@tensorflow/tfjs-core/dist/base';
