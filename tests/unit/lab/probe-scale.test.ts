import { describe, expect, it } from 'vitest';
import { formatPower, logScale, rampColour } from '../../../src/lab/probe-scale.ts';

describe('the probes colour scale', () => {
  it('places values by their logarithm, so each factor of ten is the same step', () => {
    const scale = logScale([0.01, 0.1, 1, 10, Number.NaN, 0, -3, Infinity]);
    expect(scale.min).toBe(0.01);
    expect(scale.max).toBe(10);
    expect(scale.position(0.01)).toBe(0);
    expect(scale.position(0.1)).toBeCloseTo(1 / 3);
    expect(scale.position(1)).toBeCloseTo(2 / 3);
    expect(scale.position(10)).toBe(1);
    expect(scale.position(0)).toBe(0);
    expect(scale.position(1000)).toBe(1);
    expect(scale.ticks.map(formatPower)).toEqual(['0.01', '0.1', '1', '10']);
  });

  it('copes with one value and with none', () => {
    expect(logScale([3]).position(3)).toBe(0.5);
    expect(logScale([]).ticks.length).toBeGreaterThan(0);
    expect(formatPower(1e-5)).toBe('1e-5');
  });

  it('runs from dark to light, so low values never glare on a dark page', () => {
    const lightness = (t: number) => {
      const [r, g, b] = (/rgb\((\d+) (\d+) (\d+)\)/.exec(rampColour(t)) ?? []).slice(1).map(Number);
      return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
    };
    const steps = [0, 0.2, 0.4, 0.6, 0.8, 1].map(lightness);
    for (let i = 1; i < steps.length; i += 1) expect(steps[i]).toBeGreaterThan(steps[i - 1] as number);
    expect(rampColour(0)).toBe('rgb(68 1 84)');
  });
});
