import { describe, expect, it } from 'vitest';
import { fillImageBatch, fillLabelBatch } from '../../../src/training/batches.ts';
import { RunMeter } from '../../../src/training/meter.ts';
import { epochOrder, mulberry32, withSeededMathRandom } from '../../../src/training/random.ts';

describe('batches', () => {
  const images = Uint8Array.from({ length: 3 * 2 * 2 }, (_, i) => i * 10); // three 2x2 images
  const labels = Uint8Array.from([7, 8, 9]);

  it('scales to [0, 1] in the order given', () => {
    const out = new Float32Array(2 * 4);
    fillImageBatch(images, [2, 2, 1], [2, 0], 0, 2, [2, 2, 1], out);
    expect(Array.from(out, (v) => Math.round(v * 255))).toEqual([80, 90, 100, 110, 0, 10, 20, 30]);
    const y = new Int32Array(2);
    fillLabelBatch(labels, [2, 0], 0, 2, y);
    expect(Array.from(y)).toEqual([9, 7]);
  });

  it('centres smaller images in a larger input with zero padding', () => {
    const out = new Float32Array(16).fill(5);
    fillImageBatch(images, [2, 2, 1], [1], 0, 1, [4, 4, 1], out);
    const bytes = Array.from(out, (v) => Math.round(v * 255));
    expect(bytes).toEqual([0, 0, 0, 0, 0, 40, 50, 0, 0, 60, 70, 0, 0, 0, 0, 0]);
  });

  it('refuses an input smaller than the images', () => {
    expect(() => fillImageBatch(images, [2, 2, 1], [0], 0, 1, [1, 1, 1], new Float32Array(1))).toThrow('smaller');
  });
});

describe('RunMeter', () => {
  it('excludes paused time and gives images/s and an ETA', () => {
    let now = 0;
    const meter = new RunMeter(() => now);
    meter.resume(0);
    now = 1000;
    expect(meter.mark(10, 30, 64)).toEqual({ imagesPerSecond: 640, etaMs: 2000, elapsedMs: 1000 });
    meter.pause();
    now = 5000;
    expect(meter.elapsedMs()).toBe(1000);
    meter.resume(10);
    now = 6000;
    expect(meter.mark(20, 30, 64)).toEqual({ imagesPerSecond: 640, etaMs: 1000, elapsedMs: 2000 });
  });

  it('drops the slow warm-up window from the ETA once a second window is measured', () => {
    let now = 0;
    const meter = new RunMeter(() => now);
    meter.resume(0);
    now = 4000; // 10 steps, 400 ms each, with the warm-up
    expect(meter.mark(10, 110, 1).etaMs).toBe(40_000);
    now = 5000; // 10 steps at the real pace of 100 ms each
    expect(meter.mark(20, 110, 1).etaMs).toBe(9000);
    now = 7000; // a slow window is smoothed, not taken whole
    expect(meter.mark(30, 110, 1).etaMs).toBe(80 * (0.7 * 100 + 0.3 * 200));
  });
});

describe('seeded randomness', () => {
  it('mulberry32 is deterministic', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
  it('epochOrder is a permutation that depends on seed and epoch', () => {
    const order = epochOrder(100, 3, 0);
    expect([...order].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(epochOrder(100, 3, 0)).toEqual(order);
    expect(epochOrder(100, 3, 1)).not.toEqual(order);
    expect(epochOrder(100, 4, 0)).not.toEqual(order);
  });
  it('withSeededMathRandom restores Math.random', () => {
    const original = Math.random;
    const first = withSeededMathRandom(9, () => [Math.random(), Math.random()]);
    expect(withSeededMathRandom(9, () => [Math.random(), Math.random()])).toEqual(first);
    expect(Math.random).toBe(original);
  });
});
