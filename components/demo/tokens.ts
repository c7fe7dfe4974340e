/**
 * The demos' colour language as CSS custom properties (defined in src/styles/tokens.css): plain
 * networks in one hue, residual ones in another, depth as shades from shallow to deep. Charts that
 * draw on a canvas resolve the names against the current theme with `resolveColour`.
 */

/** A network family as the demos name it. */
export type FamilyTone = 'plain' | 'residual';

/** The custom property of a family's colour; `shade` 1..3 runs from shallow to deep. */
export function familyColourVar(family: FamilyTone, shade?: 1 | 2 | 3): string {
  return shade === undefined ? `--wrw-${family}` : `--wrw-${family}-${shade}`;
}

/** `var(...)` for use in inline styles and SVG attributes. */
export function familyColour(family: FamilyTone, shade?: 1 | 2 | 3): string {
  return `var(${familyColourVar(family, shade)})`;
}

/** The shade of the i-th of `count` depths (shallow first): one depth takes the middle shade. */
export function depthShade(index: number, count: number): 1 | 2 | 3 {
  if (count <= 1) return 2;
  const position = Math.round((index / (count - 1)) * 2);
  return position <= 0 ? 1 : position >= 2 ? 3 : 2;
}

/** The current value of a custom property (canvas charts cannot use `var(...)`). */
export function resolveColour(variable: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(variable).trim();
  return value || fallback;
}

/** How a curve is drawn: training dashed, test (and single-curve) solid, in every chart and key. */
export type LineKind = 'train' | 'test';

/** The dash pattern of training curves in CSS pixels, as `--wrw-train-dash` in tokens.css. */
export const TRAIN_DASH: readonly number[] = [6, 4];

/** The dash array of a curve of `kind`, or undefined for a solid line. */
export function lineDash(kind: LineKind | undefined): readonly number[] | undefined {
  return kind === 'train' ? TRAIN_DASH : undefined;
}

/** Smallest chart text in CSS pixels (axis ticks, titles, keys). */
export const CHART_TEXT_PX = 12;
