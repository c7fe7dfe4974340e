import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RecordedRun } from '../../../src/lab/headless.ts';
import { epochs, familyStat, netOf, netStat } from '../../../src/lab/run-facts.ts';
import type { RunRecord } from '../../../src/lab/experiment.ts';

function net(key: string, losses: number[], gradInit: number[], gradEnd: number[]): RunRecord {
  const [family, depth] = key.split('-') as ['plain' | 'resnet', string];
  return {
    key,
    family,
    depth: Number(depth),
    modelId: key,
    params: 1,
    layers: gradInit.map((_, i) => `conv${i}`),
    curve: losses.map((trainLoss, i) => ({ step: (i + 1) * 10, trainLoss })),
    evals: [{ step: 100, testError: 0.25, subsetLoss: 0.5, subsetError: 0.2 }],
    probes: [
      { step: 0, gradNorm: gradInit, responseStd: [1, 0.5, 2] },
      { step: 100, gradNorm: gradEnd, responseStd: [0.9, 1.1, 1] },
    ],
  } as unknown as RunRecord;
}

const losses = (end: number) => [2, 1.5, 1, 1, 1, 1, 1, 1, 1, end];
const recorded = {
  config: { depths: [8, 32], steps: 100, batchSize: 64, dataset: 'fashion-mnist' },
  runs: [
    net('plain-8', losses(0.4), [4, 2, 1], [1, 1, 1]),
    net('plain-32', losses(1.0), [8, 2, 0.5], [3, 2, 1]),
    net('resnet-8', losses(0.4), [1, 1, 1], [1, 1, 1]),
    net('resnet-32', losses(0.42), [1, 1, 1], [1, 1, 1]),
  ],
} as unknown as RecordedRun;

describe('figures of a recorded lab run', () => {
  it('reads final losses over the last tenth of the curve and their ratio across depth', () => {
    expect(netStat(recorded, 'plain-32', 'finalLoss')).toBeCloseTo(1.0);
    expect(familyStat(recorded, 'plain', 'lossRatio')).toBeCloseTo(2.5);
    expect(familyStat(recorded, 'resnet', 'lossRatio')).toBeCloseTo(1.05);
  });

  it('reads the probes at initialisation and at the end', () => {
    expect(netStat(recorded, 'plain-32', 'gradRatio', 'init')).toBeCloseTo(16);
    expect(netStat(recorded, 'plain-32', 'gradRatio', 'end')).toBeCloseTo(3);
    expect(netStat(recorded, 'plain-32', 'gradMin', 'init')).toBe(0.5);
    expect(netStat(recorded, 'plain-32', 'stdMax', 'init')).toBe(2);
    expect(netStat(recorded, 'plain-32', 'testError')).toBe(0.25);
  });

  it('names what is missing', () => {
    expect(() => netOf(recorded, 'plain-20')).toThrow(/no plain-20 \(it has plain-8, plain-32, resnet-8, resnet-32\)/);
    expect(() => epochs(100, 64, 0)).toThrow(/cannot be trained on/);
  });

  it('counts passes over the training split', () => {
    expect(epochs(400, 64, 10_000)).toBeCloseTo(2.56);
  });

  it('works on the committed default run', () => {
    const real = JSON.parse(
      readFileSync(new URL('../../../public/data/runs/default.json', import.meta.url), 'utf8'),
    ) as RecordedRun;
    for (const run of real.runs) {
      expect(netStat(real, run.key, 'finalLoss')).toBeGreaterThan(0);
      expect(netStat(real, run.key, 'gradRatio', 'init')).toBeGreaterThan(0);
    }
  });

  it('bears out what the how-deep chapter says of the committed default run', () => {
    const real = JSON.parse(
      readFileSync(new URL('../../../public/data/runs/default.json', import.meta.url), 'utf8'),
    ) as RecordedRun;
    const deepest = Math.max(...real.config.depths);
    const plain = `plain-${String(deepest)}`;
    // "its training loss is still the highest of all six networks"
    for (const run of real.runs) {
      if (run.key !== plain)
        expect(netStat(real, plain, 'finalLoss')).toBeGreaterThan(netStat(real, run.key, 'finalLoss'));
    }
    // "the gradient grows towards the input" at initialisation, and "has fallen" by the end
    expect(netStat(real, plain, 'gradRatio', 'init')).toBeGreaterThan(1);
    expect(netStat(real, plain, 'gradRatio', 'end')).toBeLessThan(netStat(real, plain, 'gradRatio', 'init'));
    // The degradation the lab is chosen to show, on the recorded seed (bench/sweeps/README.md).
    expect(familyStat(real, 'plain', 'lossRatio')).toBeGreaterThanOrEqual(1.3);
    expect(familyStat(real, 'resnet', 'lossRatio')).toBeLessThanOrEqual(1.1);
  });
});
