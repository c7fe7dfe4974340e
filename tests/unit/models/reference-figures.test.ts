/**
 * The layer tables and counts of the papers and of torchvision (num_params, GFLOPS), recomputed from the
 * specs. Where a source prints only a rounded figure, src/reference/published.ts records it and
 * tests/unit/reference/published.test.ts checks the zoo against it; the exact counts below are
 * torchvision's, or sums of the papers' per-layer figures.
 */
import { describe, expect, it } from 'vitest';
import {
  computeStats,
  getSpec,
  imagenetResNet,
  type LayerStats,
  type ModelSpec,
  type ModelStats,
} from '../../../src/models/index.ts';

const stats = (id: string): ModelStats => computeStats(getSpec(id));

function layer(s: ModelStats, id: string): LayerStats {
  const found = s.layers.find((l) => l.id === id);
  if (!found) throw new Error(`no layer ${id} in ${s.specId}`);
  return found;
}

/** Rounds MACs to G with `digits` decimals, as the sheet prints them. */
const giga = (macs: number, digits: number): string => (macs / 1e9).toFixed(digits);

/** A copy of the spec with every BatchNorm removed from the main path. */
function withoutBn(spec: ModelSpec): ModelSpec {
  return {
    ...spec,
    stages: spec.stages.map((st) => ({
      ...st,
      items: st.items.map((item) => {
        if (item.kind === 'block') return { ...item, body: item.body.map((l) => ({ ...l, bn: false })) };
        return item.kind === 'conv' ? { ...item, bn: false } : item;
      }),
    })),
  };
}

/** Weights of a conv layer (its params without BN γ/β and bias): MACs per output position. */
const convWeights = (l: LayerStats): number =>
  l.outputShape.length === 3 ? l.macs / (l.outputShape[0] * l.outputShape[1]) : l.macs;

describe('LeNet-5, LeCun et al. 1998 §II.B', () => {
  const s = stats('lenet5-paper');
  it.each([
    ['c1', [28, 28, 6], 156, 122_304],
    ['s2', [14, 14, 6], 12, 5_880],
    ['c3', [10, 10, 16], 1_516, 151_600],
    ['s4', [5, 5, 16], 32, 2_000],
    ['c5', [1, 1, 120], 48_120, 48_120],
    ['f6', [84], 10_164, 10_164],
    ['output', [10], 0, 840],
  ] as const)('%s: output %j, %i params, %i connections', (id, shape, params, connections) => {
    const l = layer(s, id);
    expect(l.outputShape).toEqual(shape);
    expect(l.params).toBe(params);
    expect(l.connections).toBe(connections);
  });
  it('totals 60,000 trainable parameters and 340,908 connections over seven layers', () => {
    expect(s.totals.params).toBe(60_000);
    expect(s.totals.connections).toBe(340_908);
    expect(s.totals.weightLayers).toBe(7);
    expect(s.inputShape).toEqual([32, 32, 1]);
  });
  it('stores the 840 fixed RBF prototype weights as buffers, not parameters', () => {
    expect(layer(s, 'output').buffers).toBe(840);
  });
});

describe('LeNet-5, modern variant (28×28 input, pad 2)', () => {
  const s = stats('lenet5-modern');
  it.each([
    ['conv1', [28, 28, 6], 156],
    ['pool1', [14, 14, 6], 0],
    ['conv2', [10, 10, 16], 2_416],
    ['pool2', [5, 5, 16], 0],
    ['fc1', [120], 48_120],
    ['fc2', [84], 10_164],
    ['fc3', [10], 850],
  ] as const)('%s: output %j, %i params', (id, shape, params) => {
    expect(layer(s, id).outputShape).toEqual(shape);
    expect(layer(s, id).params).toBe(params);
  });
  it('totals 61,706 parameters', () => {
    expect(s.totals.params).toBe(61_706);
    expect(s.inputShape).toEqual([28, 28, 1]);
  });
  it('the ReLU / max-pooling variant (the LeNet-5 demo) has the same layers, shapes and 61,706 parameters', () => {
    const relu = stats('lenet5-relu');
    expect(relu.layers.map((l) => [l.id, l.outputShape, l.params, l.macs])).toEqual(
      s.layers.map((l) => [l.id, l.outputShape, l.params, l.macs]),
    );
    expect(relu.totals.params).toBe(61_706);
    const items = getSpec('lenet5-relu').stages.flatMap((st) => st.items);
    expect(items.filter((i) => i.kind === 'pool').map((i) => i.kind === 'pool' && i.op)).toEqual(['max', 'max']);
    expect(items.flatMap((i) => (i.kind === 'conv' || i.kind === 'dense' ? [i.activation] : []))).toEqual([
      'relu',
      'relu',
      'relu',
      'relu',
      'softmax',
    ]);
  });
});

