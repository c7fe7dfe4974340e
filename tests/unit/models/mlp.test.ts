/**
 * The zoo's fully connected family (src/models/mlp.ts): ids, hand-checked statistics, the built
 * TF.js model against those statistics, and plain and residual twins of equal size.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  computeStats,
  getSpec,
  isModelId,
  mlpSpec,
  SpecError,
  type BlockSpec,
  type ModelSpec,
} from '../../../src/models/index.ts';
import { buildModel } from '../../../src/models/tfjs-builder.ts';

beforeAll(async () => {
  await tf.ready();
  expect(tf.getBackend()).toBe('cpu');
});

/**
 * Parameters of a width-w net of depth d on D inputs with c classes: the stem (D·w weights and BN's
 * 2w), d − 2 block layers (w² + 2w each) and the classifier (w·c + c).
 */
function expectedParams(d: number, inputs: number, w: number, c: number): number {
  return inputs * w + 2 * w + (d - 2) * (w * w + 2 * w) + w * c + c;
}

describe('mlpSpec', () => {
  it('names the lab setting (14×14×1, width 32, 10 classes) mlp-<family>-<depth>, and spells out others', () => {
    expect(mlpSpec({ family: 'plain', depth: 32 }).id).toBe('mlp-plain-32');
    expect(mlpSpec({ family: 'resnet', depth: 8, width: 32, inputSize: 14, channels: 1, classes: 10 }).id).toBe(
      'mlp-resnet-8',
    );
    expect(mlpSpec({ family: 'plain', depth: 8, width: 8, inputSize: 7 }).id).toBe('mlp-plain-8-7x7x1-w8-c10');
  });

  it('is in the registry for every even depth ≥ 4', () => {
    expect(getSpec('mlp-plain-32')).toEqual(mlpSpec({ family: 'plain', depth: 32 }));
    expect(getSpec('mlp-resnet-56').id).toBe('mlp-resnet-56');
    expect(isModelId('mlp-resnet-4')).toBe(true);
    expect(isModelId('mlp-plain-7')).toBe(false);
    expect(isModelId('mlp-plain-2')).toBe(false);
    expect(() => getSpec('mlp-plain-7')).toThrow(/mlp-plain-<depth>/);
  });

  it('rejects depths that are not 2·blocks + 2 and sizes below 1', () => {
    expect(() => mlpSpec({ family: 'plain', depth: 7 })).toThrow(/depth must be an even whole number ≥ 4/);
    expect(() => mlpSpec({ family: 'plain', depth: 2 })).toThrow(/depth/);
    expect(() => mlpSpec({ family: 'resnet', depth: 8, width: 0 })).toThrow(/width must be a whole number ≥ 1/);
  });
});

describe('computeStats of the fully connected family', () => {
  it('mlp-plain-8 by hand: 13,194 parameters, 448 BN buffers, 12,736 MACs', () => {
    // 196·32 + 64 (stem) + 6 · (32·32 + 64) (three blocks) + 32·10 + 10 (classifier).
    const { totals, outputShape } = computeStats(getSpec('mlp-plain-8'));
    expect(totals.params).toBe(13_194);
    // Seven BN layers of 32 units, running mean and variance each.
    expect(totals.buffers).toBe(7 * 64);
    // 196·32 + 6·32·32 + 32·10: BN, ReLU and additions count zero.
    expect(totals.macs).toBe(12_736);
    expect(outputShape).toEqual([10]);
  });

  it.each([8, 20, 32, 56])('depth %i: d weight layers, all fully connected, and the expected parameters', (d) => {
    for (const family of ['plain', 'resnet'] as const) {
      const { totals, layers } = computeStats(mlpSpec({ family, depth: d }));
      expect(totals.weightLayers).toBe(d);
      expect(totals.fcLayers).toBe(d);
      expect(totals.convLayers).toBe(0);
      expect(totals.blocks).toBe((d - 2) / 2);
      expect(totals.identityShortcuts).toBe(family === 'resnet' ? (d - 2) / 2 : 0);
      expect(totals.projectionShortcuts).toBe(0);
      expect(totals.params).toBe(expectedParams(d, 196, 32, 10));
      expect(layers.find((l) => l.id === 'flatten')?.outputShape).toEqual([196]);
      expect(layers.find((l) => l.id === 'block1_add')?.outputShape).toEqual(family === 'resnet' ? [32] : undefined);
    }
  });

  it('plain and residual twins have the same parameters and MACs: the shortcuts are free', () => {
    for (const depth of [4, 8, 32]) {
      const plain = computeStats(mlpSpec({ family: 'plain', depth, width: 24, inputSize: 7, channels: 3, classes: 5 }));
      const resnet = computeStats(
        mlpSpec({ family: 'resnet', depth, width: 24, inputSize: 7, channels: 3, classes: 5 }),
      );
      expect(resnet.totals.params).toBe(plain.totals.params);
      expect(resnet.totals.macs).toBe(plain.totals.macs);
      expect(plain.totals.params).toBe(expectedParams(depth, 147, 24, 5));
    }
  });

  it('a fully connected block refuses shortcuts it cannot make, naming the layer', () => {
    const spec = mlpSpec({ family: 'resnet', depth: 4 });
    const withBlock = (change: (b: BlockSpec) => BlockSpec): ModelSpec => ({
      ...spec,
      stages: spec.stages.map((st) => ({
        ...st,
        items: st.items.map((i) => (i.kind === 'block' ? change(i) : i)),
      })),
    });
    expect(() => computeStats(withBlock((b) => ({ ...b, shortcut: 'projection' })))).toThrow(SpecError);
    expect(() => computeStats(withBlock((b) => ({ ...b, shortcut: 'zero-pad' })))).toThrow(/block1_shortcut/);
    const wider = withBlock((b) => ({ ...b, body: b.body.map((l) => (l.kind === 'dense' ? { ...l, units: 48 } : l)) }));
    expect(() => computeStats(wider)).toThrow(/"block1_add".*needs its input width/);
  });
});

