/**
 * The LeNet-5 demo's promise: with the default settings, the zoo model of the preset reaches at
 * least 97% accuracy on the 2,000 held-out MNIST digits. Trains the whole default run (625 steps)
 * on the WASM backend in Node with the same engine code as the browser: about half a minute on a
 * quiet 2-core machine.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSpec } from '../../../src/models/index.ts';
import { buildModel } from '../../../src/models/tfjs-builder.ts';
import { chooseBackend, tfActivator } from '../../../src/training/backend.ts';
import { loadDataset, type Dataset } from '../../../src/training/dataset.ts';
import { LENET_MNIST } from '../../../src/training/presets.ts';
import * as tf from '../../../src/training/tf.ts';
import { TrainingRun } from '../../../src/training/trainer.ts';
import { nodeProbe } from './helpers.ts';

const DATA = join(import.meta.dirname, '../../../public/data');
const wasmDir = `${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`;

const diskFetch: typeof fetch = (input) => {
  const url = input instanceof Request ? input.url : input.toString();
  return Promise.resolve(new Response(readFileSync(join(DATA, new URL(url).pathname.replace('/data/', '')))));
};

const createModel = (seed: number) => buildModel(getSpec(LENET_MNIST.modelId), { seed, logits: true }).model;

describe('LeNet-5 on MNIST with the default settings', () => {
  let dataset: Dataset;
  beforeAll(async () => {
    await chooseBackend(
      { requested: 'wasm', notice: null },
      { ...nodeProbe, wasm: () => true },
      tfActivator(tf, wasmDir),
    );
    dataset = await loadDataset({
      baseUrl: 'http://site.test/data/',
      datasetId: LENET_MNIST.datasetId,
      fetch: diskFetch,
    });
  });

  it('trains the zoo model on WASM: finite loss, flat tensor count after the first step', async () => {
    expect(tf.getBackend()).toBe('wasm');
    const start = tf.memory().numTensors;
    const run = new TrainingRun(tf, createModel, dataset, LENET_MNIST.config);
    run.trainStep();
    const afterWarmUp = tf.memory().numTensors;
    run.trainStep();
    run.trainStep();
    expect(tf.memory().numTensors).toBe(afterWarmUp);
    expect(Number.isFinite((await run.readWindow()).trainLoss)).toBe(true);
    run.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('reaches at least 97% on the 2,000 held-out digits', async () => {
    expect(dataset.test.count).toBe(2000);
    const run = new TrainingRun(tf, createModel, dataset, LENET_MNIST.config);
    const start = performance.now();
    const losses: string[] = [];
    while (run.step < run.totalSteps) {
      run.trainStep();
      if (run.step % run.stepsPerEpoch === 0) losses.push((await run.readWindow()).trainLoss.toFixed(3));
    }
    const accuracy = await run.evaluate();
    const seconds = (performance.now() - start) / 1000;
    run.dispose();
    console.log(
      `LeNet-5 default run (${LENET_MNIST.modelId}, ${run.totalSteps} steps, WASM in Node): training loss by epoch ${losses.join(', ')}; ` +
        `test accuracy ${(accuracy * 100).toFixed(2)}% in ${seconds.toFixed(1)} s`,
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.97);
  }, 600_000);
});