describe('AlexNet, Krizhevsky et al. 2012 §3.5 and torchvision', () => {
  it.each([
    ['conv1', [55, 55, 96], 34_944],
    ['pool1', [27, 27, 96], 0],
    ['conv2', [27, 27, 256], 307_456],
    ['pool2', [13, 13, 256], 0],
    ['conv3', [13, 13, 384], 885_120],
    ['conv4', [13, 13, 384], 663_936],
    ['conv5', [13, 13, 256], 442_624],
    ['pool5', [6, 6, 256], 0],
    ['flatten', [9216], 0],
    ['fc6', [4096], 37_752_832],
    ['fc7', [4096], 16_781_312],
    ['fc8', [1000], 4_097_000],
  ] as const)('paper %s: output %j, %i params', (id, shape, params) => {
    const s = stats('alexnet-paper');
    expect(layer(s, id).outputShape).toEqual(shape);
    expect(layer(s, id).params).toBe(params);
  });
  it('paper (grouped) totals 60,965,224; ungrouped 62,378,344', () => {
    const spec = getSpec('alexnet-paper');
    expect(computeStats(spec).totals.params).toBe(60_965_224);
    const ungrouped: ModelSpec = {
      ...spec,
      stages: spec.stages.map((st) => ({
        ...st,
        items: st.items.map((i) => (i.kind === 'conv' ? { ...i, groups: 1 } : i)),
      })),
    };
    expect(computeStats(ungrouped).totals.params).toBe(62_378_344);
    expect(computeStats(spec).totals.weightLayers).toBe(8);
  });
  it.each([
    ['conv1', [55, 55, 64], 23_296],
    ['pool1', [27, 27, 64], 0],
    ['conv2', [27, 27, 192], 307_392],
    ['pool2', [13, 13, 192], 0],
    ['conv3', [13, 13, 384], 663_936],
    ['conv4', [13, 13, 256], 884_992],
    ['conv5', [13, 13, 256], 590_080],
    ['pool5', [6, 6, 256], 0],
    ['fc6', [4096], 37_752_832],
    ['fc7', [4096], 16_781_312],
    ['fc8', [1000], 4_097_000],
  ] as const)('torchvision %s: output %j, %i params', (id, shape, params) => {
    const s = stats('alexnet-torchvision');
    expect(layer(s, id).outputShape).toEqual(shape);
    expect(layer(s, id).params).toBe(params);
  });
  it('torchvision totals 61,100,840 parameters and 714,188,480 MACs (0.714 G)', () => {
    const s = stats('alexnet-torchvision');
    expect(s.totals.params).toBe(61_100_840);
    expect(s.totals.macs).toBe(714_188_480);
    expect(giga(s.totals.macs, 3)).toBe('0.714');
  });
});

