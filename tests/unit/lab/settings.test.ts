import { describe, expect, it } from 'vitest';
import { DEFAULT } from '../../../src/lab/config.ts';
import { depthLock, LAB_NUMBERS, MAX_DEPTHS, toggleDepth } from '../../../src/lab/settings.ts';
import { parseLabParams, serializeLabParams } from '../../../src/lab/url-state.ts';
import { RANGES, validateConfig } from '../../../src/training/hyperparams.ts';
import { checkNumber, parseNumber, TRAINING_SETTINGS } from '../../../src/training/settings.ts';

describe('the settings schema', () => {
  it('gives the engine, the lab and its address one range per setting', () => {
    expect(RANGES).toBe(TRAINING_SETTINGS);
    expect(LAB_NUMBERS['lr']?.setting).toBe(TRAINING_SETTINGS.learningRate);
    expect(LAB_NUMBERS['batch']?.setting).toBe(TRAINING_SETTINGS.batchSize);
    // What the engine accepts, the lab's address accepts, at both ends of each range.
    for (const [name, { key, setting }] of Object.entries(LAB_NUMBERS)) {
      for (const value of [setting.min, setting.max]) {
        expect(parseLabParams(`?${name}=${value}`, DEFAULT).config[key]).toBe(value);
      }
    }
    expect(
      validateConfig(
        { learningRate: 1e-5, batchSize: 512 },
        { ...DEFAULT, schedule: 'constant', epochs: 1, evalEvery: 50, metricsEvery: 10 },
      ).issues,
    ).toEqual([]);
  });

  it('refuses out-of-range, fractional and empty values with the reason', () => {
    const batch = TRAINING_SETTINGS.batchSize;
    expect(checkNumber(batch, 64)).toBeNull();
    expect(checkNumber(batch, 513)).toBe('Batch size must be a whole number from 8 to 512.');
    expect(checkNumber(batch, 64.5)).toBe('Batch size must be a whole number from 8 to 512.');
    expect(checkNumber(batch, '64')).toBe('Batch size must be a whole number from 8 to 512.');
    expect(parseNumber(TRAINING_SETTINGS.learningRate, '')).toEqual({
      error: 'Learning rate must be a number from 1e-5 to 1.',
    });
    expect(parseNumber(TRAINING_SETTINGS.learningRate, '0.01')).toEqual({ value: 0.01 });
    expect(parseNumber(TRAINING_SETTINGS.learningRate, 'Infinity')).toHaveProperty('error');
  });

  it('never lets a fourth depth be ticked, nor the last one unticked, and says why', () => {
    const three = [8, 20, 32];
    expect(three).toHaveLength(MAX_DEPTHS);
    expect(depthLock(three, 56)).toMatch(/Up to 3 depths/);
    expect(toggleDepth(three, 56)).toBe(three);
    expect(toggleDepth(three, 20)).toEqual([8, 32]);
    expect(depthLock([20], 20)).toMatch(/At least one/);
    expect(toggleDepth([20], 20)).toEqual([20]);
    expect(toggleDepth([20, 56], 8)).toEqual([8, 20, 56]);
  });

  it('round-trips every numeric setting through the address', () => {
    const changed = { ...DEFAULT, width: 24, learningRate: 2e-5, momentum: 0.5, batchSize: 512, steps: 1234, seed: 9 };
    const parsed = parseLabParams(serializeLabParams(changed, DEFAULT), DEFAULT);
    expect(parsed).toEqual({ config: changed, notices: [] });
  });

  it('names the parameter, the value and the rule of a bad address', () => {
    const { notices } = parseLabParams('?steps=5&seed=-1&momentum=abc', DEFAULT);
    expect(notices).toEqual([
      'Ignored momentum="abc" in the address: Momentum must be a number from 0 to 0.99. Using the default.',
      'Ignored steps="5" in the address: Steps per network must be a whole number from 10 to 5000. Using the default.',
      'Ignored seed="-1" in the address: Seed must be a whole number from 0 to 2147483647. Using the default.',
    ]);
  });
});
