import { describe, expect, it } from 'vitest';
import { shortcutComparison } from '../../../src/block/shortcut-options.ts';
import { basicBlockCost, computeStats, getSpec } from '../../../src/models/index.ts';

const data = shortcutComparison();

describe('when the shapes differ: option A vs option B', () => {
  it('follows conv3_1 of ResNet-34: 56×56×64 in, 28×28×128 out', () => {
    expect(data.blockLabel).toBe('conv3_1');
    expect(data.inputShape).toBe('56×56×64');
    expect(data.outputShape).toBe('28×28×128');
  });

  it('lists every tensor with the shapes the zoo computes', () => {
    const shapes = (o: 'A' | 'B') => data.block[o].tensors.map((t) => [t.path, t.shape]);
    expect(shapes('A')).toEqual([
      ['input', '56×56×64'],
      ['main', '28×28×128'],
      ['main', '28×28×128'],
      ['shortcut', '28×28×128'],
      ['main', '28×28×128'],
    ]);
    expect(shapes('B')).toEqual(shapes('A'));
    expect(data.block.A.tensors[3]?.producer).toMatch(/option A/);
    expect(data.block.B.tensors[3]?.producer).toMatch(/option B/);
  });

  it('block costs match basicBlockCost and the per-layer sums', () => {
    for (const option of ['A', 'B'] as const) {
      const cost = basicBlockCost({ shortcut: option });
      const view = data.block[option];
      expect(view.params).toBe(cost.params);
      expect(view.macs).toBe(cost.macs);
      expect(view.shortcutParams).toBe(cost.shortcut.params);
      expect(view.tensors.reduce((s, t) => s + t.params, 0)).toBe(cost.params);
      expect(view.tensors.reduce((s, t) => s + t.macs, 0)).toBe(cost.macs);
    }
  });

  it('option A adds nothing; option B adds a 1×1 projection + BN (conv3_1: 64·128 + 2·128 = 8,448 parameters)', () => {
    expect(data.block.A.shortcutParams).toBe(0);
    expect(data.block.A.shortcutMacs).toBe(0);
    expect(data.block.B.shortcutParams).toBe(64 * 128 + 2 * 128);
    expect(data.block.B.shortcutParams).toBe(8448);
    expect(data.block.B.shortcutMacs).toBe(28 * 28 * 128 * 64);
  });

  it('ResNet-34 totals for A, B, C come from the zoo and match the fact sheet', () => {
    const ids = { A: 'resnet34-a', B: 'resnet34', C: 'resnet34-c' } as const;
    for (const row of data.network) {
      const stats = computeStats(getSpec(ids[row.option]));
      expect(row.params).toBe(stats.totals.params);
      expect(row.macs).toBe(stats.totals.macs);
    }
    expect(data.network.map((r) => r.params)).toEqual([21_623_848, 21_797_672, 22_716_840]);
    expect(data.network.map((r) => r.projectionShortcuts)).toEqual([0, 3, 16]);
    expect(data.network[0]?.text.params).toBe('21,623,848');
  });
});
