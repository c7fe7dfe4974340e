/**
 * The LeNet-5 demo's promise: with the default settings, the zoo's modern LeNet-5 reaches at least
 * 97% accuracy on the held-out MNIST digits. Trains the full default run on the WASM backend in
 * Node with the same engine code as the browser (about a minute on a free core), so it runs only
 * with LENET_ACCURACY=1; a three-step smoke test always runs.
 *
 *   LENET_ACCURACY=1 npx vitest run tests/unit/training/lenet-accuracy.test.ts
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getSpec } from '../../../src/models/index.ts';
import { buildModel } from '../../../src/models/tfjs-builder.ts';
import { chooseBackend, tfActivator } from '../../../src/training/backend.ts';
import { loadDataset } from '../../../src/training/dataset.ts';
import { LENET_MNIST } from '../../../src/training/presets.ts';
import * as tf from '../../../src/training/tf.ts';
import { TrainingRun } from '../../../src/training/trainer.ts';
import { nodeProbe } from './helpers.ts';

const DATA = join(import.meta.dirname, '../../../public/data');
const wasmDir = `${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`;

const diskFetch = ((input: RequestInfo | URL) =>
  Promise.resolve(new Response(readFileSync(join(DATA, new URL(input instanceof Request ? input.url : input.toString()).pathname.replace('/data/', '')))))) as typeof fetch;

async function trainLenet(epochs: number): Promise<{ accuracy: number; seconds: number; curve: string[] }> {
  await chooseBackend({ requested: 'wasm', notice: null }, { ...nodeProbe, wasm: () => true }, tfActivator(tf, wasmDir));
  const dataset = await loadDataset({ baseUrl: 'http://site.test/data/', datasetId: LENET_MNIST.datasetId, fetch: diskFetch });
  const spec = getSpec(LENET_MNIST.modelId);
  const run = new TrainingRun(tf, (seed) => buildModel(spec, { seed, logits: true }), dataset, { ...LENET_MNIST.config, epochs });
  const start = performance.now();
  const curve: string[] = [];
  while (run.step < run.totalSteps) {
    run.trainStep();
    if (run.step % run.stepsPerEpoch === 0) {
      const window = await run.readWindow();
      console.log(`epoch ${run.epoch}: ${((performance.now() - start) / 1000).toFixed(0)} s`);
      curve.push(`epoch ${run.epoch}: loss ${window.trainLoss.toFixed(3)}, test ${(await run.evaluate()).toFixed(4)}`);
    }
  }
  const accuracy = await run.evaluate();
  const seconds = (performance.now() - start) / 1000;
  run.dispose();
  return { accuracy, seconds, curve };
}

describe('LeNet-5 on MNIST with the default settings', () => {
  it('trains the zoo model on WASM: finite loss, flat tensor count after the first step', async () => {
    await chooseBackend({ requested: 'wasm', notice: null }, { ...nodeProbe, wasm: () => true }, tfActivator(tf, wasmDir));
    const dataset = await loadDataset({ baseUrl: 'http://site.test/data/', datasetId: LENET_MNIST.datasetId, fetch: diskFetch });
    const start = tf.memory().numTensors;
    const run = new TrainingRun(tf, (seed) => buildModel(getSpec(LENET_MNIST.modelId), { seed, logits: true }), dataset, LENET_MNIST.config);
    run.trainStep();
    const afterWarmUp = tf.memory().numTensors;
    run.trainStep();
    run.trainStep();
    expect(tf.memory().numTensors).toBe(afterWarmUp);
    expect(Number.isFinite((await run.readWindow()).trainLoss)).toBe(true);
    run.dispose();
    expect(tf.memory().numTensors).toBe(start);
  }, 120_000);

  it.runIf(process.env['LENET_ACCURACY'] === '1')('reaches at least 97% on the held-out digits', async () => {
    const { accuracy, seconds, curve } = await trainLenet(LENET_MNIST.config.epochs);
    console.log(`${curve.join('\n')}\nLeNet-5 default run: test accuracy ${(accuracy * 100).toFixed(2)}% in ${seconds.toFixed(1)} s (WASM, Node)`);
    expect(accuracy).toBeGreaterThanOrEqual(0.97);
  }, 1_200_000);
});
