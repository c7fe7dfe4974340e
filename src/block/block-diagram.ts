/**
 * The parts of the block diagram and the equation terms that name them, for both blocks. A term
 * highlights its parts of the diagram and a part highlights its terms. DOM-free.
 */
import type { BlockVariant } from './block-math.ts';

/** An equation term, as marked with `\htmlData{term=…}` in ./equation-tex.ts. */
export type TermId = 'out' | 'g' | 'z' | 'add' | 'a' | 'W2' | 'a1' | 'b2';

/** A drawn part of the block. */
export type PartId = 'in' | 'w1' | 'act1' | 'w2' | 'shortcut' | 'add' | 'act2' | 'out';

/** Every term, in reading order. */
export const TERMS: readonly TermId[] = ['out', 'g', 'z', 'add', 'a', 'W2', 'a1', 'b2'];

/** Accessible names of the terms. */
export const TERM_LABELS: Readonly<Record<TermId, string>> = {
  out: 'a to the l plus 2: the block output',
  g: 'g: the nonlinearity after the addition',
  z: 'z to the l plus 2: the residual branch output',
  add: 'plus: the addition of the shortcut',
  a: 'a to the l: the block input, carried by the shortcut',
  W2: 'W to the l plus 2: the second weight layer',
  a1: 'a to the l plus 1: the first layer output',
  b2: 'b to the l plus 2: the second layer bias',
};

/** Which diagram parts each term names, per block. */
export const TERM_PARTS: Readonly<Record<BlockVariant, Readonly<Record<TermId, readonly PartId[]>>>> = {
  original: {
    out: ['out'],
    g: ['act2'],
    z: ['w1', 'act1', 'w2'],
    add: ['add'],
    a: ['in', 'shortcut'],
    W2: ['w2'],
    a1: ['act1'],
    b2: ['w2'],
  },
  preact: {
    out: ['out'],
    // The pre-activation block has no g after the addition; g sits inside the branch.
    g: ['act1', 'act2'],
    z: ['act1', 'w1', 'act2', 'w2'],
    add: ['add'],
    a: ['in', 'shortcut'],
    W2: ['w2'],
    a1: ['act2'],
    b2: ['w2'],
  },
};

/** The terms that name a part (the reverse of {@link TERM_PARTS}). */
export function termsOfPart(variant: BlockVariant, part: PartId): TermId[] {
  const map = TERM_PARTS[variant];
  return TERMS.filter((t) => map[t].includes(part));
}

/** The parts a term names. */
export function partsOfTerm(variant: BlockVariant, term: TermId): readonly PartId[] {
  return TERM_PARTS[variant][term];
}

/** Type guard for term ids read from `data-term`. */
export function isTermId(value: unknown): value is TermId {
  return typeof value === 'string' && (TERMS as readonly string[]).includes(value);
}

/** What the reader points at: an equation term, a part of the diagram, or nothing. */
export type Focus =
  { readonly kind: 'term'; readonly id: TermId } | { readonly kind: 'part'; readonly id: PartId } | null;

/** The terms and parts a focus lights: the one pointed at, and those that name it or that it names. */
export function litBy(
  variant: BlockVariant,
  focus: Focus,
): { readonly terms: ReadonlySet<TermId>; readonly parts: ReadonlySet<PartId> } {
  if (focus?.kind === 'term') return { terms: new Set([focus.id]), parts: new Set(partsOfTerm(variant, focus.id)) };
  if (focus?.kind === 'part') return { terms: new Set(termsOfPart(variant, focus.id)), parts: new Set([focus.id]) };
  return { terms: new Set(), parts: new Set() };
}
