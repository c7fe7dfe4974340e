import { describe, expect, it } from 'vitest';
import {
  estimateRun,
  formatEstimate,
  measurementRounds,
  remainingMs,
  WARMUP_SKIP,
  WARMUP_STEPS,
} from '../../../src/lab/estimate.ts';

describe('the run estimate', () => {
  const config = { steps: 300, evalEvery: 50, probeEvery: 50 };

  it('counts the measurement rounds, step 0 and the last step included', () => {
    expect(measurementRounds(config)).toBe(7);
    expect(measurementRounds({ steps: 310, evalEvery: 50, probeEvery: 100 })).toBe(8);
  });

  it('extrapolates the warm-up: rounds times the round time, plus the measurements', () => {
    // Round of all nets: 600 ms; the first rounds held a 2 s measurement and the skipped steps.
    const firstRound = 1000 + 2000 + WARMUP_SKIP * 600;
    const times = { started: 1000, firstRound, warm: firstRound + WARMUP_STEPS * 600 };
    const estimate = estimateRun(config, times);
    expect(estimate.roundMs).toBeCloseTo(600);
    expect(estimate.measureMs).toBeCloseTo(2000);
    expect(estimate.totalMs).toBeCloseTo(300 * 600 + 7 * 2000);
    expect(formatEstimate(estimate.totalMs)).toBe('about 3 min');
  });

  it('turns to the pace seen once a tenth of the run is done', () => {
    const estimate = { roundMs: 100, measureMs: 0, totalMs: 60_000 };
    expect(remainingMs(estimate, 0.05, 1000)).toBeCloseTo(57_000);
    expect(remainingMs(estimate, 0.5, 40_000)).toBeCloseTo(40_000);
    expect(remainingMs(estimate, 1, 80_000)).toBe(0);
  });

  it('reads as a reader would say it', () => {
    expect(formatEstimate(4000)).toBe('under 10 s');
    expect(formatEstimate(42_000)).toBe('about 40 s');
    expect(formatEstimate(4.2 * 60_000)).toBe('about 4 min');
  });
});
