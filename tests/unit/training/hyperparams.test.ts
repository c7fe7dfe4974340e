import { describe, expect, it } from 'vitest';
import {
  clampSetting,
  learningRateAt,
  RANGES,
  validateConfig,
  type TrainingConfig,
} from '../../../src/training/hyperparams.ts';

const defaults: TrainingConfig = {
  optimizer: 'adam',
  schedule: 'constant',
  learningRate: 0.001,
  momentum: 0.9,
  batchSize: 64,
  epochs: 5,
  seed: 1,
  evalEvery: 100,
  metricsEvery: 10,
};

describe('validateConfig', () => {
  it('accepts values in range unchanged', () => {
    const { config, issues } = validateConfig({ learningRate: 0.05, batchSize: 128, optimizer: 'sgd' }, defaults);
    expect(issues).toEqual([]);
    expect(config).toEqual({ ...defaults, learningRate: 0.05, batchSize: 128, optimizer: 'sgd' });
  });
  it('clamps out-of-range values and says so', () => {
    const { config, issues } = validateConfig({ epochs: 500, learningRate: 0 }, defaults);
    expect(config.epochs).toBe(50);
    expect(config.learningRate).toBe(1e-5);
    expect(issues.map((i) => i.message)).toEqual([
      'Learning rate must be from 1e-5 to 1; using 1e-5 instead of 0.',
      'Epochs must be from 1 to 50; using 50 instead of 500.',
    ]);
  });
  it('rounds whole-number settings with a message', () => {
    expect(clampSetting('batchSize', 64.4)).toEqual({
      value: 64,
      message: 'Batch size must be a whole number; using 64 instead of 64.4.',
    });
  });
  it('refuses non-numbers and keeps the default', () => {
    const { config, issues } = validateConfig({ seed: 'abc', batchSize: '32', optimizer: 'rmsprop' }, defaults);
    expect(config.seed).toBe(1);
    expect(config.batchSize).toBe(32);
    expect(config.optimizer).toBe('adam');
    expect(issues.map((i) => i.field)).toEqual(['seed', 'optimizer']);
    expect(issues[0]?.message).toBe('Seed must be a number from 0 to 2147483647. Keeping 1.');
  });
  it('has ranges that contain sensible defaults', () => {
    for (const [field, range] of Object.entries(RANGES)) {
      const value = defaults[field as keyof typeof RANGES];
      expect(value).toBeGreaterThanOrEqual(range.min);
      expect(value).toBeLessThanOrEqual(range.max);
    }
  });
});

describe('learningRateAt', () => {
  it('is constant without a schedule', () => {
    expect(learningRateAt(defaults, 50, 100)).toBe(0.001);
  });
  it('decays along a half cosine from the set rate to 0', () => {
    const cosine = { ...defaults, schedule: 'cosine' as const, learningRate: 0.01 };
    expect(learningRateAt(cosine, 0, 100)).toBeCloseTo(0.01, 12);
    expect(learningRateAt(cosine, 50, 100)).toBeCloseTo(0.005, 12);
    expect(learningRateAt(cosine, 100, 100)).toBeCloseTo(0, 12);
  });
});
