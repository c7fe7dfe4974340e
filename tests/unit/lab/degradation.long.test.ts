/**
 * The degradation effect itself (He et al. 2015 §4.1-4.2), on the lab's convolutional family at its
 * quick setting (the default's nets at depths 8 and 20, its first 200 steps) with a fixed seed: the
 * deeper plain net ends with at least 1.3 times the shallower one's training loss, the deeper
 * residual net within 1.1 times the shallower one's, the thresholds the lab's default meets at full
 * length (bench/sweeps/README.md).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { QUICK } from '../../../src/lab/config.ts';
import { finalTrainLoss, prepareDataset, runExperiment, type RunRecord } from '../../../src/lab/experiment.ts';
import { activateWasm, loadDatasetFromDisk } from '../../../src/lab/headless.ts';
import * as tf from '../../../src/training/tf.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;

describe('depth degradation, quick configuration', () => {
  let runs: RunRecord[] = [];
  let tensorsBefore = 0;

  beforeAll(async () => {
    await activateWasm();
    expect(tf.getBackend()).toBe('wasm');
    const dataset = prepareDataset(await loadDatasetFromDisk(ROOT, QUICK.dataset), QUICK);
    tensorsBefore = tf.memory().numTensors;
    runs = await runExperiment(tf, dataset, QUICK);
  }, 400_000);

  const loss = (key: string): number => {
    const run = runs.find((r) => r.key === key);
    if (!run) throw new Error(`no run ${key}`);
    return finalTrainLoss(run);
  };

  it('frees every tensor it made', () => {
    // At most one per network: tfjs-core 4.22's MomentumOptimizer.dispose() does not free the
    // learning-rate scalar that its SGD base class keeps (one tensor per optimizer).
    expect(tf.memory().numTensors - tensorsBefore).toBeLessThanOrEqual(runs.length);
  });

  it('records curves, evaluations and a probe of every layer', () => {
    for (const run of runs) {
      expect(run.curve.at(-1)?.step).toBe(QUICK.steps);
      expect(run.evals.length).toBeGreaterThan(2);
      expect(run.probes[0]?.gradNorm).toHaveLength(run.layers.length);
      expect(run.probes[0]?.responseStd).toHaveLength(run.layers.length);
    }
  });

  it('the deeper plain net ends with at least 1.3 times the shallower one’s training loss', () => {
    expect(QUICK.architecture).toBe('conv');
    const [shallow, deep] = QUICK.depths as [number, number];
    expect(loss(`plain-${deep}`)).toBeGreaterThanOrEqual(1.3 * loss(`plain-${shallow}`));
  });

  it('the deeper residual net ends within 1.1 times the shallower one’s, and below the plain net of its depth', () => {
    const [shallow, deep] = QUICK.depths as [number, number];
    expect(loss(`resnet-${deep}`)).toBeLessThanOrEqual(1.1 * loss(`resnet-${shallow}`));
    expect(loss(`resnet-${deep}`)).toBeLessThan(loss(`plain-${deep}`));
  });
});
