/**
 * The TF.js builder against the spec statistics, on the CPU backend: parameter counts, every
 * layer's output shape, the names it records, a forward pass, gradients through the custom layers,
 * serialisation.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
// Every gradient: these tests differentiate layers (LRN, the RBF output) that no demo trains.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { cifarSpec, computeStats, getSpec, mlpSpec, type ModelSpec } from '../../../src/models/index.ts';
import type { Model } from '../../../src/models/graph.ts';
import { buildModel } from '../../../src/models/tfjs-builder.ts';
import {
  GroupedConv2D,
  LocalResponseNorm,
  PartialConv2D,
  TrainableSubsampling,
  ZeroPadShortcut,
} from '../../../src/models/tfjs-custom-layers.ts';

beforeAll(async () => {
  await tf.ready();
  expect(tf.getBackend()).toBe('cpu');
});

const demoResNet = cifarSpec({ family: 'resnet', n: 1, inputSize: 28, inputChannels: 1, widthMultiplier: 0.5 });
const demoPlain = cifarSpec({ family: 'plain', n: 2, inputSize: 28, inputChannels: 1, baseWidth: 16 });

/** Builds, checks against computeStats, disposes. */
function checkAgainstStats(spec: ModelSpec): void {
  const stats = computeStats(spec);
  const { model, layers: names } = buildModel(spec);
  try {
    expect(model.countParams()).toBe(stats.totals.params + stats.totals.buffers);
    const trainable = model.trainableWeights.reduce((s, w) => s + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
    expect(trainable).toBe(stats.totals.params);

    const expected = new Set(names.flatMap((n) => n.layers));
    expect(new Set(model.layers.map((l) => l.name))).toEqual(expected);

    for (const n of names) {
      const spatial = stats.layers.find((l) => l.id === n.id) ?? stats.blocks.find((b) => b.id === n.id);
      expect(spatial, n.id).toBeDefined();
      expect(model.getLayer(n.output).outputShape, `${spec.id}/${n.id}`).toEqual([
        null,
        ...(spatial?.outputShape ?? []),
      ]);
    }
    for (const l of stats.layers) {
      // Shortcut layers and additions have TF.js layers of their own name.
      if (l.path === 'shortcut' || l.kind === 'add') {
        expect(model.getLayer(l.id).outputShape, `${spec.id}/${l.id}`).toEqual([null, ...l.outputShape]);
      }
    }
    expect(model.outputShape).toEqual([null, ...stats.outputShape]);
  } finally {
    model.dispose();
  }
}

describe('buildModel matches computeStats', () => {
  it.each([
    ['lenet5-modern', getSpec('lenet5-modern')],
    ['lenet5-relu', getSpec('lenet5-relu')],
    ['lenet5-paper', getSpec('lenet5-paper')],
    ['cifar-resnet-20', getSpec('cifar-resnet-20')],
    ['cifar-plain-20', getSpec('cifar-plain-20')],
    ['demo ResNet-8 on 28×28×1, width 8', demoResNet],
    ['demo plain-14 on 28×28×1, width 16', demoPlain],
    ['mlp-plain-8', getSpec('mlp-plain-8')],
    ['mlp-resnet-20', getSpec('mlp-resnet-20')],
    [
      'fully connected ResNet-6 on 7×7×3, width 12, 4 classes',
      mlpSpec({ family: 'resnet', depth: 6, width: 12, inputSize: 7, channels: 3, classes: 4 }),
    ],
  ])('%s: countParams, trainable weights and every layer shape', (_name, spec) => {
    checkAgainstStats(spec);
  });

  it('alexnet-paper layout (grouped convs, LRN) at 99×99 with narrow FC layers, to stay quick on a CPU', () => {
    const full = getSpec('alexnet-paper');
    const small: ModelSpec = {
      ...full,
      input: { height: 99, width: 99, channels: 3 },
      stages: full.stages.map((st) => ({
        ...st,
        items: st.items.map((i) => (i.kind === 'dense' && i.units === 4096 ? { ...i, units: 64 } : i)),
      })),
    };
    checkAgainstStats(small);
  });

  it('resnet18: strided 7×7 stem, padded max pool, projections', () => {
    checkAgainstStats(getSpec('resnet18'));
  });
});

describe('a built model runs', () => {
  it('lenet5-modern: a batch of 2 MNIST-sized images gives 2×10 probabilities, without leaking tensors', () => {
    const { model } = buildModel(getSpec('lenet5-modern'));
    const before = tf.memory().numTensors;
    const out = tf.tidy(() => model.predict(tf.ones([2, 28, 28, 1])));
    expect(out.shape).toEqual([2, 10]);
    const rows = tf.tidy(() => tf.sum(out, 1));
    for (const v of rows.dataSync()) expect(v).toBeCloseTo(1, 5);
    tf.dispose([out, rows]);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('in inference, frees each activation once used, but not one a layer passed through (dropout)', () => {
    const spec: ModelSpec = {
      id: 'dropout-net',
      name: 'dropout net',
      family: 'alexnet',
      input: { height: 2, width: 2, channels: 1 },
      shortcut: 'none',
      sources: ['krizhevsky2012'],
      stages: [
        {
          id: 'head',
          label: 'head',
          items: [
            { kind: 'flatten', id: 'flat' },
            { kind: 'dense', id: 'fc1', units: 6, bias: true, activation: 'relu' },
            { kind: 'dropout', id: 'drop', rate: 0.5 },
            { kind: 'dense', id: 'fc2', units: 3, bias: true, activation: 'softmax' },
          ],
        },
      ],
    };
    const { model } = buildModel(spec);
    const x = tf.ones([2, 2, 2, 1]);
    const before = tf.memory().numTensors;
    const [drop, out] = model.tap(x, ['drop']) as [tf.Tensor, tf.Tensor];
    expect(drop.shape).toEqual([2, 6]);
    expect(out.shape).toEqual([2, 3]);
    expect(tf.memory().numTensors).toBe(before + 2);
    const p = model.predict(x);
    expect(Array.from(tf.sum(p, 1).dataSync()).map((v) => Math.round(v * 1e5) / 1e5)).toEqual([1, 1]);
    tf.dispose([x, drop, out, p]);
    model.dispose();
  });

  it('dispose() frees every weight the build made', () => {
    const before = tf.memory().numTensors;
    buildModel(getSpec('lenet5-paper')).model.dispose();
    buildModel(demoResNet).model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('lenet5-relu builds max pooling and ReLU where lenet5-modern has average pooling and sigmoid', () => {
    const relu = buildModel(getSpec('lenet5-relu')).model;
    const sigmoid = buildModel(getSpec('lenet5-modern')).model;
    const kinds = (m: Model) =>
      m.layers
        .map((l) => {
          const { activation } = l.settings() as { activation?: string };
          return `${l.className}:${activation ?? ''}`;
        })
        .join(' ');
    expect(kinds(relu)).toMatch(/MaxPooling2D.*MaxPooling2D/);
    expect(kinds(relu)).not.toMatch(/sigmoid|AveragePooling2D/);
    expect(kinds(sigmoid)).toMatch(/AveragePooling2D.*AveragePooling2D/);
    expect(relu.countParams()).toBe(sigmoid.countParams());
    relu.dispose();
    sigmoid.dispose();
  });

  it('logits: true drops the final softmax', () => {
    const { model } = buildModel(getSpec('lenet5-modern'), { logits: true });
    expect(model.layers.map((l) => l.name)).not.toContain('fc3_softmax');
    expect(model.layers.at(-1)?.name).toBe('fc3');
    model.dispose();
  });

  it('the same seed gives the same weights, another seed different ones', () => {
    const [a, b, c] = [7, 7, 8].map((seed) => buildModel(demoResNet, { seed }).model) as [Model, Model, Model];
    const w = (m: Model) => Array.from(m.getLayer('stage1_block1_conv1').trainableWeights[0]?.dataSync() ?? []);
    expect(w(a)).toEqual(w(b));
    expect(w(a)).not.toEqual(w(c));
    [a, b, c].forEach((m) => m.dispose());
  });

  it('zeroInitResidual starts every residual branch at γ = 0', () => {
    const { model } = buildModel(demoResNet, { zeroInitResidual: true });
    const gamma = model.getLayer('stage2_block1_conv2_bn').trainableWeights[0];
    expect(Array.from(gamma?.dataSync() ?? [1])).toEqual(new Array(16).fill(0));
    model.dispose();
  });

  it('trains one step: every trainable weight of a residual net gets a finite gradient', () => {
    const { model } = buildModel(cifarSpec({ family: 'resnet', n: 1, inputSize: 12, inputChannels: 1, baseWidth: 4 }), {
      logits: true,
    });
    const x = tf.randomNormal([4, 12, 12, 1], 0, 1, 'float32', 3);
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 3], 'int32'), 10);
    const { value, grads } = tf.variableGrads(() =>
      tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true })),
    );
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    expect(Object.keys(grads)).toHaveLength(model.trainableWeights.length);
    for (const [name, g] of Object.entries(grads)) {
      expect(g.dataSync().every(Number.isFinite), name).toBe(true);
    }
    tf.dispose([x, y, value, ...Object.values(grads)]);
    model.dispose();
  });
});

