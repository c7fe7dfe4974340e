/**
 * What a recorded lab run (public/data/runs/default.json) shows, as figures the chapter quotes
 * through components/figures/RunStat.astro: final training losses, their ratio across depth, and the
 * per-layer probes at initialisation and at the end. Pure; the record comes in as data. Free of
 * TF.js (the page renders these at build time).
 */
import type { Family } from './config.ts';
import type { ProbePoint, RunRecord } from './experiment.ts';
import type { RecordedRun } from './headless.ts';

/** Mean training loss over the last `fraction` of a run's curve points. */
export function finalTrainLoss(record: RunRecord, fraction = 0.1): number {
  const points = record.curve;
  const lastStep = points[points.length - 1]?.step ?? 0;
  const from = lastStep * (1 - fraction);
  const tail = points.filter((p) => p.step > from);
  return tail.reduce((sum, p) => sum + p.trainLoss, 0) / Math.max(1, tail.length);
}

/** A figure of one network of the record. */
export type NetStatName =
  'finalLoss' | 'testError' | 'gradFirst' | 'gradLast' | 'gradRatio' | 'gradMax' | 'gradMin' | 'stdMin' | 'stdMax';

/** A figure of one family across the record's depths. */
export type FamilyStatName = 'lossRatio';

/** Which probe: the first (at initialisation) or the last (the end of training). */
export type ProbeAt = 'init' | 'end';

/** One network of a record, or an error naming the networks it has. */
export function netOf(recorded: RecordedRun, key: string): RunRecord {
  const found = recorded.runs.find((r) => r.key === key);
  if (!found) throw new Error(`The recorded run has no ${key} (it has ${recorded.runs.map((r) => r.key).join(', ')}).`);
  return found;
}

function probeOf(run: RunRecord, at: ProbeAt): ProbePoint {
  const probe = at === 'init' ? run.probes[0] : run.probes.at(-1);
  if (!probe || (at === 'init' && probe.step !== 0))
    throw new Error(`${run.key} has no probe ${at === 'init' ? 'at initialisation' : 'at the end'}.`);
  return probe;
}

/** A figure of one network: losses and errors at the end, probe figures at `at`. */
export function netStat(recorded: RecordedRun, key: string, stat: NetStatName, at: ProbeAt = 'init'): number {
  const run = netOf(recorded, key);
  if (stat === 'finalLoss') return finalTrainLoss(run);
  if (stat === 'testError') {
    const last = run.evals.at(-1);
    if (!last) throw new Error(`${key} has no evaluation.`);
    return last.testError;
  }
  const { gradNorm, responseStd } = probeOf(run, at);
  const first = gradNorm[0] ?? Number.NaN;
  const lastLayer = gradNorm.at(-1) ?? Number.NaN;
  switch (stat) {
    case 'gradFirst':
      return first;
    case 'gradLast':
      return lastLayer;
    case 'gradRatio':
      return first / lastLayer;
    case 'gradMax':
      return Math.max(...gradNorm);
    case 'gradMin':
      return Math.min(...gradNorm);
    case 'stdMin':
      return Math.min(...responseStd);
    case 'stdMax':
      return Math.max(...responseStd);
  }
}

/** Deepest ÷ shallowest final training loss within one family. */
export function familyStat(recorded: RecordedRun, family: Family, stat: FamilyStatName): number {
  switch (stat) {
    case 'lossRatio': {
      const depths = [...recorded.config.depths].sort((a, b) => a - b);
      const shallow = depths[0];
      const deep = depths.at(-1);
      if (shallow === undefined || deep === undefined) throw new Error('The recorded run has no depths.');
      return (
        netStat(recorded, `${family}-${deep}`, 'finalLoss') / netStat(recorded, `${family}-${shallow}`, 'finalLoss')
      );
    }
  }
}

/** Passes over the training split that `steps` batches of `batchSize` make. */
export function epochs(steps: number, batchSize: number, trainCount: number): number {
  if (!(trainCount > 0)) throw new Error(`A training split of ${trainCount} images cannot be trained on.`);
  return (steps * batchSize) / trainCount;
}
