import { describe, expect, it } from 'vitest';
import {
  basicBlock,
  basicBlockCost,
  cifarSpec,
  computeStats,
  formatCount,
  getSpec,
  isModelId,
  MODEL_IDS,
  SpecError,
  isShapedBlock,
  validateSpec,
  type ModelSpec,
} from '../../../src/models/index.ts';

describe('getSpec', () => {
  it('knows every listed id and returns a spec with that id', () => {
    for (const id of MODEL_IDS) {
      expect(isModelId(id)).toBe(true);
      expect(getSpec(id).id).toBe(id);
    }
  });
  it('accepts any CIFAR depth 6n+2 and rejects the rest', () => {
    expect(getSpec('cifar-resnet-8').stages).toHaveLength(5);
    expect(isModelId('cifar-resnet-21')).toBe(false);
    expect(() => getSpec('cifar-resnet-21')).toThrow(/cifar-resnet-21/);
  });
  it('names the unknown id and lists the valid ones', () => {
    expect(() => getSpec('resnet35')).toThrow(/Unknown model id "resnet35".*lenet5-paper.*resnet34/s);
    expect(() => getSpec('toString')).toThrow(/Unknown model id "toString"/);
  });
});

/** A one-stage spec on 8×8×4 inputs; tests fill in its stages. */
const tiny = (overrides: Partial<ModelSpec>): ModelSpec => ({
  id: 'tiny',
  name: 'tiny',
  family: 'cifar-resnet',
  input: { height: 8, width: 8, channels: 4 },
  shortcut: 'B',
  sources: ['he2015'],
  stages: [],
  ...overrides,
});

describe('impossible specs fail naming the spec and the layer', () => {
  it('a non-positive output size', () => {
    const spec = tiny({
      stages: [
        {
          id: 's',
          label: 's',
          items: [{ kind: 'conv', id: 'big', filters: 4, kernel: 11, stride: 1, pad: 0, bias: true }],
        },
      ],
    });
    expect(() => validateSpec(spec)).toThrow(SpecError);
    expect(() => validateSpec(spec)).toThrow(/"tiny", layer "big": output size -2/);
  });
  it('a negative input size', () => {
    expect(() => validateSpec(tiny({ input: { height: -1, width: 8, channels: 3 } }))).toThrow(/"tiny", layer "input"/);
  });
  it('a residual add with mismatched shapes and an identity shortcut', () => {
    const block = { ...basicBlock('b1', 'b1', 4, 8, 2, 'B'), shortcut: 'identity' as const };
    const spec = tiny({ stages: [{ id: 's', label: 's', items: [block] }] });
    expect(() => validateSpec(spec)).toThrow(/"tiny", layer "b1_add": residual add of body 4×4×8 and shortcut 8×8×4/);
  });
  it('a duplicated layer id', () => {
    const b = basicBlock('b1', 'b1', 4, 4, 1, 'B');
    expect(() => validateSpec(tiny({ stages: [{ id: 's', label: 's', items: [b, b] }] }))).toThrow(
      /layer "b1": layer id is used twice/,
    );
  });
  it('a dense layer on a feature map', () => {
    const spec = tiny({
      stages: [{ id: 's', label: 's', items: [{ kind: 'dense', id: 'fc', units: 3, bias: true }] }],
    });
    expect(() => validateSpec(spec)).toThrow(/layer "fc": a fully connected layer needs a flat input/);
  });
  it('a connection table that names a missing input map', () => {
    const spec = tiny({
      stages: [
        {
          id: 's',
          label: 's',
          items: [
            { kind: 'conv', id: 'c3', filters: 2, kernel: 3, stride: 1, pad: 0, bias: true, inputMaps: [[0], [4]] },
          ],
        },
      ],
    });
    expect(() => validateSpec(spec)).toThrow(
      /layer "c3": connection table row \[4\] is not a non-empty subset of 0..3/,
    );
  });
  it('computeStats validates the same way, so no impossible spec is ever counted', () => {
    expect(() => computeStats(tiny({ input: { height: 8, width: 0, channels: 3 } }))).toThrow(/"tiny", layer "input"/);
  });
  it('out-of-range CIFAR options', () => {
    expect(() => cifarSpec({ family: 'resnet', n: 0 })).toThrow(/cifarSpec.*n \(blocks per stage\)/);
    expect(() => cifarSpec({ family: 'resnet', n: 1, inputSize: 2 })).not.toThrow();
    expect(() => validateSpec(cifarSpec({ family: 'resnet', n: 1, inputSize: 0 }))).toThrow(/inputSize/);
  });
});

