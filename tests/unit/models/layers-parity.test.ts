/**
 * The site's layers (src/models/layers.ts, on tfjs-core) against TF.js Layers' namesakes: with the
 * same weights, each gives the same output and the same gradients (for its input and for every
 * weight) to the last bit, in training and in inference; BatchNorm moves its moving averages the
 * same way; and the initialisers draw the same numbers for the same seed. TF.js Layers is here only
 * as the reference: the site does not ship it.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Layer as LayersLayer } from '@tensorflow/tfjs-layers/dist/engine/topology';
import { beforeAll, describe, expect, it } from 'vitest';
import { initializers, type Layer, type Shape } from '../../../src/models/graph.ts';
import {
  Activation,
  Add,
  AveragePooling2D,
  BatchNormalization,
  Conv2D,
  Dense,
  Dropout,
  Flatten,
  GlobalAveragePooling2D,
  MaxPooling2D,
  ZeroPadding2D,
} from '../../../src/models/layers.ts';
import '../../../src/training/gradients.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

interface Case {
  readonly what: string;
  /** Input shapes without the batch (two for an addition). */
  readonly inputs: readonly (readonly number[])[];
  readonly site: () => Layer;
  readonly reference: () => LayersLayer;
}

const conv = (
  name: string,
  filters: number,
  k: number,
  strides: number,
  padding: 'same' | 'valid',
  useBias: boolean,
): Case => ({
  what: `Conv2D ${k}×${k}/${strides} ${padding}${useBias ? '' : ' without bias'}`,
  inputs: [[7, 7, 3]],
  site: () => new Conv2D({ name, filters, kernelSize: k, strides, padding, useBias }),
  reference: () => tfl.layers.conv2d({ filters, kernelSize: k, strides, padding, useBias }),
});

const cases: readonly Case[] = [
  conv('c1', 4, 3, 1, 'same', true),
  conv('c2', 5, 3, 2, 'valid', false),
  conv('c3', 2, 1, 2, 'valid', true),
  {
    what: 'Dense',
    inputs: [[6]],
    site: () => new Dense({ name: 'd', units: 4 }),
    reference: () => tfl.layers.dense({ units: 4 }),
  },
  {
    what: 'BatchNormalization after a convolution',
    inputs: [[4, 4, 3]],
    site: () => new BatchNormalization({ name: 'bn', momentum: 0.9, epsilon: 1e-5 }),
    reference: () => tfl.layers.batchNormalization({ axis: -1, momentum: 0.9, epsilon: 1e-5 }),
  },
  {
    what: 'BatchNormalization after a fully connected layer',
    inputs: [[5]],
    site: () => new BatchNormalization({ name: 'bn1d', momentum: 0.9, epsilon: 1e-5 }),
    reference: () => tfl.layers.batchNormalization({ axis: -1, momentum: 0.9, epsilon: 1e-5 }),
  },
  ...(['relu', 'sigmoid', 'tanh', 'softmax'] as const).map((activation): Case => ({
    what: `Activation ${activation}`,
    inputs: [[3, 3, 4]],
    site: () => new Activation({ name: activation, activation }),
    reference: () => tfl.layers.activation({ activation }),
  })),
  {
    what: 'MaxPooling2D 3/2 same',
    inputs: [[7, 7, 2]],
    site: () => new MaxPooling2D({ name: 'mp', poolSize: 3, strides: 2, padding: 'same' }),
    reference: () => tfl.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }),
  },
  {
    what: 'AveragePooling2D 2/2 valid',
    inputs: [[7, 7, 2]],
    site: () => new AveragePooling2D({ name: 'ap', poolSize: 2, strides: 2, padding: 'valid' }),
    reference: () => tfl.layers.averagePooling2d({ poolSize: 2, strides: 2, padding: 'valid' }),
  },
  {
    what: 'GlobalAveragePooling2D',
    inputs: [[3, 5, 4]],
    site: () => new GlobalAveragePooling2D({ name: 'gap' }),
    reference: () => tfl.layers.globalAveragePooling2d({}),
  },
  {
    what: 'ZeroPadding2D',
    inputs: [[3, 3, 2]],
    site: () => new ZeroPadding2D({ name: 'pad', padding: 2 }),
    reference: () => tfl.layers.zeroPadding2d({ padding: 2 }),
  },
  {
    what: 'Flatten',
    inputs: [[3, 2, 4]],
    site: () => new Flatten({ name: 'flat' }),
    reference: () => tfl.layers.flatten(),
  },
  {
    what: 'Add',
    inputs: [
      [3, 3, 2],
      [3, 3, 2],
    ],
    site: () => new Add({ name: 'add' }),
    reference: () => tfl.layers.add(),
  },
];

/** Output, and the gradients of a fixed weighted sum of it for the inputs and every weight. */
function run(
  apply: (xs: tf.Tensor[]) => tf.Tensor,
  xs: tf.Tensor[],
  weights: readonly tf.Variable[],
): { y: number[]; shape: number[]; gx: number[][]; gw: number[][] } {
  return tf.tidy(() => {
    const y = apply(xs);
    const r = tf.randomNormal(y.shape, 0, 1, 'float32', 11);
    const f = (...args: tf.Tensor[]): tf.Scalar => tf.sum(tf.mul(apply(args), r));
    const gx = tf
      .grads(f)(xs)
      .map((g) => Array.from(g.dataSync()));
    const gw =
      weights.length === 0
        ? []
        : (() => {
            const { grads } = tf.variableGrads(() => f(...xs), [...weights]);
            return weights.map((w) => Array.from(grads[w.name]?.dataSync() ?? []));
          })();
    return { y: Array.from(y.dataSync()), shape: y.shape, gx, gw };
  });
}

