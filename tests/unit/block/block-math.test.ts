import { describe, expect, it } from 'vitest';
import { litBy } from '../../../src/block/block-diagram.ts';
import {
  DEFAULT_SETTINGS,
  identityBreaks,
  identityError,
  identityStatus,
  makeBlockBase,
  makeBlockInput,
  runBlock,
  type BlockSettings,
} from '../../../src/block/block-math.ts';

const WIDTH = 8;
const BATCH = 4;
const base = makeBlockBase(WIDTH, 7);
const nonNegative = makeBlockInput(BATCH, WIDTH, 11, true);
const withNegatives = makeBlockInput(BATCH, WIDTH, 11, false);
const zeroSecond: BlockSettings = { ...DEFAULT_SETTINGS, weightScale2: 0, biasScale2: 0 };

describe('the living equation: a^[l+2] = g(z^[l+2] + a^[l])', () => {
  it('seeded inputs are reproducible and the non-negative one really is', () => {
    expect(makeBlockInput(BATCH, WIDTH, 11, true)).toEqual(nonNegative);
    expect(nonNegative.every((v) => v >= 0)).toBe(true);
    expect(withNegatives.some((v) => v < 0)).toBe(true);
  });

  it('zero weights and bias in the second layer return the input exactly (ReLU, a >= 0)', () => {
    const trace = runBlock(nonNegative, base, zeroSecond);
    expect(trace.z2.every((v) => v === 0)).toBe(true);
    expect(trace.output).toEqual(trace.input);
    expect(identityError(trace)).toBe(0);
    expect(identityBreaks(trace, zeroSecond)).toEqual([]);
  });

  it('with BN, zero weights and beta = 0 return the input exactly, whatever the bias and gamma', () => {
    for (const biasScale2 of [0, 1, -1.7]) {
      for (const gamma of [0, 1, 1.9]) {
        const settings: BlockSettings = { ...DEFAULT_SETTINGS, bn: true, weightScale2: 0, biasScale2, gamma, beta: 0 };
        const trace = runBlock(nonNegative, base, settings);
        expect(trace.output).toEqual(trace.input);
        expect(identityBreaks(trace, settings)).toEqual([]);
      }
    }
  });

  it('gamma = 0 alone (zero_init_residual) also gives the identity with BN', () => {
    const settings: BlockSettings = { ...DEFAULT_SETTINGS, bn: true, gamma: 0, beta: 0 };
    expect(identityError(runBlock(nonNegative, base, settings))).toBe(0);
  });

  it('caveat: with BN and zero weights, beta != 0 reaches the addition', () => {
    const settings: BlockSettings = { ...DEFAULT_SETTINGS, bn: true, weightScale2: 0, beta: 0.5 };
    const trace = runBlock(nonNegative, base, settings);
    for (const v of trace.z2) expect(v).toBeCloseTo(0.5, 6);
    expect(identityError(trace)).toBeGreaterThan(0.4);
    expect(identityBreaks(trace, settings)).toEqual(['beta']);
  });

  it('caveat: without BN a non-zero bias b^[l+2] breaks it', () => {
    const settings: BlockSettings = { ...DEFAULT_SETTINGS, weightScale2: 0, biasScale2: 1 };
    const trace = runBlock(nonNegative, base, settings);
    expect(identityError(trace)).toBeGreaterThan(0);
    expect(identityBreaks(trace, settings)).toEqual(['bias']);
  });

  it('caveat: negative entries of a^[l] are clipped by the ReLU after the addition', () => {
    const trace = runBlock(withNegatives, base, zeroSecond);
    expect(trace.z2.every((v) => v === 0)).toBe(true);
    withNegatives.forEach((v, k) => expect(trace.output[k]).toBe(Math.max(0, v)));
    expect(identityBreaks(trace, zeroSecond)).toEqual(['negative-input']);
  });

  it('caveat: with tanh as g, zero weights give tanh(a^[l]), not a^[l]', () => {
    const settings: BlockSettings = { ...zeroSecond, g: 'tanh' };
    const trace = runBlock(nonNegative, base, settings);
    nonNegative.forEach((v, k) => expect(trace.output[k]).toBeCloseTo(Math.tanh(v), 6));
    expect(identityBreaks(trace, settings)).toEqual(['nonlinearity']);
  });

  it('the pre-activation block is an exact identity at zero weights even for negative inputs and beta != 0', () => {
    const settings: BlockSettings = { ...zeroSecond, variant: 'preact', bn: true, beta: 0.8 };
    const trace = runBlock(withNegatives, base, settings);
    expect(trace.output).toEqual(trace.input);
    expect(identityBreaks(trace, settings)).toEqual([]);
  });

  it('an untouched block is not the identity', () => {
    const trace = runBlock(nonNegative, base, DEFAULT_SETTINGS);
    expect(identityError(trace)).toBeGreaterThan(0.01);
    expect(identityBreaks(trace, DEFAULT_SETTINGS)).toEqual(['branch-nonzero']);
  });

  it('computes z^[l+2] = W2 a1 + b2 and a^[l+2] = relu(z2 + a) by hand for one unit', () => {
    const trace = runBlock(nonNegative, base, DEFAULT_SETTINGS);
    let z = base.b2[0] as number;
    for (let j = 0; j < WIDTH; j += 1) z += (base.w2[j] as number) * (trace.a1[j] as number);
    expect(trace.z2[0]).toBeCloseTo(z, 5);
    expect(trace.output[0]).toBeCloseTo(Math.max(0, z + (nonNegative[0] as number)), 5);
  });
});

describe('what the living equation says and lights', () => {
  it('says the block is the identity, or names every reason it is not with the largest difference', () => {
    expect(identityStatus(runBlock(nonNegative, base, zeroSecond), zeroSecond)).toBe(
      'a[l+2] = a[l] exactly: the block is the identity.',
    );
    const tanh: BlockSettings = { ...DEFAULT_SETTINGS, g: 'tanh' };
    const trace = runBlock(withNegatives, base, tanh);
    expect(identityStatus(trace, tanh)).toBe(
      `a[l+2] ≠ a[l] (largest difference ${identityError(trace).toFixed(3)}): ` +
        'the residual branch adds a non-zero z[l+2]; g = tanh changes a[l] even when z[l+2] = 0.',
    );
  });

  it('lights a term with the parts it names, and a part with the terms that name it', () => {
    expect(litBy('original', null)).toEqual({ terms: new Set(), parts: new Set() });
    expect(litBy('original', { kind: 'term', id: 'z' })).toEqual({
      terms: new Set(['z']),
      parts: new Set(['w1', 'act1', 'w2']),
    });
    // W2 and b2 both name the second weight layer; its output z names it too.
    expect(litBy('original', { kind: 'part', id: 'w2' })).toEqual({
      terms: new Set(['z', 'W2', 'b2']),
      parts: new Set(['w2']),
    });
  });
});
