import { describe, expect, it } from 'vitest';
import { computeStats, getSpec } from '../../../src/models/index.ts';
import { EXPLORER_MODELS, explorerRows, explorerSpec, nextIndex } from '../../../src/models/explorer.ts';

describe('layout explorer rows', () => {
  it('builds the same specs as getSpec', () => {
    for (const { id } of EXPLORER_MODELS) expect(explorerSpec(id)).toEqual(getSpec(id));
  });
  it('lists ResNet-34 stages and their blocks in order, with block figures', () => {
    const rows = explorerRows('resnet34');
    expect(rows.filter((r) => r.kind === 'stage').map((r) => r.label)).toEqual([
      'conv1',
      'conv2_x',
      'conv3_x',
      'conv4_x',
      'conv5_x',
      'classifier',
    ]);
    expect(rows.filter((r) => r.kind === 'block')).toHaveLength(16);
    const conv31 = rows.find((r) => r.label === 'conv3_1');
    expect(conv31).toMatchObject({ input: '56×56×64', output: '28×28×128', params: 230_144, shortcut: 'projection' });
    const stageSum = rows.filter((r) => r.kind === 'stage').reduce((s, r) => s + r.params, 0);
    expect(stageSum).toBe(computeStats(getSpec('resnet34')).totals.params);
  });
  it('plain-34 blocks have no shortcut', () => {
    expect(explorerRows('plain34').find((r) => r.kind === 'block')?.shortcut).toBe('none');
  });
  it('maps navigation keys to indices and ignores others', () => {
    expect(nextIndex('ArrowDown', 0, 3)).toBe(1);
    expect(nextIndex('ArrowDown', 2, 3)).toBe(2);
    expect(nextIndex('ArrowUp', 0, 3)).toBe(0);
    expect(nextIndex('End', 0, 3)).toBe(2);
    expect(nextIndex('Home', 2, 3)).toBe(0);
    expect(nextIndex('PageDown', 0, 30)).toBe(5);
    expect(nextIndex('a', 0, 3)).toBeNull();
  });
});

describe('stage details', () => {
  it('describe the stem by its layer and other stages by their blocks', () => {
    const rows = explorerRows('resnet34');
    expect(rows[0]).toMatchObject({ kind: 'stage', label: 'conv1', detail: '7×7, 64, stride 2' });
    expect(rows.find((r) => r.label === 'conv4_x')?.detail).toBe('6 blocks');
    expect(rows.at(-3)).toMatchObject({ kind: 'stage', label: 'classifier', detail: 'average pool, 1000-d fc' });
  });
});
