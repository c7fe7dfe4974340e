/**
 * A chart line's identity (its label, family colour and dash) and the short sample of it that the
 * charts' keys and the captions draw.
 */
import { familyColourVar, lineDash, type FamilyTone, type LineKind } from './tokens.ts';

/** One curve: its name in the key, its family colour and whether it is a training (dashed) curve. */
export interface ChartLine {
  readonly label: string;
  /** `neutral` for a curve that is neither plain nor residual (e.g. LeNet's). */
  readonly tone: FamilyTone | 'neutral';
  /** Depth shade 1..3 of a family colour. */
  readonly shade?: 1 | 2 | 3;
  /** `train` draws dashed, `test` (the default) solid. */
  readonly kind?: LineKind;
}

/** The custom property a line is drawn with. */
export function lineToken(line: ChartLine): string {
  return line.tone === 'neutral' ? '--wrw-neutral' : familyColourVar(line.tone, line.shade);
}

/** A short sample of a line, as the key and captions draw it. */
export function LineSample({ line }: { line: ChartLine }) {
  const dash = lineDash(line.kind);
  return (
    <svg class="demo-line-sample" width="24" height="10" viewBox="0 0 24 10" aria-hidden="true">
      <line
        x1="1"
        x2="23"
        y1="5"
        y2="5"
        stroke={`var(${lineToken(line)})`}
        stroke-width="2.5"
        {...(dash ? { 'stroke-dasharray': dash.join(' ') } : {})}
      />
    </svg>
  );
}
