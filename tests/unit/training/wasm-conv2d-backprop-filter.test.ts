import * as tf from '../../../src/training/tf.ts';
import '@tensorflow/tfjs-backend-cpu';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tfActivator } from '../../../src/training/backend.ts';

const wasmDir = `${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`;
const activate = tfActivator(tf, wasmDir);

type Pad = 'valid' | 'same' | number;
interface Case {
  readonly name: string;
  readonly x: [number, number, number, number];
  readonly filter: [number, number, number, number];
  readonly stride: number;
  readonly pad: Pad;
}

const cases: readonly Case[] = [
  { name: 'LeNet C1: 5x5 valid, stride 1', x: [4, 32, 32, 1], filter: [5, 5, 1, 6], stride: 1, pad: 'valid' },
  { name: 'LeNet C3: 5x5 valid on 6 channels', x: [3, 14, 14, 6], filter: [5, 5, 6, 16], stride: 1, pad: 'valid' },
  { name: '3x3 same, stride 2, odd size', x: [2, 9, 7, 3], filter: [3, 3, 3, 4], stride: 2, pad: 'same' },
  { name: '1x1 projection, stride 2', x: [2, 8, 8, 4], filter: [1, 1, 4, 8], stride: 2, pad: 'valid' },
  { name: '3x3 explicit pad 1', x: [2, 6, 6, 2], filter: [3, 3, 2, 3], stride: 1, pad: 1 },
];

/** The filter gradient of conv2d(x, w) against upstream gradient dy, on the current backend. */
async function filterGradient(c: Case, seed: number): Promise<Float32Array> {
  const x = tf.randomNormal(c.x, 0, 1, 'float32', seed);
  const w = tf.randomNormal(c.filter, 0, 1, 'float32', seed + 1);
  const y = tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, c.stride, c.pad);
  const dy = tf.randomNormal(y.shape, 0, 1, 'float32', seed + 2);
  const grad = tf.grad((filter: tf.Tensor) => tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, c.stride, c.pad))(
    w,
    dy,
  );
  const values = (await grad.data()) as Float32Array;
  tf.dispose([x, w, y, dy, grad]);
  return values;
}

describe('WASM Conv2DBackpropFilter kernel', () => {
  it.each(cases)('matches the CPU backend: $name', async (c) => {
    await activate('cpu');
    const expected = await filterGradient(c, 7);
    await activate('wasm');
    const before = tf.memory().numTensors;
    const actual = await filterGradient(c, 7);
    expect(tf.memory().numTensors).toBe(before);
    expect(actual.length).toBe(expected.length);
    let worst = 0;
    for (let i = 0; i < actual.length; i += 1) {
      worst = Math.max(worst, Math.abs((actual[i] ?? 0) - (expected[i] ?? 0)) / (1 + Math.abs(expected[i] ?? 0)));
    }
    expect(worst).toBeLessThan(1e-4);
  });
});
