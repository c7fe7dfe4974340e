/**
 * The build-time teaching figures (components/figures): what they compute, and that the chapters
 * show them with a caption and without any script.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { comparisonRows, pathLengths, residualBlocksOf, ticks } from '../../../components/figures/figure-data.ts';
import { computeStats, getSpec } from '../../../src/models/index.ts';
import { accuracyOf } from '../../../src/reference/published.ts';

const figuresDir = new URL('../../../components/figures/', import.meta.url);
const chapter = (name: string): string =>
  readFileSync(new URL(`../../../content/chapters/${name}.mdx`, import.meta.url), 'utf8');

/** C(n, k) by exact integer arithmetic, for small n. */
function choose(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

describe('path lengths (Veit et al.)', () => {
  it('are binomial: C(n, k) / 2^n, summing to one, symmetric, peaking at n/2', () => {
    for (const n of [1, 3, 10, 54]) {
      const bars = pathLengths(n);
      expect(bars).toHaveLength(n + 1);
      expect(bars.reduce((s, b) => s + b.share, 0)).toBeCloseTo(1, 12);
      for (const b of bars) expect(b.share).toBeCloseTo(bars[n - b.blocks]?.share ?? NaN, 15);
      if (n <= 10) for (const b of bars) expect(b.share).toBeCloseTo(choose(n, b.blocks) / 2 ** n, 15);
      const peak = bars.reduce((a, b) => (b.share > a.share ? b : a));
      expect(Math.abs(peak.blocks - n / 2)).toBeLessThanOrEqual(0.5);
    }
    expect(pathLengths(3).map((b) => b.share * 8)).toEqual([1, 3, 3, 1]);
  });

  it('count the blocks of the 110-layer CIFAR-10 ResNet from its spec', () => {
    expect(residualBlocksOf('cifar-resnet-110')).toEqual({ blocks: 54, layersPerBlock: 2 });
    expect(computeStats(getSpec('cifar-resnet-110')).totals.blocks).toBe(54);
    expect(() => residualBlocksOf('cifar-plain-110')).toThrow(/no residual blocks/);
    expect(() => pathLengths(0)).toThrow();
  });
});

describe('the depth, parameters, MACs and top-1 comparison', () => {
  const rows = comparisonRows([
    ['lenet5-paper', 'LeNet-5'],
    ['vgg19', 'VGG-19'],
    ['resnet34', 'ResNet-34'],
  ]);

  it('takes depth, parameters and MACs from the zoo', () => {
    for (const r of rows) {
      const { totals } = computeStats(getSpec(r.model));
      expect([r.weightLayers, r.params, r.macs]).toEqual([totals.weightLayers, totals.params, totals.macs]);
    }
    expect(rows.map((r) => r.family)).toEqual(['plain', 'plain', 'residual']);
  });

  it('takes the top-1 error from a recorded published accuracy, or shows none', () => {
    expect(rows[0]?.top1Error).toBeNull();
    expect(rows[1]?.accuracy?.value).toBe('72.376');
    expect(rows[1]?.top1Error).toBe(27.624);
    expect(rows[2]?.top1Error).toBe(26.686);
    expect(comparisonRows([['resnet50', 'ResNet-50']])[0]?.top1ErrorText).toBe('23.870');
    expect(accuracyOf('resnet34', 'top-1 accuracy')?.source).toBe('torchvision');
  });

  it('rounds its axes to 1, 2 or 5 times a power of ten', () => {
    expect(ticks(0.108, 4)).toEqual([0, 0.05, 0.1]);
    expect(ticks(50, 4)).toEqual([0, 20, 40]);
    expect(ticks(0)).toEqual([0]);
  });
});

describe('the three figures', () => {
  const uses: readonly [component: string, chapter: string][] = [
    ['NestedClasses', 'how-deep'],
    ['PathLengths', 'why-it-works'],
    ['ZooComparison', 'resnet-34'],
  ];

  it.each(uses)('%s is on the %s chapter with a caption that says what to notice', (component, name) => {
    const body = chapter(name);
    expect(body).toContain(`import ${component} from '../../components/figures/${component}.astro';`);
    const use = new RegExp(`<${component}\\b[\\s\\S]*?>([\\s\\S]*?)</${component}>`).exec(body);
    expect(use, `${name}: <${component}> with a <figcaption> child`).not.toBeNull();
    expect(use?.[1] ?? '').toMatch(/<figcaption>[\s\S]*What to notice[\s\S]*<\/figcaption>/);
  });

  it('are drawn at build time: no script, no hydrated island', () => {
    for (const file of readdirSync(figuresDir).filter((f) => f.endsWith('.astro'))) {
      const source = readFileSync(new URL(file, figuresDir), 'utf8');
      expect(source, file).not.toMatch(/<script\b/);
      expect(source, file).not.toMatch(/client:/);
    }
    for (const [component, name] of uses) expect(chapter(name)).not.toMatch(new RegExp(`<${component}[^>]*client:`));
  });
});
