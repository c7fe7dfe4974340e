/**
 * The code listings of content/chapters/residual-block.mdx ("The block in code").
 *
 * The TF.js listing is run exactly as the page prints it, on TF.js Layers: its blocks are built next
 * to the blocks that the site's own builder (src/models/tfjs-builder.ts, on tfjs-core) makes from the
 * model zoo's block specs, and the two must have the same layers, with the same names, kinds and
 * settings, the same weight shapes, and (with the builder's weights copied over) the same outputs. The PyTorch listing cannot
 * run here; it is checked for the choices the chapter's text relies on.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { basicBlock, bottleneckBlock } from '../../../src/models/resnet.ts';
import type { BlockSpec, ModelSpec } from '../../../src/models/spec.ts';
import { buildModel } from '../../../src/models/tfjs-builder.ts';

const chapter = readFileSync(new URL('../../../content/chapters/residual-block.mdx', import.meta.url), 'utf8');

/**
 * The code of the `<Listing>` titled `title`: the chapter keeps it in an `export const NAME =
 * String.raw\`…\`;` and passes it as `<Listing code={NAME} … title="…">`.
 */
function listing(title: string): string {
  const use = new RegExp(`<Listing code=\\{(\\w+)\\}[^>]*\\btitle="${title.replace(/[.]/g, '\\.')}"`).exec(chapter);
  const name = use?.[1];
  if (!name) throw new Error(`content/chapters/residual-block.mdx has no <Listing> titled "${title}"`);
  const code = new RegExp(`^export const ${name} = String\\.raw\`\\n([\\s\\S]*?)\`;$`, 'm').exec(chapter)?.[1];
  if (code === undefined)
    throw new Error(`content/chapters/residual-block.mdx: no "export const ${name} = String.raw\`…\`;"`);
  return code;
}

type Sym = tfl.SymbolicTensor;
type BlockFn = (x: Sym, name: string, filters: number, stride: number) => Sym;

/** Runs the printed TF.js listing with `tf` bound to TF.js (its layers API) and returns its blocks. */
function loadTfjsListing(): { basicBlock: BlockFn; bottleneckBlock: BlockFn } {
  const code = listing('residual-block.js');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the listing is the code under test
  const make = new Function('tf', `${code}\nreturn { basicBlock, bottleneckBlock };`) as (tfjs: unknown) => {
    basicBlock: BlockFn;
    bottleneckBlock: BlockFn;
  };
  return make({ layers: tfl.layers });
}

/** A one-block network around a zoo block spec, for the site's builder. */
function oneBlockSpec(block: BlockSpec, side: number, channels: number): ModelSpec {
  return {
    id: `listing-${block.id}`,
    name: block.id,
    family: 'resnet',
    input: { height: side, width: side, channels },
    shortcut: 'B',
    sources: ['he2015', 'torchvision'],
    stages: [{ id: 'stage', label: 'stage', items: [block] }],
  };
}

/** The settings that decide what a TF.js layer computes (not how it is initialised), as the site's layers name them. */
function settings(layer: { getConfig(): object }, names: readonly string[]): Record<string, unknown> {
  const c = layer.getConfig() as Record<string, unknown>;
  return Object.fromEntries(names.map((k) => [k, c[k]]));
}

interface Case {
  readonly what: string;
  readonly spec: BlockSpec;
  readonly side: number;
  readonly cin: number;
  readonly run: (blocks: ReturnType<typeof loadTfjsListing>, x: Sym) => Sym;
}

const cases: readonly Case[] = [
  {
    what: 'a basic block with an identity shortcut (conv2_2 of ResNet-34)',
    spec: basicBlock('stage1_block2', 'conv2_2', 16, 16, 1, 'B'),
    side: 8,
    cin: 16,
    run: (b, x) => b.basicBlock(x, 'stage1_block2', 16, 1),
  },
  {
    what: 'a basic block that halves the side and doubles the channels (conv3_1, option B)',
    spec: basicBlock('stage2_block1', 'conv3_1', 16, 32, 2, 'B'),
    side: 8,
    cin: 16,
    run: (b, x) => b.basicBlock(x, 'stage2_block1', 32, 2),
  },
  {
    what: 'a bottleneck block that widens the channels at stride 1 (conv2_1 of ResNet-50)',
    spec: bottleneckBlock('stage1_block1', 'conv2_1', 8, 8, 1, 'B'),
    side: 6,
    cin: 8,
    run: (b, x) => b.bottleneckBlock(x, 'stage1_block1', 8, 1),
  },
  {
    what: 'a strided bottleneck block (conv3_1 of ResNet-50, stride on the 3×3)',
    spec: bottleneckBlock('stage2_block1', 'conv3_1', 32, 16, 2, 'B'),
    side: 7,
    cin: 32,
    run: (b, x) => b.bottleneckBlock(x, 'stage2_block1', 16, 2),
  },
];

beforeAll(async () => {
  await tf.ready();
  expect(tf.getBackend()).toBe('cpu');
});

describe('the TF.js listing of the residual-block chapter is the block the site builds', () => {
  it.each(cases.map((c) => [c.what, c] as const))('%s', (_what, c) => {
    const blocks = loadTfjsListing();
    const site = buildModel(oneBlockSpec(c.spec, c.side, c.cin), { seed: 7 }).model;
    const input = tfl.input({ shape: [c.side, c.side, c.cin], name: 'input' });
    const printed = tfl.model({ inputs: input, outputs: c.run(blocks, input) });
    try {
      const printedLayers = printed.layers.filter((l) => l.getClassName() !== 'InputLayer');
      expect(printedLayers.map((l) => l.name).sort()).toEqual(site.layers.map((l) => l.name).sort());
      for (const layer of site.layers) {
        const twin = printed.getLayer(layer.name);
        expect(twin.getClassName(), layer.name).toBe(layer.className);
        const own = layer.settings();
        expect(settings(twin, Object.keys(own)), layer.name).toEqual(own);
        const weights = layer.weights.map((w) => w.variable);
        expect(
          twin.getWeights().map((w) => w.shape),
          layer.name,
        ).toEqual(weights.map((w) => w.shape));
        twin.setWeights(weights);
      }
      expect(printed.countParams()).toBe(site.countParams());
      const x = tf.randomNormal([2, c.side, c.side, c.cin], 0, 1, 'float32', 3);
      const [a, b] = [site.predict(x), printed.predict(x)] as tf.Tensor[];
      if (!a || !b) throw new Error('no output');
      expect(b.shape).toEqual(a.shape);
      expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(1e-5);
      tf.dispose([x, a, b]);
    } finally {
      site.dispose();
      printed.dispose();
    }
  });
});

describe('the PyTorch listing of the residual-block chapter', () => {
  const code = listing('residual_block.py');

  it('defines a basic and a bottleneck block and a shared shortcut', () => {
    for (const name of ['class BasicBlock(nn.Module)', 'class Bottleneck(nn.Module)', 'def shortcut(']) {
      expect(code).toContain(name);
    }
  });

  it('pads symmetrically, drops the convolution bias before BN and adds before the last ReLU', () => {
    expect(code).toContain('padding=(kernel - 1) // 2, bias=False');
    expect(code).toContain('nn.BatchNorm2d(c_out)');
    expect(code).toMatch(/return torch\.relu\(y\)/);
    expect(code).toMatch(/return torch\.relu\(f \+ self\.shortcut\(x\)\)/);
  });
});
