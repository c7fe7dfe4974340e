/**
 * How long a lab run will take on the reader's machine, from a short warm-up measured at its start.
 * The networks step in turn (one round = one step of every network), so the run's time is its rounds
 * times the measured round time, plus its measurements (test error and probes) at the cost the first
 * one took. DOM-free; the island passes the times it saw.
 */
import type { ExperimentConfig } from './config.ts';

/** Steps before the clock starts: the first ones set up kernels and optimiser state, and run slow. */
export const WARMUP_SKIP = 2;

/** Steps of every network timed after {@link WARMUP_SKIP} to give the round time. */
export const WARMUP_STEPS = 4;

/** A run expected to take longer than this asks the reader before it goes on. */
export const LONG_RUN_MS = 90_000;

/** Steps after which the warm-up's clock readings are taken. */
export const WARMUP_MARKS: readonly [number, number] = [WARMUP_SKIP, WARMUP_SKIP + WARMUP_STEPS];

/** Clock readings (ms) of one run's warm-up, as the page saw them. */
export interface WarmupTimes {
  /** The experiment started (networks built). */
  readonly started: number;
  /** Every network has done its first {@link WARMUP_SKIP} steps (after the measurement at step 0). */
  readonly firstRound: number;
  /** Every network has done WARMUP_SKIP + WARMUP_STEPS steps. */
  readonly warm: number;
}

/** What the estimate found. */
export interface RunEstimate {
  /** One step of every network. */
  readonly roundMs: number;
  /** One measurement round (evaluation and probes of every network). */
  readonly measureMs: number;
  /** The whole run, from its start. */
  readonly totalMs: number;
}

/** Measurement rounds of a run, including the one at step 0 and the one at the end. */
export function measurementRounds(config: Pick<ExperimentConfig, 'steps' | 'evalEvery' | 'probeEvery'>): number {
  const every = Math.min(config.evalEvery, config.probeEvery);
  return Math.floor(config.steps / every) + (config.steps % every === 0 ? 1 : 2);
}

/**
 * The whole run's time from its warm-up. The first rounds hold the step-0 measurement and the slow
 * first steps, which count as measurement time (so the estimate errs long, not short).
 */
export function estimateRun(
  config: Pick<ExperimentConfig, 'steps' | 'evalEvery' | 'probeEvery'>,
  times: WarmupTimes,
): RunEstimate {
  const roundMs = Math.max(0, times.warm - times.firstRound) / WARMUP_STEPS;
  const measureMs = Math.max(0, times.firstRound - times.started - WARMUP_SKIP * roundMs);
  const totalMs = config.steps * roundMs + measurementRounds(config) * measureMs;
  return { roundMs, measureMs, totalMs };
}

/**
 * Time left once a fraction of the run is done: the estimate's share at first, and the pace
 * actually seen once a tenth of the run is behind (it includes pauses the reader made, so it
 * reads elapsed training time only).
 */
export function remainingMs(estimate: RunEstimate, fractionDone: number, trainingMs: number): number {
  const done = Math.min(1, Math.max(0, fractionDone));
  if (done >= 1) return 0;
  if (done < 0.1) return estimate.totalMs * (1 - done);
  return (trainingMs / done) * (1 - done);
}

/** "about 4 min", "about 40 s", "under 10 s": a reader-facing duration. */
export function formatEstimate(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 10) return 'under 10 s';
  if (seconds < 90) return `about ${Math.round(seconds / 10) * 10} s`;
  return `about ${Math.round(seconds / 60)} min`;
}
