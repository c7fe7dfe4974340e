/**
 * The one-thread binary without SIMD, which browsers lacking WebAssembly SIMD fetch, still runs a
 * training step once cut down (src/lib/wasm-trim.ts): the other binaries are checked wherever Node
 * or Chromium trains on WASM, this one only here. The SIMD binaries are given a path that does not
 * exist, so a run that reached for them would fail.
 */
import * as tf from '../../../src/training/tf.ts';
import * as core from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// The plain convolution's gradients; the demos run the fused one.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { trimmedWasmDir } from '../../../src/lib/wasm-trim.ts';
import { tfActivator } from '../../../src/training/backend.ts';
// Registers the WASM backend's flags, so that SIMD can be turned off before it starts.
import '../../../src/training/backends/wasm.ts';

const missing = join(trimmedWasmDir(), 'absent');
const activate = tfActivator(tf, {
  'tfjs-backend-wasm.wasm': `${trimmedWasmDir()}tfjs-backend-wasm.wasm`,
  'tfjs-backend-wasm-simd.wasm': `${missing}/tfjs-backend-wasm-simd.wasm`,
  'tfjs-backend-wasm-threaded-simd.wasm': `${missing}/tfjs-backend-wasm-threaded-simd.wasm`,
});

/** Loss and weight gradients of a small convnet step: convolution, ReLU, max-pool, dense, softmax. */
async function step(): Promise<number[][]> {
  const results = tf.tidy(() => {
    const x = tf.randomNormal([4, 12, 12, 1], 0, 1, 'float32', 1);
    const labels = core.oneHot(core.tensor1d([0, 1, 2, 1], 'int32'), 3);
    const w1 = tf.randomNormal([3, 3, 1, 4], 0, 0.5, 'float32', 2);
    const w2 = tf.randomNormal([5 * 5 * 4, 3], 0, 0.2, 'float32', 3);
    const loss = (a: tf.Tensor, b: tf.Tensor) => {
      const h = core.maxPool(core.relu(tf.conv2d(x as tf.Tensor4D, a as tf.Tensor4D, 1, 'valid')), 2, 2, 'valid');
      const logits = core.matMul(core.reshape(h, [4, 5 * 5 * 4]), b);
      return core.losses.softmaxCrossEntropy(labels, logits);
    };
    const { value, grads } = core.valueAndGrads(loss)([w1, w2]);
    return [value, ...grads];
  });
  const values = await Promise.all(results.map(async (t) => Array.from(await t.data())));
  tf.dispose(results);
  return values;
}

it('the cut binary without SIMD trains a convnet step as the CPU backend does', async () => {
  await activate('cpu');
  const expected = await step();
  tf.env().set('WASM_HAS_SIMD_SUPPORT', false);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await activate('wasm');
  expect(tf.getBackend()).toBe('wasm');
  const actual = await step();
  for (const [i, values] of actual.entries()) {
    const reference = expected[i] ?? [];
    expect(values.length).toBe(reference.length);
    const worst = Math.max(
      ...values.map((v, j) => Math.abs(v - (reference[j] ?? 0)) / (1 + Math.abs(reference[j] ?? 0))),
    );
    expect(worst).toBeLessThan(1e-4);
  }
});