describe('VGG, Simonyan and Zisserman 2014 Table 1', () => {
  it.each([
    ['vgg16', 13, 3, 16, 14_714_688, 138_357_544, '15.47', '15.35'],
    ['vgg19', 16, 3, 19, 20_024_384, 143_667_240, '19.63', '19.51'],
  ] as const)(
    '%s: %i conv + %i fc = %i weight layers, conv %i, total %i, %s G MACs (%s conv-only)',
    (id, conv, fc, weight, convParams, total, g, gConv) => {
      const s = stats(id);
      expect(s.totals.convLayers).toBe(conv);
      expect(s.totals.fcLayers).toBe(fc);
      expect(s.totals.weightLayers).toBe(weight);
      const convs = s.layers.filter((l) => l.kind === 'conv');
      const fcs = s.layers.filter((l) => l.kind === 'dense');
      expect(convs.reduce((a, l) => a + l.params, 0)).toBe(convParams);
      expect(fcs.reduce((a, l) => a + l.params, 0)).toBe(123_642_856);
      expect(fcs.map((l) => l.params)).toEqual([102_764_544, 16_781_312, 4_097_000]);
      expect(s.totals.params).toBe(total);
      expect(giga(s.totals.macs, 2)).toBe(g);
      expect(
        giga(
          convs.reduce((a, l) => a + l.macs, 0),
          2,
        ),
      ).toBe(gConv);
      expect(s.stages.slice(0, 5).map((st) => st.inputShape[0])).toEqual([224, 112, 56, 28, 14]);
      expect(layer(s, 'flatten').inputShape).toEqual([7, 7, 512]);
    },
  );
});

describe('ResNet-18/34/50 (He et al. 2015 Table 1)', () => {
  it.each(['resnet18', 'resnet34', 'resnet50', 'plain34'])(
    '%s: stage output sizes 112, 56, 28, 14, 7, then 1000',
    (id) => {
      const s = stats(id);
      expect(s.stages.map((st) => st.outputShape[0])).toEqual([112, 56, 28, 14, 7, 1000]);
    },
  );
  it.each([
    ['resnet18', [2, 2, 2, 2], 18, 64],
    ['resnet34', [3, 4, 6, 3], 34, 64],
    ['resnet50', [3, 4, 6, 3], 50, 256],
  ] as const)('%s: blocks per stage %j, %i weight layers', (id, blocks, depth, firstWidth) => {
    const s = stats(id);
    expect(s.stages.slice(1, 5).map((st) => st.blocks.length)).toEqual(blocks);
    expect(s.totals.weightLayers).toBe(depth);
    expect(s.stages[1]?.outputShape).toEqual([56, 56, firstWidth]);
  });
  it('ResNet-34 counts 1 + 2·(3+4+6+3) + 1 = 34 weight layers, projections not counted', () => {
    const s = stats('resnet34');
    expect(s.totals.convLayers).toBe(33);
    expect(s.totals.fcLayers).toBe(1);
    expect(s.totals.projectionShortcuts).toBe(3);
  });
  it('downsampling happens at conv3_1, conv4_1 and conv5_1 with stride 2', () => {
    const s = stats('resnet34');
    const strided = s.blocks.filter((b) => b.inputShape[0] !== b.outputShape[0]).map((b) => b.label);
    expect(strided).toEqual(['conv3_1', 'conv4_1', 'conv5_1']);
  });
});

describe('torchvision reference counts (num_params, GFLOPS)', () => {
  it.each([
    ['resnet18', 11_689_512, 1_814_073_344, '1.81'],
    ['resnet34', 21_797_672, 3_663_761_408, '3.66'],
    ['resnet50', 25_557_032, 4_089_184_256, '4.09'],
    ['vgg16', 138_357_544, 15_470_264_320, '15.47'],
    ['vgg19', 143_667_240, 19_632_062_464, '19.63'],
    ['alexnet-torchvision', 61_100_840, 714_188_480, '0.71'],
  ] as const)('%s: %i params, %i MACs (torchvision %s GFLOPS)', (id, params, macs, gflops) => {
    const s = stats(id);
    expect(s.totals.params).toBe(params);
    expect(s.totals.macs).toBe(macs);
    expect(giga(s.totals.macs, 2)).toBe(gflops);
  });
  it('recomputed MACs: ResNet-18 1.814 G, ResNet-34 3.664 G, ResNet-50 4.089 G, VGG 15.470 / 19.632 G', () => {
    expect(giga(stats('resnet18').totals.macs, 3)).toBe('1.814');
    expect(giga(stats('resnet34').totals.macs, 3)).toBe('3.664');
    expect(giga(stats('resnet50').totals.macs, 3)).toBe('4.089');
    expect(giga(stats('vgg16').totals.macs, 3)).toBe('15.470');
    expect(giga(stats('vgg19').totals.macs, 3)).toBe('19.632');
  });
  it('ResNet-101 has 44,549,160 and ResNet-152 60,192,808 parameters', () => {
    expect(computeStats(imagenetResNet(101, 'B', 'resnet101')).totals.params).toBe(44_549_160);
    expect(computeStats(imagenetResNet(152, 'B', 'resnet152')).totals.params).toBe(60_192_808);
  });
});

