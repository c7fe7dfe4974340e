/**
 * The loss-surface slice (Li et al. 2018): filter-normalised directions, the centre of the grid is
 * the trained model, the same seed gives the same surface, weights come back and no tensor leaks.
 */
import type { Model } from '../../../src/models/graph.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { cifarSpec } from '../../../src/models/index.ts';
import { buildModel } from '../../../src/models/tfjs-builder.ts';
import {
  alphaSlice,
  centreLoss,
  computeSurface,
  filterNormalizedDirection,
  localMinima,
  roughness,
  surfaceAxis,
  validateSurfaceOptions,
  type Surface,
  type SurfaceBatch,
} from '../../../src/training/loss-surface.ts';
import * as tf from '../../../src/training/tf.ts';
// Ops the engine does not use (src/training/tf.ts names only those), from the same tfjs-core.
import * as core from '@tensorflow/tfjs-core';
import { useCpu } from './helpers.ts';

beforeAll(useCpu);

/** A CIFAR-style ResNet-8 of width 2 on 8×8 single-channel images, and a fixed batch of 24. */
function fixture(): { model: Model; batch: SurfaceBatch } {
  const spec = cifarSpec({ family: 'resnet', n: 1, inputSize: 8, inputChannels: 1, baseWidth: 2, classes: 3 });
  const { model } = buildModel(spec, { seed: 3 });
  const images = tf.randomUniform<tf.Rank.R4>([24, 8, 8, 1], 0, 1, 'float32', 5);
  const labels = tf.tensor1d(
    Array.from({ length: 24 }, (_, i) => i % 3),
    'int32',
  );
  return { model, batch: { images, labels } };
}

/** Mean cross-entropy of the model as it stands, computed independently of the module. */
async function modelLoss(model: Model, batch: SurfaceBatch): Promise<number> {
  const loss = tf.tidy(() => {
    const p = model.apply(batch.images, { training: false }) as tf.Tensor2D;
    const picked = tf.sum(tf.mul(tf.oneHot(batch.labels, 3), p), -1);
    return tf.mean(tf.neg(tf.log(picked)));
  });
  const value = (await loss.data())[0] ?? Number.NaN;
  loss.dispose();
  return value;
}

/** A surface from a function, for the roughness measures. */
function surfaceOf(resolution: number, f: (a: number, b: number) => number): Surface {
  const axis = surfaceAxis(resolution, 1);
  return { resolution, range: 1, seed: 0, axis, loss: axis.flatMap((b) => axis.map((a) => f(a, b))) };
}

describe('filterNormalizedDirection', () => {
  it('gives every filter of every kernel the norm of the model’s filter, and biases and BN zero', async () => {
    const { model, batch } = fixture();
    const weights = model.trainableWeights;
    const direction = filterNormalizedDirection(tf, weights, 11);
    let kernels = 0;
    for (const [k, w] of weights.entries()) {
      const d = direction[k] as tf.Tensor;
      expect(d.shape).toEqual(w.shape);
      if (w.rank < 2) {
        expect(Math.max(...(await core.abs(d).data()))).toBe(0);
        continue;
      }
      kernels += 1;
      const axes = Array.from({ length: w.rank - 1 }, (_, i) => i);
      const norms = (t: tf.Tensor) => tf.tidy(() => tf.sqrt(tf.sum(tf.square(t), axes)));
      const [wn, dn] = await Promise.all([norms(w).data(), norms(d).data()]);
      for (let i = 0; i < wn.length; i += 1) expect(dn[i]).toBeCloseTo(wn[i] ?? Number.NaN, 4);
    }
    expect(kernels).toBeGreaterThanOrEqual(8);
    tf.dispose([...direction, batch.images, batch.labels]);
    model.dispose();
  });
});

describe('computeSurface', () => {
  it('puts the trained model at the centre, repeats with the same seed, restores the weights and leaks nothing', async () => {
    const { model, batch } = fixture();
    const before = await Promise.all(model.trainableWeights.map((w) => w.data()));
    const own = await modelLoss(model, batch);
    const tensors = tf.memory().numTensors;
    const progress: number[] = [];
    const options = { resolution: 5, range: 1, seed: 7 };
    const first = await computeSurface(tf, model, batch, options, { onProgress: (p) => progress.push(p.done) });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(centreLoss(first)).toBeCloseTo(own, 5);
    expect(progress).toEqual([5, 10, 15, 20, 25]);
    expect(first.loss).toHaveLength(25);
    expect(alphaSlice(first)).toHaveLength(5);
    // The slice moves away from the trained weights: the corners differ from the centre.
    expect(Math.abs((first.loss[0] ?? 0) - own)).toBeGreaterThan(1e-4);

    const again = await computeSurface(tf, model, batch, options);
    expect(again.loss).toEqual(first.loss);
    const other = await computeSurface(tf, model, batch, { ...options, seed: 8 });
    expect(other.loss).not.toEqual(first.loss);

    const after = await Promise.all(model.trainableWeights.map((w) => w.data()));
    expect(after).toEqual(before);
    tf.dispose([batch.images, batch.labels]);
    model.dispose();
  });

  it('restores the weights when cancelled between rows', async () => {
    const { model, batch } = fixture();
    const before = await Promise.all(model.trainableWeights.map((w) => w.data()));
    const tensors = tf.memory().numTensors;
    const cancelled = computeSurface(
      tf,
      model,
      batch,
      { resolution: 3, range: 1, seed: 1 },
      { yieldBetweenRows: () => Promise.reject(new Error('cancelled')) },
    );
    await expect(cancelled).rejects.toThrow('cancelled');
    expect(await Promise.all(model.trainableWeights.map((w) => w.data()))).toEqual(before);
    expect(tf.memory().numTensors).toBe(tensors);
    tf.dispose([batch.images, batch.labels]);
    model.dispose();
  });

  it('rejects settings it cannot draw, naming the setting', () => {
    expect(() => validateSurfaceOptions({ resolution: 4, range: 1, seed: 1 })).toThrow(/resolution/);
    expect(() => validateSurfaceOptions({ resolution: 21, range: 0, seed: 1 })).toThrow(/range/);
    expect(() => validateSurfaceOptions({ resolution: 21, range: 1, seed: 0.5 })).toThrow(/seed/);
  });
});

describe('roughness and local minima', () => {
  it('tell a smooth bowl from a bumpy one', () => {
    const bowl = surfaceOf(21, (a, b) => 1 + a * a + b * b);
    const bumpy = surfaceOf(21, (a, b) => 1 + a * a + b * b + 0.3 * Math.sin(25 * a) * Math.cos(23 * b) + 0.3);
    expect(roughness(bowl)).toBeLessThan(0.3);
    expect(roughness(bumpy)).toBeGreaterThan(3 * roughness(bowl));
    expect(localMinima(bowl)).toBe(1);
    expect(localMinima(bumpy)).toBeGreaterThan(5);
  });
});
