/**
 * The committed default run (public/data/runs/default.json), whose figures the how-deep chapter
 * quotes, is what the code computes today: the first steps of two of its networks, trained afresh
 * on WASM from the record's own configuration, give the recorded training curve. A change to the
 * builder, the layers, the initialisers or the trainer that changes what the lab trains fails
 * here, and the record has to be made again (`npm run experiment -- --config default --record`).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentConfig, Family } from '../../../src/lab/config.ts';
import { LabRun, prepareDataset, type CurvePoint } from '../../../src/lab/experiment.ts';
import { activateWasm, loadDatasetFromDisk } from '../../../src/lab/headless.ts';
import type { Dataset } from '../../../src/training/dataset.ts';
import * as tf from '../../../src/training/tf.ts';

const ROOT = new URL('../../../', import.meta.url);

interface Recorded {
  readonly config: ExperimentConfig;
  readonly runs: readonly { readonly key: string; readonly curve: readonly CurvePoint[] }[];
}

const recorded = JSON.parse(readFileSync(new URL('public/data/runs/default.json', ROOT), 'utf8')) as Recorded;
/** Steps retrained per network: six points of the curve. */
const STEPS = 60;

let dataset: Dataset;

beforeAll(async () => {
  await activateWasm();
  dataset = prepareDataset(await loadDatasetFromDisk(ROOT.pathname, recorded.config.dataset), recorded.config);
}, 120_000);

describe('the recorded default run', () => {
  it.each([
    ['plain', 8],
    ['resnet', 20],
  ] as const)(
    '%s-%i: the first steps reproduce the recorded curve',
    async (family: Family, depth: number) => {
      const record = recorded.runs.find((r) => r.key === `${family}-${depth}`);
      if (!record) throw new Error(`default.json has no ${family}-${depth} run`);
      const run = new LabRun(tf, dataset, recorded.config, family, depth);
      const curve: CurvePoint[] = [];
      try {
        while (run.step < STEPS) {
          run.trainStep();
          if (!run.due().curve) continue;
          const { curve: point } = await run.measure();
          if (point) curve.push(point);
        }
      } finally {
        run.dispose();
      }
      const expected = record.curve.slice(0, curve.length);
      expect(curve.map((p) => p.step)).toEqual(expected.map((p) => p.step));
      expect(curve.length).toBeGreaterThanOrEqual(5);
      // The record keeps 4 significant digits.
      curve.forEach((p, i) => {
        const want = expected[i] as CurvePoint;
        expect(Math.abs(p.trainLoss - want.trainLoss), `loss at step ${p.step}`).toBeLessThanOrEqual(
          1e-3 * want.trainLoss,
        );
        expect(Math.abs(p.trainError - want.trainError), `error at step ${p.step}`).toBeLessThanOrEqual(1e-3);
      });
    },
    300_000,
  );
});