describe('FLOPs quoted by He et al. 2015, recomputed', () => {
  it('plain-34 3.644 G; ResNet-34 A 3.644 G and B 3.664 G', () => {
    expect(giga(stats('plain34').totals.macs, 3)).toBe('3.644');
    expect(giga(stats('resnet34-a').totals.macs, 3)).toBe('3.644');
    expect(giga(stats('resnet34').totals.macs, 3)).toBe('3.664');
  });
  it('ResNet-50 3.858 G with the v1 stride placement, 4.089 G as torchvision v1.5', () => {
    expect(giga(computeStats(imagenetResNet(50, 'B', 'resnet50-v1', '1x1')).totals.macs, 3)).toBe('3.858');
    expect(giga(stats('resnet50').totals.macs, 3)).toBe('4.089');
  });
  it('ResNet-101 7.570 G (v1); ResNet-152 11.282 G (v1) / 11.514 G (v1.5)', () => {
    expect(giga(computeStats(imagenetResNet(101, 'B', 'r101', '1x1')).totals.macs, 3)).toBe('7.570');
    expect(giga(computeStats(imagenetResNet(152, 'B', 'r152', '1x1')).totals.macs, 3)).toBe('11.282');
    expect(giga(computeStats(imagenetResNet(152, 'B', 'r152')).totals.macs, 3)).toBe('11.514');
  });
  it('v1 and v1.5 bottlenecks have the same parameters', () => {
    expect(computeStats(imagenetResNet(50, 'B', 'r50v1', '1x1')).totals.params).toBe(25_557_032);
  });
});

describe('ResNet-34 parameter breakdown (torchvision, option B)', () => {
  const s = stats('resnet34');
  const stage = (id: string) => s.stages.find((st) => st.id === id);
  const mainParams = (id: string) =>
    s.layers.filter((l) => l.stageId === id && l.path === 'main').reduce((a, l) => a + l.params, 0);
  it('component by component', () => {
    expect(convWeights(layer(s, 'conv1'))).toBe(9_408);
    expect(layer(s, 'conv1').params - 9_408).toBe(128);
    expect(mainParams('stage1')).toBe(221_952);
    expect(mainParams('stage2')).toBe(1_107_968);
    expect(layer(s, 'stage2_block1_shortcut').params).toBe(8_448);
    expect(mainParams('stage3')).toBe(6_789_120);
    expect(layer(s, 'stage3_block1_shortcut').params).toBe(33_280);
    expect(mainParams('stage4')).toBe(12_982_272);
    expect(layer(s, 'stage4_block1_shortcut').params).toBe(132_096);
    expect(layer(s, 'fc').params).toBe(513_000);
    expect(stage('stage2')?.params).toBe(1_107_968 + 8_448);
    expect(s.totals.params).toBe(21_797_672);
  });
  it('sub-totals: conv weights 21,095,616, main-path BN 15,232 in 33 layers, projections 172,032 + 1,792', () => {
    const main = s.layers.filter((l) => l.kind === 'conv' && l.path === 'main');
    const proj = s.layers.filter((l) => l.kind === 'conv' && l.path === 'shortcut');
    expect(main).toHaveLength(33);
    expect(main.reduce((a, l) => a + convWeights(l), 0)).toBe(21_095_616);
    expect(main.reduce((a, l) => a + l.params - convWeights(l), 0)).toBe(15_232);
    expect(proj.reduce((a, l) => a + convWeights(l), 0)).toBe(172_032);
    expect(proj.reduce((a, l) => a + l.params - convWeights(l), 0)).toBe(1_792);
    // Option B without BN on the projections.
    expect(s.totals.params - 1_792).toBe(21_795_880);
  });
  it('projections sit exactly at conv3_1, conv4_1 and conv5_1', () => {
    expect(s.blocks.filter((b) => b.shortcut === 'projection').map((b) => b.label)).toEqual([
      'conv3_1',
      'conv4_1',
      'conv5_1',
    ]);
    expect(s.blocks.find((b) => b.label === 'conv2_1')?.shortcut).toBe('identity');
  });
  it('option A = plain-34 = 21,623,848 (21,608,616 without BN); option C 22,716,840 with 16 projections', () => {
    expect(stats('resnet34-a').totals.params).toBe(21_623_848);
    expect(stats('plain34').totals.params).toBe(21_623_848);
    expect(computeStats(withoutBn(getSpec('resnet34-a'))).totals.params).toBe(21_608_616);
    expect(computeStats(withoutBn(getSpec('plain34'))).totals.params).toBe(21_608_616);
    const c = stats('resnet34-c');
    expect(c.totals.params).toBe(22_716_840);
    expect(c.totals.projectionShortcuts).toBe(16);
  });
  it('option B with no BN anywhere: 21,780,648', () => {
    const noBn = computeStats(withoutBn(getSpec('resnet34')));
    const projBn = noBn.layers.filter((l) => l.path === 'shortcut').reduce((a, l) => a + l.params - convWeights(l), 0);
    expect(noBn.totals.params - projBn).toBe(21_780_648);
  });
});

