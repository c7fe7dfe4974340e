/**
 * The learning-the-identity demo at its page defaults (src/block/identity-experiment.ts): the gap the
 * chapter describes ("about a third") holds at the default seed, with the plain stack's signal intact.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { IDENTITY_DEFAULTS, IdentityExperiment } from '../../../src/block/identity-experiment.ts';
import { activateWasm } from '../../../src/lab/headless.ts';
import * as tf from '../../../src/training/tf.ts';

// WASM, as most readers without a GPU run it (and several times faster than the plain-JS CPU backend).
beforeAll(activateWasm);

describe('learning the identity with the page’s defaults', () => {
  it('ends with the residual stack’s error about a third of the plain stack’s, or less', async () => {
    const run = new IdentityExperiment(tf, IDENTITY_DEFAULTS);
    const scale = await run.signalScale();
    expect(scale.plain / scale.input).toBeGreaterThan(0.5);
    expect(scale.plain / scale.input).toBeLessThan(2);
    const middle = Math.floor(IDENTITY_DEFAULTS.steps / 2);
    for (let s = 0; s < middle; s += 1) run.trainStep();
    const half = await run.losses();
    for (let s = middle; s < IDENTITY_DEFAULTS.steps; s += 1) run.trainStep();
    const end = await run.losses();
    expect(end.plain / end.residual).toBeGreaterThan(2.5);
    expect(end.plain / end.residual).toBeLessThan(4.5);
    // The plain stack has flattened out: its second half improves it by less than a fifth.
    expect(end.plain).toBeGreaterThan(0.8 * half.plain);
    run.dispose();
  }, 600_000);
});
