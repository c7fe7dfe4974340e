import { describe, expect, it } from 'vitest';
import { DEFAULT } from '../../../src/lab/config.ts';
import { mergeLabParams, parseLabParams, serializeLabParams } from '../../../src/lab/url-state.ts';

describe('lab URL state', () => {
  it('keeps the defaults for an empty address', () => {
    expect(parseLabParams('', DEFAULT)).toEqual({ config: DEFAULT, notices: [] });
    expect(serializeLabParams(DEFAULT, DEFAULT)).toBe('');
  });

  it('reads every setting', () => {
    const { config, notices } = parseLabParams(
      '?dataset=fashion-mnist&arch=conv&depths=20,56&width=16&input=28&opt=adam&lr=0.001&momentum=0.5&batch=32&steps=100&seed=7',
      DEFAULT,
    );
    expect(notices).toEqual([]);
    expect(config).toMatchObject({
      dataset: 'fashion-mnist',
      architecture: 'conv',
      depths: [20, 56],
      width: 16,
      inputSize: 28,
      optimizer: 'adam',
      learningRate: 0.001,
      momentum: 0.5,
      batchSize: 32,
      steps: 100,
      seed: 7,
    });
  });

  it('round-trips through the address', () => {
    const changed = { ...DEFAULT, depths: [8, 56], learningRate: 0.02, steps: 200, architecture: 'mlp' as const };
    const search = serializeLabParams(changed, DEFAULT);
    expect(search).toBe('arch=mlp&depths=8,56&lr=0.02&steps=200');
    expect(parseLabParams(search, DEFAULT)).toEqual({ config: changed, notices: [] });
  });

  it('ignores each bad value with a notice naming it, and keeps the good ones', () => {
    const { config, notices } = parseLabParams(
      '?depths=9,20&lr=banana&batch=1000&steps=50&opt=rmsprop&dataset=cifar&input=30&width=2.5',
      DEFAULT,
    );
    expect(config).toEqual({ ...DEFAULT, steps: 50 });
    expect(notices).toHaveLength(7);
    expect(notices[0]).toMatch(/dataset="cifar".*mnist or fashion-mnist/);
    expect(notices.join(' ')).toMatch(/depths="9,20"/);
    // The messages and ranges are the settings schema's, the same as the engine's.
    expect(notices.join(' ')).toMatch(/lr="banana".*Learning rate must be a number from 1e-5 to 1\./);
    expect(notices.join(' ')).toMatch(/batch="1000".*Batch size must be a whole number from 8 to 512\./);
    expect(notices.join(' ')).toMatch(/width="2.5".*whole number from 4 to 64/);
  });

  it('rejects too many or repeated depths', () => {
    expect(parseLabParams('?depths=8,20,32,56', DEFAULT).notices).toHaveLength(1);
    expect(parseLabParams('?depths=20,20', DEFAULT).notices).toHaveLength(1);
    expect(parseLabParams('?depths=56,8', DEFAULT).config.depths).toEqual([8, 56]);
  });

  it('keeps parameters that belong to others when merging', () => {
    expect(mergeLabParams('?backend=wasm&steps=5', { ...DEFAULT, steps: 100 }, DEFAULT)).toBe(
      '?backend=wasm&steps=100',
    );
    expect(mergeLabParams('?steps=100', DEFAULT, DEFAULT)).toBe('');
  });
});
