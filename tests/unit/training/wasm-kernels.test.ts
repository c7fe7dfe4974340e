import * as tf from '../../../src/training/tf.ts';
// Ops the engine does not use (src/training/tf.ts names only those), from the same tfjs-core.
import * as core from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// The plain convolution and its gradients, the reference here; the demos run the fused one.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { describe, expect, it } from 'vitest';
import { trimmedWasmDir } from '../../../src/lib/wasm-trim.ts';
import { tfActivator } from '../../../src/training/backend.ts';
import { spreadInto, tileInto } from '../../../src/training/wasm-kernels.ts';

// The binaries the site serves, cut down to the demos' kernels (src/lib/wasm-trim.ts).
const activate = tfActivator(tf, trimmedWasmDir());

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

/** The gradient of conv2d(x, w) with respect to the filter or the input, on the current backend. */
async function convGradient(c: Case, seed: number, wrt: 'filter' | 'input'): Promise<Float32Array> {
  const x = tf.randomNormal(c.x, 0, 1, 'float32', seed);
  const w = tf.randomNormal(c.filter, 0, 1, 'float32', seed + 1);
  const y = tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, c.stride, c.pad);
  const dy = tf.randomNormal(y.shape, 0, 1, 'float32', seed + 2);
  const grad =
    wrt === 'filter'
      ? core.grad((filter: tf.Tensor) => tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, c.stride, c.pad))(w, dy)
      : core.grad((input: tf.Tensor) => tf.conv2d(input as tf.Tensor4D, w as tf.Tensor4D, c.stride, c.pad))(x, dy);
  const values = (await grad.data()) as Float32Array;
  tf.dispose([x, w, y, dy, grad]);
  return values;
}

/** Largest difference relative to 1 + |expected|. */
function worstError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i += 1) {
    worst = Math.max(worst, Math.abs((actual[i] ?? 0) - (expected[i] ?? 0)) / (1 + Math.abs(expected[i] ?? 0)));
  }
  return worst;
}

/** `compute` on the CPU backend, then on WASM (leaking no tensor there); both results. */
async function onBoth<T>(compute: () => Promise<T>): Promise<{ expected: T; actual: T }> {
  await activate('cpu');
  const expected = await compute();
  await activate('wasm');
  const before = tf.memory().numTensors;
  const actual = await compute();
  expect(tf.memory().numTensors).toBe(before);
  return { expected, actual };
}

describe('WASM Conv2DBackpropFilter kernel', () => {
  it.each(cases)('matches the CPU backend: $name', async (c) => {
    const { expected, actual } = await onBoth(() => convGradient(c, 7, 'filter'));
    expect(worstError(actual, expected)).toBeLessThan(1e-4);
  });
});

describe('WASM Conv2DBackpropInput kernel (one Conv2D of dy, spread out at stride 2)', () => {
  const inputCases: readonly Case[] = [
    ...cases,
    { name: 'lab 3x3 same on 7x7, 8 channels', x: [4, 7, 7, 8], filter: [3, 3, 8, 8], stride: 1, pad: 'same' },
    { name: '3x3 same, even size, widening', x: [2, 4, 4, 8], filter: [3, 3, 8, 16], stride: 1, pad: 'same' },
    { name: '2x4 filter, valid, non-square', x: [2, 6, 9, 3], filter: [2, 4, 3, 5], stride: 1, pad: 'valid' },
    {
      name: 'lab downsampling: 3x3 same, stride 2, 7x7',
      x: [3, 7, 7, 8],
      filter: [3, 3, 8, 16],
      stride: 2,
      pad: 'same',
    },
    { name: '3x3 same, stride 2, even size', x: [2, 8, 8, 4], filter: [3, 3, 4, 8], stride: 2, pad: 'same' },
    { name: '3x3 valid, stride 2, rows left over', x: [2, 8, 9, 2], filter: [3, 3, 2, 3], stride: 2, pad: 'valid' },
  ];
  it.each(inputCases)('matches the CPU backend: $name', async (c) => {
    const { expected, actual } = await onBoth(() => convGradient(c, 11, 'input'));
    expect(worstError(actual, expected)).toBeLessThan(1e-4);
  });
});

describe('spreadInto', () => {
  it('puts stride - 1 zeros between rows and columns, channels kept together', () => {
    const out = new Float32Array(3 * 5 * 2).fill(9);
    spreadInto(Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), [1, 2, 3, 2], [2, 2], out);
    // prettier-ignore
    expect(Array.from(out)).toEqual([
      1, 2, 0, 0, 3, 4, 0, 0, 5, 6,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      7, 8, 0, 0, 9, 10, 0, 0, 11, 12,
    ]);
  });
});

describe('WASM Tile kernel', () => {
  const tileCases: readonly { shape: number[]; reps: number[]; dtype: 'float32' | 'int32' }[] = [
    { shape: [1, 1, 1, 8], reps: [64, 7, 7, 1], dtype: 'float32' },
    { shape: [3], reps: [4], dtype: 'int32' },
    { shape: [2, 3], reps: [2, 1], dtype: 'float32' },
    { shape: [2, 3], reps: [1, 3], dtype: 'int32' },
    { shape: [2, 1, 3], reps: [3, 2, 2], dtype: 'float32' },
    { shape: [2, 2, 1, 2, 1], reps: [1, 2, 3, 1, 2], dtype: 'float32' },
  ];
  it.each(tileCases)('matches the CPU backend: $shape tiled $reps ($dtype)', async ({ shape, reps, dtype }) => {
    const { expected, actual } = await onBoth(async () => {
      const size = shape.reduce((a, b) => a * b, 1);
      const x = tf.tensor(
        Array.from({ length: size }, (_, i) => i * 3 - 5),
        shape,
        dtype,
      );
      const y = core.tile(x, reps);
      const out = { shape: y.shape, values: Array.from(await y.data()) };
      tf.dispose([x, y]);
      return out;
    });
    expect(actual.shape).toEqual(expected.shape);
    expect(actual.values).toEqual(expected.values);
  });

  it('tiles in place without overwriting blocks not yet copied', () => {
    const out = new Float32Array(2 * 3 * 2);
    tileInto(Float32Array.of(1, 2, 3), [1, 3], [2, 2], out);
    expect(Array.from(out)).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3]);
    const col = new Int32Array(6);
    tileInto(Int32Array.of(7, 8), [2, 1], [1, 3], col);
    expect(Array.from(col)).toEqual([7, 7, 7, 8, 8, 8]);
  });
});
