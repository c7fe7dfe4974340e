import { beforeAll, describe, expect, it } from 'vitest';
import {
  IDENTITY_DEFAULTS,
  IdentityExperiment,
  identityJob,
  type IdentityConfig,
  type IdentityPoint,
} from '../../../src/block/identity-experiment.ts';
import { JobDriver } from '../../../src/training/driver.ts';
import * as tf from '../../../src/training/tf.ts';
import { useCpu } from '../training/helpers.ts';

beforeAll(useCpu);

/** A smaller run than the page's, so the test stays short on a shared CPU. */
const SMALL: IdentityConfig = { ...IDENTITY_DEFAULTS, blocks: 4, samples: 64, steps: 60, seed: 3 };

describe('learning the identity', () => {
  it('keeps the plain stack’s signal at the size of its input at initialisation', async () => {
    for (const config of [SMALL, IDENTITY_DEFAULTS]) {
      const run = new IdentityExperiment(tf, config);
      const scale = await run.signalScale();
      // No vanishing signal: whatever the plain stack fails to learn, its output is not tiny.
      expect(scale.plain / scale.input).toBeGreaterThan(0.5);
      expect(scale.plain / scale.input).toBeLessThan(2);
      // The residual stack adds each branch to its input, so its signal grows block by block.
      expect(scale.residual).toBeGreaterThan(scale.plain);
      run.dispose();
    }
  });

  it('with a fixed seed, the residual loss falls below the plain one', async () => {
    const before = tf.memory().numTensors;
    const run = new IdentityExperiment(tf, SMALL);
    const start = await run.losses();
    for (let s = 0; s < SMALL.steps; s += 1) run.trainStep();
    const end = await run.losses();
    expect(end.step).toBe(SMALL.steps);
    // The residual stack starts behind (its signal has grown) and ends well ahead.
    expect(start.residual).toBeGreaterThan(start.plain);
    expect(end.residual).toBeLessThan(end.plain / 1.5);
    expect(end.residual).toBeLessThan(start.residual / 10);

    // No tensor leaks per step, and dispose frees everything.
    const afterWarmup = tf.memory().numTensors;
    run.trainStep();
    await run.losses();
    expect(tf.memory().numTensors).toBe(afterWarmup);
    run.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is reproducible: the same seed gives the same losses', async () => {
    const a = new IdentityExperiment(tf, { ...SMALL, steps: 3 });
    const b = new IdentityExperiment(tf, { ...SMALL, steps: 3 });
    for (let s = 0; s < 3; s += 1) {
      a.trainStep();
      b.trainStep();
    }
    expect(await a.losses()).toEqual(await b.losses());
    a.dispose();
    b.dispose();
  });
});

describe('learning the identity as a job of the driver', () => {
  it('reads the losses at step 0, every 5 steps and at the end, and frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const points: number[] = [];
    const driver = new JobDriver<IdentityPoint>(() => Promise.resolve(), {
      measured: (_key, p) => points.push(p.step),
    });
    expect(await driver.run([['identity', identityJob(new IdentityExperiment(tf, { ...SMALL, steps: 12 }))]])).toBe(
      'finished',
    );
    expect(points).toEqual([0, 5, 10, 12]);
    driver.clear();
    expect(tf.memory().numTensors).toBe(before);
  });
});