describe('each layer computes what its TF.js Layers namesake computes', () => {
  it.each(cases.map((c) => [c.what, c] as const))('%s', (_what, c) => {
    const site = c.site();
    const shapes: Shape[] = c.inputs.map((s) => [null, ...s]);
    const outputShape = site.connect(shapes);
    const reference = c.reference();
    const xs = c.inputs.map((s, i) => tf.randomNormal([3, ...s], 0, 2, 'float32', 5 + i));
    // Build the reference on the same input, then give it the site's weights.
    tf.dispose(reference.apply(xs.length === 1 ? (xs[0] as tf.Tensor) : xs) as tf.Tensor);
    expect(
      reference.computeOutputShape(shapes.length === 1 ? [...(shapes[0] as Shape)] : shapes.map((s) => [...s])),
    ).toEqual(outputShape);
    const values = site.weights.map((w) => tf.randomNormal(w.variable.shape, 0.5, 0.3, 'float32', 7));
    site.weights.forEach((w, i) => w.variable.assign(values[i] as tf.Tensor));
    reference.setWeights(values);
    expect(reference.getWeights().map((w) => w.shape)).toEqual(site.weights.map((w) => w.variable.shape));
    expect(reference.trainableWeights.length).toBe(site.trainableWeights.length);
    const referenceTrainable = reference.trainableWeights.map((w) => w.read() as tf.Variable);
    for (const training of [false, true]) {
      const mine = run((args) => site.apply(args, { training }), xs, site.trainableWeights);
      const theirs = run(
        (args) => reference.apply(args.length === 1 ? (args[0] as tf.Tensor) : args, { training }) as tf.Tensor,
        xs,
        referenceTrainable,
      );
      expect(mine, `training: ${training}`).toEqual(theirs);
      // BatchNorm's moving averages moved (or stayed) alike: four updates so far in training.
      const buffers = (l: readonly tf.Tensor[]) => l.map((t) => Array.from(t.dataSync()));
      expect(buffers(site.nonTrainableWeights)).toEqual(buffers(reference.nonTrainableWeights.map((w) => w.read())));
    }
    tf.dispose([...xs, ...values]);
    site.dispose();
    reference.dispose();
  });

  it('BatchNorm in training moves the moving averages toward the batch moments', () => {
    const bn = new BatchNormalization({ name: 'bn_moves', momentum: 0.9, epsilon: 1e-5 });
    bn.connect([[null, 2]]);
    const x = tf.tensor2d([1, 10, 3, 30], [2, 2]);
    tf.dispose(bn.apply(x, { training: true }));
    const [mean, variance] = bn.nonTrainableWeights.map((v) => Array.from(v.dataSync()));
    expect(mean?.[0]).toBeCloseTo(0.1 * 2);
    expect(mean?.[1]).toBeCloseTo(0.1 * 20);
    expect(variance?.[0]).toBeCloseTo(0.9 * 1 + 0.1 * 1);
    expect(variance?.[1]).toBeCloseTo(0.9 * 1 + 0.1 * 100);
    tf.dispose(bn.apply(x, { training: false }));
    expect(bn.nonTrainableWeights.map((v) => Array.from(v.dataSync()))).toEqual([mean, variance]);
    x.dispose();
    bn.dispose();
  });
});

describe('Dropout', () => {
  it('passes inputs through in inference and drops about its rate in training, with a new mask each step', () => {
    const drop = new Dropout({ name: 'drop', rate: 0.5, seed: 3 });
    drop.connect([[null, 1000]]);
    const x = tf.ones([2, 1000]);
    const same = drop.apply(x, { training: false });
    expect(Array.from(same.dataSync()).every((v) => v === 1)).toBe(true);
    const [a, b] = [drop.apply(x, { training: true }), drop.apply(x, { training: true })] as [tf.Tensor, tf.Tensor];
    const kept = Array.from(a.dataSync()).filter((v) => v !== 0);
    expect(kept.every((v) => v === 2)).toBe(true);
    expect(kept.length / 2000).toBeGreaterThan(0.45);
    expect(kept.length / 2000).toBeLessThan(0.55);
    expect(Array.from(a.dataSync())).not.toEqual(Array.from(b.dataSync()));
    const again = new Dropout({ name: 'drop_again', rate: 0.5, seed: 3 });
    again.connect([[null, 1000]]);
    const a2 = again.apply(x, { training: true });
    expect(Array.from(a2.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, same, a, b, a2]);
  });
});

describe('the initialisers draw what TF.js Layers draws for the same seed', () => {
  const shapes = [
    [3, 3, 4, 8],
    [1, 1, 16, 32],
    [20, 10],
  ] as const;
  it.each(shapes.map((s) => [s.join('×'), s] as const))('%s', (_name, shape) => {
    const pairs: [tf.Tensor, tf.Tensor][] = [
      [initializers.heNormal({ seed: 4 })(shape), tfl.initializers.heNormal({ seed: 4 }).apply([...shape])],
      [initializers.glorotUniform({ seed: 4 })(shape), tfl.initializers.glorotUniform({ seed: 4 }).apply([...shape])],
      [initializers.zeros()(shape), tfl.initializers.zeros().apply([...shape])],
      [initializers.ones()(shape), tfl.initializers.ones().apply([...shape])],
      [initializers.constant({ value: 0.25 })(shape), tfl.initializers.constant({ value: 0.25 }).apply([...shape])],
    ];
    for (const [mine, theirs] of pairs) expect(Array.from(mine.dataSync())).toEqual(Array.from(theirs.dataSync()));
    tf.dispose(pairs.flat());
  });
});
