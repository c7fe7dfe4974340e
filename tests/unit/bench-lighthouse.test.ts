import { describe, expect, it } from 'vitest';
import { calibratedMultiplier } from '../../bench/lib/lighthouse.mjs';
import { medianRun } from '../../scripts/bench-lighthouse.mjs';

describe('the Lighthouse bench', () => {
  it('scales the 4x CPU slowdown to the benchmark index, never below 1x', () => {
    expect(calibratedMultiplier(1750)).toBe(4);
    expect(calibratedMultiplier(875)).toBe(2);
    expect(calibratedMultiplier(2000)).toBe(4.6);
    expect(calibratedMultiplier(300)).toBe(1);
    expect(() => calibratedMultiplier(0)).toThrow(/benchmark index/);
  });

  it('keeps the median run, the worse of the two middles', () => {
    const run = (performance: number, tbtMs: number) =>
      ({ scores: { performance }, tbtMs }) as unknown as Parameters<typeof medianRun>[0][number];
    expect(medianRun([run(90, 100), run(70, 900), run(80, 400)]).tbtMs).toBe(400);
    expect(medianRun([run(90, 100), run(80, 400)]).tbtMs).toBe(400);
    expect(() => medianRun([])).toThrow(/no runs/);
  });
});
