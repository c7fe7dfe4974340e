import { describe, expect, it } from 'vitest';
import { computeStats, getSpec } from '../../../src/models/index.ts';
import { diagramLayout, sideBySideLayout, tableGroups } from '../../../src/models/views.ts';

describe('architecture table rows', () => {
  it('groups ResNet-34 like Table 1: one row per block, subtotals summing to the total', () => {
    const stats = computeStats(getSpec('resnet34'));
    const groups = tableGroups(stats);
    expect(groups.map((g) => g.label)).toEqual(['conv1', 'conv2_x', 'conv3_x', 'conv4_x', 'conv5_x', 'classifier']);
    expect(groups[2]?.rows.map((r) => r.label)).toEqual(['conv3_1', 'conv3_2', 'conv3_3', 'conv3_4']);
    expect(groups[2]?.rows[0]?.shortcut).toBe('projection');
    expect(groups.reduce((s, g) => s + g.params, 0)).toBe(stats.totals.params);
    expect(groups.reduce((s, g) => s + g.rows.reduce((a, r) => a + r.macs, 0), 0)).toBe(stats.totals.macs);
  });
  it('lists LeNet-5 layer by layer', () => {
    const rows = tableGroups(computeStats(getSpec('lenet5-paper'))).flatMap((g) => g.rows);
    expect(rows.map((r) => r.label)).toEqual(['C1', 'S2', 'C3', 'S4', 'C5', 'flatten', 'F6', 'Output (RBF)']);
  });
});

describe('diagrams', () => {
  it('draws one box per weight or pooling layer and one arc per shortcut', () => {
    const layout = diagramLayout(getSpec('resnet34'));
    const col = layout.columns[0];
    expect(col?.nodes.filter((n) => n.kind === 'conv')).toHaveLength(33);
    expect(col?.shortcuts).toHaveLength(16);
    expect(col?.shortcuts.filter((s) => s.kind === 'projection')).toHaveLength(3);
    expect(col?.nodes.find((n) => n.id === 'stage2_block1_conv1')?.text).toBe('3×3 conv, 128, /2');
    expect(layout.width).toBe(360);
    expect(layout.description).toContain('21,797,672 parameters');
  });
  it('plain nets have no arcs', () => {
    expect(diagramLayout(getSpec('plain34')).columns[0]?.shortcuts).toHaveLength(0);
  });
  it('Figure 3 aligns the three networks by output size', () => {
    const layout = sideBySideLayout([getSpec('vgg19'), getSpec('plain34'), getSpec('resnet34')], 'Figure 3');
    expect(layout.bands.map((b) => b.label)).toEqual(['224', '112', '56', '28', '14', '7', '1']);
    const firstAt28 = layout.columns.map((c) => c.nodes.find((n) => n.output.startsWith('28×28'))?.y);
    expect(new Set(firstAt28).size).toBe(1);
  });
});