describe('the names the builder records', () => {
  it('lists blocks with their input, addition and output layers', () => {
    const built = buildModel(getSpec('cifar-resnet-20'));
    const plain = buildModel(getSpec('cifar-plain-20'));
    const { blocks } = built;
    built.model.dispose();
    plain.model.dispose();
    expect(blocks).toHaveLength(9);
    expect(blocks[0]).toMatchObject({
      id: 'stage1_block1',
      input: 'conv1_relu',
      add: 'stage1_block1_add',
      output: 'stage1_block1_out',
    });
    expect(blocks[3]).toMatchObject({ id: 'stage2_block1', shortcut: 'zero-pad', input: 'stage1_block3_out' });
    expect(blocks[3]?.convs).toEqual(['stage2_block1_conv1', 'stage2_block1_conv2']);
    expect(plain.blocks[0]?.add).toBeNull();
  });

  it('records each spec item under its own id: padding, BatchNorm, activation, shortcut, addition', () => {
    const built = buildModel(getSpec('resnet18'), { logits: true });
    built.model.dispose();
    const of = (id: string) => built.layers.find((n) => n.id === id);
    expect(of('conv1')).toEqual({
      id: 'conv1',
      layers: ['conv1_pad', 'conv1', 'conv1_bn', 'conv1_relu'],
      output: 'conv1_relu',
    });
    expect(of('stage1_pool')).toEqual({
      id: 'stage1_pool',
      layers: ['stage1_pool_pad', 'stage1_pool'],
      output: 'stage1_pool',
    });
    expect(of('stage2_block1_conv1')?.layers).toEqual([
      'stage2_block1_conv1_pad',
      'stage2_block1_conv1',
      'stage2_block1_conv1_bn',
      'stage2_block1_conv1_relu',
    ]);
    // The last body layer has no activation of its own: the block's comes after the addition.
    expect(of('stage2_block1_conv2')?.layers).toEqual(['stage2_block1_conv2', 'stage2_block1_conv2_bn']);
    expect(of('stage2_block1')).toEqual({
      id: 'stage2_block1',
      layers: ['stage2_block1_shortcut', 'stage2_block1_shortcut_bn', 'stage2_block1_add', 'stage2_block1_out'],
      output: 'stage2_block1_out',
    });
    // logits: true drops the final softmax, so the classifier's output is its dense layer.
    expect(built.layers.at(-1)).toEqual({ id: 'fc', layers: ['fc'], output: 'fc' });
    // Projection shortcuts have BatchNorm but are not on the main path.
    expect(built.normalized.map((l) => l.bn)).not.toContain('stage2_block1_shortcut_bn');
    expect(built.normalized[0]).toEqual({ id: 'conv1', kernel: 'conv1', bn: 'conv1_bn' });
    expect(built.normalized).toHaveLength(17);
  });

  it('taps the output of every block next to the prediction, in one pass, freeing the rest', () => {
    const built = buildModel(demoResNet);
    const { model } = built;
    const outputs = built.blocks.map((b) => b.output);
    expect(outputs.map((name) => model.getLayer(name).outputShape)).toEqual([
      [null, 28, 28, 8],
      [null, 14, 14, 16],
      [null, 7, 7, 32],
    ]);
    const x = tf.zeros([1, 28, 28, 1]);
    const before = tf.memory().numTensors;
    const acts = model.tap(x, outputs);
    expect(acts.map((a) => a.shape)).toEqual([
      [1, 28, 28, 8],
      [1, 14, 14, 16],
      [1, 7, 7, 32],
      [1, 10],
    ]);
    expect(tf.memory().numTensors).toBe(before + acts.length);
    expect(() => model.tap(x, ['no_such_layer'])).toThrow(/no layer named no_such_layer/);
    tf.dispose([x, ...acts]);
    model.dispose();
  });
});