describe('CIFAR-10 ResNets (He et al. 2015 §4.2, option A)', () => {
  it.each([
    [20, 3, 269_722],
    [32, 5, 464_154],
    [44, 7, 658_586],
    [56, 9, 853_018],
    [110, 18, 1_727_962],
    [1202, 200, 19_421_274],
  ] as const)('ResNet-%i (n = %i): %i parameters, the same as its plain twin', (depth, n, params) => {
    const res = stats(`cifar-resnet-${depth}`);
    expect(res.totals.params).toBe(params);
    expect(res.totals.params).toBe(97_216 * n - 21_926);
    expect(res.totals.weightLayers).toBe(depth);
    expect(stats(`cifar-plain-${depth}`).totals.params).toBe(params);
    expect(computeStats(withoutBn(getSpec(`cifar-resnet-${depth}`))).totals.params).toBe(96_768 * n - 21_958);
  });
  it('maps of 32, 16, 8 with 16, 32, 64 filters and 3n shortcuts', () => {
    const s = stats('cifar-resnet-56');
    expect(s.stages.slice(1, 4).map((st) => st.outputShape)).toEqual([
      [32, 32, 16],
      [16, 16, 32],
      [8, 8, 64],
    ]);
    expect(s.totals.blocks).toBe(27);
    expect(s.totals.identityShortcuts).toBe(27);
    expect(s.totals.projectionShortcuts).toBe(0);
  });
  it('the derivation: stem 432, FC 650, BN 32 + 448n', () => {
    const s = stats('cifar-resnet-20');
    expect(convWeights(layer(s, 'conv1'))).toBe(432);
    expect(layer(s, 'fc').params).toBe(650);
    const bn = s.layers.filter((l) => l.kind === 'conv').reduce((a, l) => a + l.params - convWeights(l), 0);
    expect(bn).toBe(32 + 448 * 3);
  });
});

describe('plain twins have the residual option-A count', () => {
  it.each([
    ['plain34', 'resnet34-a'],
    ['cifar-plain-20', 'cifar-resnet-20'],
    ['cifar-plain-110', 'cifar-resnet-110'],
  ])('%s = %s', (plain, res) => {
    expect(stats(plain).totals.params).toBe(stats(res).totals.params);
    expect(stats(plain).totals.macs).toBe(stats(res).totals.macs);
  });
});
