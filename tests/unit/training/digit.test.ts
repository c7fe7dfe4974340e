import { describe, expect, it } from 'vitest';
import { toMnistFrame } from '../../../components/lenet/digit.ts';

function blank(size: number): Float32Array {
  return new Float32Array(size * size);
}

function centreOfMass(frame: Float32Array): { x: number; y: number; mass: number } {
  let mass = 0;
  let x = 0;
  let y = 0;
  frame.forEach((v, i) => {
    mass += v;
    x += v * (i % 28);
    y += v * Math.floor(i / 28);
  });
  return { x: x / mass, y: y / mass, mass };
}

describe('toMnistFrame', () => {
  it('returns an empty frame for an empty pad', () => {
    expect(toMnistFrame(blank(224), 224, 224).every((v) => v === 0)).toBe(true);
  });

  it('scales a stroke in a corner to 20 pixels and centres its mass', () => {
    const ink = blank(224);
    for (let y = 10; y < 90; y += 1) for (let x = 10; x < 30; x += 1) ink[y * 224 + x] = 1; // a bar in the top-left
    const frame = toMnistFrame(ink, 224, 224);
    const rows = new Set<number>();
    frame.forEach((v, i) => {
      if (v > 0.5) rows.add(Math.floor(i / 28));
    });
    expect(rows.size).toBe(20);
    const { x, y } = centreOfMass(frame);
    expect(Math.abs(x - 13.5)).toBeLessThanOrEqual(1);
    expect(Math.abs(y - 13.5)).toBeLessThanOrEqual(1);
  });

  it('keeps values in [0, 1]', () => {
    const ink = blank(56).fill(1);
    const frame = toMnistFrame(ink, 56, 56);
    expect(Math.max(...frame)).toBeLessThanOrEqual(1);
    expect(Math.min(...frame)).toBeGreaterThanOrEqual(0);
  });
});