describe('custom layers', () => {
  /** Numerical gradient check of f at x along a few coordinates. */
  function gradCheck(f: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor): void {
    const analytic = tf.grad(f)(x);
    const a = analytic.dataSync();
    const xs = x.dataSync().slice();
    const eps = 1e-2;
    for (const i of [0, Math.floor(xs.length / 3), xs.length - 1]) {
      const plus = xs.slice();
      const minus = xs.slice();
      plus[i] = (plus[i] ?? 0) + eps;
      minus[i] = (minus[i] ?? 0) - eps;
      const fp = tf.tidy(() => f(tf.tensor(plus, x.shape)).dataSync()[0] ?? NaN);
      const fm = tf.tidy(() => f(tf.tensor(minus, x.shape)).dataSync()[0] ?? NaN);
      expect(a[i]).toBeCloseTo((fp - fm) / (2 * eps), 1);
    }
    analytic.dispose();
  }

  it('PartialConv2D equals a full convolution with the unconnected kernel slices zeroed', () => {
    const table = [
      [0, 1],
      [1, 2],
      [0, 1, 2],
    ];
    const layer = new PartialConv2D({ name: 'pc', kernelSize: 3, inputMaps: table, seed: 1 });
    expect(layer.connect([[null, 6, 6, 3]])).toEqual([null, 4, 4, 3]);
    const x = tf.randomNormal([2, 6, 6, 3], 0, 1, 'float32', 5);
    const y = layer.apply(x);
    expect(y.shape).toEqual([2, 4, 4, 3]);
    expect(layer.countParams()).toBe(9 * 7 + 3);
    // Assemble the equivalent dense kernel [3, 3, 3 in, 3 out].
    const weights = layer.trainableWeights;
    const full = tf.tidy(() => {
      const cols = table.map((maps, j) => {
        const k = weights[j] as tf.Tensor4D;
        const slices = [0, 1, 2].map((c) => {
          const at = maps.indexOf(c);
          return at < 0 ? tf.zeros([3, 3, 1, 1]) : tf.slice(k, [0, 0, at, 0], [3, 3, 1, 1]);
        });
        return tf.concat(slices, 2);
      });
      return tf.concat(cols, 3) as tf.Tensor4D;
    });
    const ref = tf.add(tf.conv2d(x as tf.Tensor4D, full, 1, 'valid'), weights[3] as tf.Tensor);
    expect(tf.max(tf.abs(tf.sub(y, ref))).dataSync()[0]).toBeLessThan(1e-5);
    gradCheck((xi) => tf.sum(tf.square(layer.apply(xi))), tf.randomNormal([1, 5, 5, 3], 0, 1, 'float32', 2));
    tf.dispose([x, y, full, ref]);
  });

  it('TrainableSubsampling is coefficient × window sum + bias, with gradients for both', () => {
    const layer = new TrainableSubsampling({ name: 'ss', size: 2 });
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    layer.connect([[null, 2, 2, 1]]);
    const [coefficient, bias] = layer.trainableWeights as [tf.Variable, tf.Variable];
    coefficient.assign(tf.tensor1d([0.5]));
    bias.assign(tf.tensor1d([1]));
    expect(layer.apply(x).dataSync()[0]).toBeCloseTo(0.5 * 10 + 1);
    const { grads } = tf.variableGrads(() => tf.sum<tf.Scalar>(layer.apply(x)), layer.trainableWeights);
    const values = Object.values(grads).map((g) => g.dataSync()[0]);
    expect(values).toEqual([10, 1]);
    const wide = new TrainableSubsampling({ name: 'ss2', size: 2 });
    wide.connect([[null, 4, 4, 2]]);
    gradCheck((xi) => tf.sum(tf.square(wide.apply(xi))), tf.randomNormal([1, 4, 4, 2], 0, 1, 'float32', 4));
  });

  it('GroupedConv2D equals two separate convolutions', () => {
    const layer = new GroupedConv2D({ name: 'gc', filters: 4, kernelSize: 3, groups: 2, padding: 'same' });
    layer.connect([[null, 5, 5, 4]]);
    const x = tf.randomNormal([1, 5, 5, 4], 0, 1, 'float32', 6);
    const y = layer.apply(x);
    expect(layer.countParams()).toBe(9 * 2 * 4 + 4);
    const [k, b] = layer.trainableWeights as unknown as [tf.Tensor4D, tf.Tensor];
    const [x0, x1] = tf.split(x, 2, 3) as [tf.Tensor4D, tf.Tensor4D];
    const [k0, k1] = tf.split(k, 2, 3) as [tf.Tensor4D, tf.Tensor4D];
    const ref = tf.add(tf.concat([tf.conv2d(x0, k0, 1, 'same'), tf.conv2d(x1, k1, 1, 'same')], 3), b);
    expect(tf.max(tf.abs(tf.sub(y, ref))).dataSync()[0]).toBeLessThan(1e-5);
    gradCheck((xi) => tf.sum(tf.square(layer.apply(xi))), tf.randomNormal([1, 4, 4, 4], 0, 1, 'float32', 7));
  });

  it('ZeroPadShortcut keeps every second pixel, pads channels with zeros, and passes gradients', () => {
    const layer = new ZeroPadShortcut({ name: 'zp', stride: 2, outChannels: 4 });
    expect(layer.connect([[null, 3, 3, 2]])).toEqual([null, 2, 2, 4]);
    const x = tf.reshape(tf.range(0, 9 * 2), [1, 3, 3, 2]);
    const y = layer.apply(x);
    expect(y.shape).toEqual([1, 2, 2, 4]);
    expect(Array.from(y.dataSync())).toEqual([0, 0, 1, 0, 0, 4, 5, 0, 0, 12, 13, 0, 0, 16, 17, 0]);
    const g = tf.grad((xi: tf.Tensor) => tf.sum(layer.apply(xi)))(tf.zeros([1, 3, 3, 2]));
    expect(Array.from(g.dataSync())).toEqual([1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1]);
  });

  it('LocalResponseNorm has a gradient', () => {
    const layer = new LocalResponseNorm({ name: 'lrn', radius: 2, bias: 2, alpha: 1e-4, beta: 0.75 });
    layer.connect([[null, 2, 2, 6]]);
    gradCheck((xi) => tf.sum(tf.square(layer.apply(xi))), tf.randomNormal([1, 2, 2, 6], 0, 3, 'float32', 8));
  });

  it('a layer is connected once, and says so when used before or after', () => {
    const layer = new ZeroPadShortcut({ name: 'zp2', stride: 1, outChannels: 2 });
    expect(() => layer.outputShape).toThrow(/zp2 is not connected/);
    layer.connect([[null, 3, 3, 2]]);
    expect(() => layer.connect([[null, 3, 3, 2]])).toThrow(/zp2 is already connected/);
    expect(() => new ZeroPadShortcut({ name: 'zp3', stride: 1, outChannels: 2 }).connect([[null, 3, 3, 4]])).toThrow(
      /cannot pad 4 channels down to 2/,
    );
  });

  it('an impossible spec fails in the builder too, naming spec and layer', () => {
    const spec = getSpec('cifar-resnet-20');
    const bad: ModelSpec = { ...spec, input: { height: 32, width: 32, channels: -3 } };
    expect(() => buildModel(bad)).toThrow(/"cifar-resnet-20", layer "input"/);
  });
});
