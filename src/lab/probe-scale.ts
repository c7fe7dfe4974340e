/**
 * The colour scale of the lab's per-layer probes: logarithmic, because gradient norms and response
 * spreads span orders of magnitude and a linear scale whitens all but the largest; and a ramp that
 * runs from dark to light in both themes with a steady rise in lightness (viridis), so small values
 * never glare on a dark page. DOM-free: the island draws the cells and the colour bar from it.
 */

/** A log scale over the positive values it was built from. */
export interface LogScale {
  readonly min: number;
  readonly max: number;
  /** Position of `value` on the scale, 0 at `min` and 1 at `max` (clamped; 0 for values ≤ 0). */
  position(value: number): number;
  /** Powers of ten within [min, max] (at least the two ends when none falls inside). */
  readonly ticks: readonly number[];
}

/** A log scale spanning every positive, finite value of `values`. */
export function logScale(values: Iterable<number>): LogScale {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!(v > 0) || !Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === Infinity) {
    min = 1;
    max = 1;
  }
  const lo = Math.log10(min);
  const span = Math.log10(max) - lo;
  const position = (value: number) =>
    value > 0 && span > 0 ? Math.min(1, Math.max(0, (Math.log10(value) - lo) / span)) : value > 0 ? 0.5 : 0;
  const ticks: number[] = [];
  for (let p = Math.ceil(lo - 1e-9); p <= Math.log10(max) + 1e-9; p += 1) ticks.push(10 ** p);
  return { min, max, position, ticks: ticks.length > 0 ? ticks : [min, max] };
}

/** Viridis at nine even stops (matplotlib's, dark purple to yellow). */
const VIRIDIS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];

/** The ramp's colour at `t` in [0, 1], as `rgb(r g b)`. */
export function rampColour(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i] as readonly [number, number, number];
  const b = VIRIDIS[i + 1] as readonly [number, number, number];
  const mix = (k: 0 | 1 | 2) => Math.round(a[k] + (b[k] - a[k]) * f);
  return `rgb(${mix(0)} ${mix(1)} ${mix(2)})`;
}

/** "1e-3", "0.1", "10": a power of ten as a short label. */
export function formatPower(value: number): string {
  const p = Math.round(Math.log10(value));
  if (Math.abs(10 ** p - value) / value > 1e-6) return value.toPrecision(2);
  return p >= -2 && p <= 3 ? String(10 ** p) : `1e${p}`;
}
