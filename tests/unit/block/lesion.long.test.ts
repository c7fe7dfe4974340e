import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LESION_DEFAULTS, LesionExperiment, type LesionConfig, type LesionCurve } from '../../../src/block/lesion.ts';
import { loadDataset, type Dataset } from '../../../src/training/dataset.ts';
import * as tf from '../../../src/training/tf.ts';
import { chooseBackend, tfActivator } from '../../../src/training/backend.ts';
import { nodeProbe } from '../training/helpers.ts';

/** The site's MNIST files, read from public/data/ through the engine's loader. */
async function mnist(): Promise<Dataset> {
  const root = new URL('../../../public/data/', import.meta.url);
  const fileFetch = ((input: string) => Promise.resolve(new Response(readFileSync(new URL(input))))) as typeof fetch;
  return loadDataset({ baseUrl: root.href, datasetId: 'mnist', fetch: fileFetch });
}

/** Small and seeded, so the test stays short on a shared CPU. */
const SMALL: LesionConfig = {
  ...LESION_DEFAULTS,
  blocks: 4,
  width: 24,
  trainCount: 1600,
  testCount: 400,
};

const drop = (curve: LesionCurve): number[] => curve.deleted.map((d) => curve.intact - d.accuracy);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

let data: Dataset;
const wasmDir = `${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`;

beforeAll(async () => {
  // WASM, through the engine's one backend choice: the plain-JS CPU backend is too slow for BN nets.
  const report = await chooseBackend(
    { requested: 'wasm', notice: null },
    { ...nodeProbe, wasm: () => true },
    tfActivator(tf, wasmDir),
  );
  expect(report.backend).toBe('wasm');
  data = await mnist();
});

describe('the lesion experiment', () => {
  it('deleting a block hurts the residual net far less than the plain net', { timeout: 120_000 }, async () => {
    const before = tf.memory().numTensors;
    const experiment = new LesionExperiment(tf, data, SMALL);
    while (experiment.step < experiment.totalSteps) experiment.trainStep();
    const plain = await experiment.lesion('plain');
    const resnet = await experiment.lesion('resnet');
    // Both nets learn something (chance is 10%), the residual one more in the same steps.
    expect(plain.intact).toBeGreaterThan(0.3);
    expect(resnet.intact).toBeGreaterThan(0.6);
    expect(resnet.deleted).toHaveLength(SMALL.blocks);
    expect(mean(drop(resnet))).toBeLessThan(mean(drop(plain)) / 2);
    experiment.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it(
    'at the demo’s own settings: plain near chance after a deletion, residual a few points down but for its first block',
    {
      timeout: 300_000,
    },
    async () => {
      // why-it-works ("The lesion demo") describes this run in words.
      const experiment = new LesionExperiment(tf, data, LESION_DEFAULTS);
      while (experiment.step < experiment.totalSteps) experiment.trainStep();
      const plain = await experiment.lesion('plain');
      const resnet = await experiment.lesion('resnet');
      expect(mean(plain.deleted.map((d) => d.accuracy))).toBeLessThan(0.3);
      const resnetDrops = drop(resnet);
      expect(mean(resnetDrops.slice(1))).toBeLessThan(0.1);
      expect(Math.max(...resnetDrops)).toBe(resnetDrops[0]);
      experiment.dispose();
    },
  );
});