describe('buildModel of the fully connected family', () => {
  it.each([
    ['plain', 8],
    ['resnet', 8],
    ['plain', 20],
    ['resnet', 32],
  ] as const)('%s-%i: countParams and every layer shape equal computeStats', (family, depth) => {
    const spec = mlpSpec({ family, depth });
    const stats = computeStats(spec);
    const { model, layers } = buildModel(spec);
    try {
      expect(model.countParams()).toBe(stats.totals.params + stats.totals.buffers);
      const trainable = model.trainableWeights.reduce(
        (s, w) => s + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1),
        0,
      );
      expect(trainable).toBe(stats.totals.params);
      for (const n of layers) {
        const item = stats.layers.find((l) => l.id === n.id) ?? stats.blocks.find((b) => b.id === n.id);
        expect(model.getLayer(n.output).outputShape, n.id).toEqual([null, ...(item?.outputShape ?? [])]);
      }
      expect(model.inputShape).toEqual([null, 14, 14, 1]);
      expect(model.outputShape).toEqual([null, 10]);
      // Dense layers, not 1×1 convolutions: one per weight layer, each with BN except the classifier.
      const classes = model.layers.map((l) => l.className);
      expect(classes.filter((c) => c === 'Dense')).toHaveLength(depth);
      expect(classes.filter((c) => c === 'Conv2D')).toHaveLength(0);
      expect(classes.filter((c) => c === 'BatchNormalization')).toHaveLength(depth - 1);
      expect(classes.filter((c) => c === 'Add')).toHaveLength(family === 'resnet' ? (depth - 2) / 2 : 0);
    } finally {
      model.dispose();
    }
  });

  it('plain and residual twins built from one seed have equal parameter counts and the same initial weights', () => {
    const plain = buildModel(getSpec('mlp-plain-20'), { seed: 3 }).model;
    const resnet = buildModel(getSpec('mlp-resnet-20'), { seed: 3 }).model;
    expect(plain.countParams()).toBe(resnet.countParams());
    const kernel = (m: typeof plain, name: string): number[] =>
      Array.from(m.getLayer(name).trainableWeights[0]?.dataSync() ?? []);
    expect(kernel(resnet, 'block5_fc2')).toEqual(kernel(plain, 'block5_fc2'));
    plain.dispose();
    resnet.dispose();
  });

  it('runs: a batch of 2 images gives 2×10 probabilities, without leaking tensors', () => {
    const { model } = buildModel(getSpec('mlp-resnet-8'));
    const before = tf.memory().numTensors;
    const sums = tf.tidy(() => tf.sum(model.predict(tf.randomUniform([2, 14, 14, 1], 0, 1, 'float32', 5)), -1));
    expect(sums.shape).toEqual([2]);
    for (const v of sums.dataSync()) expect(v).toBeCloseTo(1, 5);
    sums.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('zeroInitResidual starts each residual branch of a fully connected block at γ = 0', () => {
    const { model } = buildModel(getSpec('mlp-resnet-8'), { zeroInitResidual: true });
    expect(Array.from(model.getLayer('block2_fc2_bn').trainableWeights[0]?.dataSync() ?? [1])).toEqual(
      new Array(32).fill(0),
    );
    expect(Array.from(model.getLayer('block2_fc1_bn').trainableWeights[0]?.dataSync() ?? [0])).toEqual(
      new Array(32).fill(1),
    );
    model.dispose();
  });

  it('names blocks and the probed layers for the depth lab', () => {
    const { model, blocks, normalized } = buildModel(getSpec('mlp-resnet-8'));
    model.dispose();
    expect(blocks.map((b) => b.id)).toEqual(['block1', 'block2', 'block3']);
    expect(blocks[0]).toMatchObject({ input: 'stem_fc_relu', add: 'block1_add', output: 'block1_out' });
    expect(blocks[0]?.convs).toEqual(['block1_fc1', 'block1_fc2']);
    expect(normalized.map((l) => l.id)).toEqual([
      'stem_fc',
      'block1_fc1',
      'block1_fc2',
      'block2_fc1',
      'block2_fc2',
      'block3_fc1',
      'block3_fc2',
    ]);
    expect(normalized[0]).toEqual({ id: 'stem_fc', kernel: 'stem_fc', bn: 'stem_fc_bn' });
  });
});