describe('validateSpec', () => {
  it('gives every layer the shapes that flow through it, shortcuts included', () => {
    const checked = validateSpec(cifarSpec({ family: 'resnet', n: 1, inputSize: 7, inputChannels: 1, baseWidth: 4 }));
    expect(checked.inputShape).toEqual([7, 7, 1]);
    expect(checked.outputShape).toEqual([10]);
    const blocks = checked.stages.flatMap((st) => st.items).filter(isShapedBlock);
    expect(blocks.map((b) => [b.inputShape, b.outputShape, b.stride])).toEqual([
      [[7, 7, 4], [7, 7, 4], 1],
      [[7, 7, 4], [4, 4, 8], 2],
      [[4, 4, 8], [2, 2, 16], 2],
    ]);
    // Option A on an odd size: the strided identity keeps pixels 0, 2, 4, 6, as the strided body does.
    expect(blocks[1]?.shortcut).toMatchObject({ kind: 'zero-pad', inputShape: [7, 7, 4], outputShape: [4, 4, 8] });
    expect(blocks[0]?.shortcut).toEqual({ kind: 'identity' });
  });
  it('spells out a projection shortcut as the 1×1 strided convolution with BatchNorm it is', () => {
    const block = basicBlock('b1', 'b1', 4, 8, 2, 'B');
    const checked = validateSpec(tiny({ stages: [{ id: 's', label: 's', items: [block] }] }));
    const shaped = checked.stages[0]?.items[0];
    expect(shaped && isShapedBlock(shaped) ? shaped.shortcut : null).toMatchObject({
      kind: 'projection',
      conv: {
        layer: { id: 'b1_shortcut', kind: 'conv', filters: 8, kernel: 1, stride: 2, pad: 0, bias: false, bn: true },
        inputShape: [8, 8, 4],
        outputShape: [4, 4, 8],
      },
    });
  });
});

describe('cifarSpec for the demos', () => {
  it('28×28×1 at width 8: shapes 28, 14, 7 and the paper id only for the paper setting', () => {
    const spec = cifarSpec({ family: 'resnet', n: 3, inputSize: 28, inputChannels: 1, widthMultiplier: 0.5 });
    expect(spec.id).toBe('cifar-resnet-20-28x28x1-w8-c10');
    const s = computeStats(spec);
    expect(s.stages.slice(1, 4).map((st) => st.outputShape)).toEqual([
      [28, 28, 8],
      [14, 14, 16],
      [7, 7, 32],
    ]);
    expect(cifarSpec({ family: 'plain', n: 3 }).id).toBe('cifar-plain-20');
    expect(cifarSpec({ family: 'plain', n: 3, baseWidth: 16, inputSize: 28, inputChannels: 1 }).id).toBe(
      'cifar-plain-20-28x28x1-w16-c10',
    );
  });
  it('odd sizes stay consistent between the strided body and the option-A shortcut', () => {
    const s = computeStats(cifarSpec({ family: 'resnet', n: 2, inputSize: 7 }));
    expect(s.stages.slice(1, 4).map((st) => st.outputShape[0])).toEqual([7, 4, 2]);
  });
});

describe('receptive fields', () => {
  it('LeNet-5 C5 sees the whole 32×32 input', () => {
    const s = computeStats(getSpec('lenet5-paper'));
    expect(s.layers.find((l) => l.id === 'c5')?.receptiveField).toBe(32);
  });
  it('ResNet-34 stage outputs see 7, 59, 179, 547 and 899 pixels', () => {
    const s = computeStats(getSpec('resnet34'));
    expect(s.stages.map((st) => st.receptiveField)).toEqual([7, 59, 179, 547, 899, 'global']);
  });
});

describe('basicBlockCost (option A vs B for a stride-2 channel-doubling block)', () => {
  it('option B adds exactly the 1×1 projection and its BN', () => {
    const a = basicBlockCost({ shortcut: 'A' });
    const b = basicBlockCost({ shortcut: 'B' });
    expect(a.shortcut).toEqual({ params: 0, macs: 0 });
    expect(b.shortcut.params).toBe(64 * 128 + 2 * 128);
    expect(b.shortcut.macs).toBe(28 * 28 * 128 * 64);
    expect(a.branch).toEqual(b.branch);
    expect(a.branch.params).toBe(9 * 64 * 128 + 9 * 128 * 128 + 4 * 128);
    expect(a.outputShape).toEqual([28, 28, 128]);
  });
  it('matches the difference between ResNet-34 B and A at conv3_1', () => {
    const b = computeStats(getSpec('resnet34')).blocks.find((x) => x.label === 'conv3_1');
    expect(b?.params).toBe(basicBlockCost({ shortcut: 'B' }).params);
  });
});

describe('formatCount', () => {
  it('writes exact counts, millions and billions', () => {
    expect(formatCount(21_797_672)).toBe('21,797,672');
    expect(formatCount(21_797_672, 'M')).toBe('21.8\u00a0M');
    expect(formatCount(3_663_761_408, 'G', 3)).toBe('3.664\u00a0G');
    expect(formatCount(714_188_480, 'auto')).toBe('714.2\u00a0M');
  });
});
