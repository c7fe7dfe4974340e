/**
 * The characters of the site's math font: a subset of STIX Two Math (SIL Open Font License 1.1,
 * src/fonts/OFL.txt) made by `npm run subset-math-font` from this list, so that pages download
 * about 40 KB instead of the whole 400 KB font. Browsers draw a single-letter `<mi>` in its
 * Mathematical Italic form (U+1D434 on), so the italic letters are here beside the upright ones.
 *
 * A formula that needs a character outside this list fails `tests/e2e/math-font.spec.ts`: add the
 * character here and run the script again.
 */

import type { Element, Root } from 'hast';
import { fromHtmlIsomorphic } from 'hast-util-from-html-isomorphic';

/** Every code point from `first` to `last`, inclusive, as a string. */
function range(first: number, last: number): string {
  let text = '';
  for (let code = first; code <= last; code++) text += String.fromCodePoint(code);
  return text;
}

/** Mathematical Script capitals; eight of them live in Letterlike Symbols (the "holes" of U+1D49C on). */
const SCRIPT_CAPITALS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ']
  .map(
    (letter, i) =>
      ({ B: 'ℬ', E: 'ℰ', F: 'ℱ', H: 'ℋ', I: 'ℐ', L: 'ℒ', M: 'ℳ', R: 'ℛ' })[letter] ?? String.fromCodePoint(0x1d49c + i),
  )
  .join('');

/** Mathematical Italic forms that sit outside U+1D434 on, in Letterlike Symbols. */
const ITALIC_HOLES: Readonly<Record<string, string>> = { h: 'ℎ' };

/**
 * The Mathematical Italic form a browser draws for a one-letter `<mi>` (MathML Core's automatic
 * italic), or the character itself when it has none.
 */
export function autoItalic(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (ITALIC_HOLES[char]) return ITALIC_HOLES[char];
  if (code >= 0x41 && code <= 0x5a) return String.fromCodePoint(0x1d434 + code - 0x41);
  if (code >= 0x61 && code <= 0x7a) return String.fromCodePoint(0x1d44e + code - 0x61);
  if (code >= 0x391 && code <= 0x3a9) return String.fromCodePoint(0x1d6e2 + code - 0x391);
  if (code >= 0x3b1 && code <= 0x3c9) return String.fromCodePoint(0x1d6fc + code - 0x3b1);
  return char;
}

/** The characters of the subset font. */
export const MATH_FONT_TEXT: string =
  range(0x20, 0x7e) +
  '\u00a0±×÷·¬' +
  'ΓΔΘΛΞΠΣΦΨΩ' +
  range(0x3b1, 0x3c9) +
  'ϵϑϕ' +
  // Mathematical Italic: A-Z, a-z, and Greek with its variant forms.
  [...(range(0x41, 0x5a) + range(0x61, 0x7a))].map(autoItalic).join('') +
  range(0x1d6e2, 0x1d71b) +
  SCRIPT_CAPITALS +
  '∂∏∑−∓∘≤≥≪≫⋅⋯⋮⋱…∞≈≠≡∼∈∉⊂⊆∪∩∇√∫→←↦⇒⇔⌊⌋⌈⌉⏞⏟⟨⟩‖′″∗∣∥⊙⊗⊕∀∃' +
  range(0x2000, 0x200b) +
  range(0x2061, 0x2064);

/** The token elements of MathML, whose text the browser draws. */
const TOKENS = new Set(['mi', 'mn', 'mo', 'mtext', 'ms']);

/** Every string in a parsed JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/**
 * The characters a browser draws for the `<math>` elements of an HTML page: the text of each token
 * element, with a one-letter `<mi>` in its italic form unless it says `mathvariant="normal"`. Math
 * that an island receives as markup in its props (the living equation's other variants, shown when
 * the reader switches) counts too.
 */
export function drawnMathCharacters(html: string): Set<string> {
  const drawn = new Set<string>();
  const walk = (node: Root | Element, inMath: boolean): void => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      const math = inMath || child.tagName === 'math';
      if (math && TOKENS.has(child.tagName)) {
        const chars = [...child.children.map((c) => (c.type === 'text' ? c.value : '')).join('')];
        const italic = child.tagName === 'mi' && chars.length === 1 && child.properties['mathvariant'] !== 'normal';
        for (const char of chars) drawn.add(italic ? autoItalic(char) : char);
      }
      const props = child.tagName === 'astro-island' ? child.properties['props'] : undefined;
      if (typeof props === 'string' && props.includes('<math')) {
        for (const markup of strings(JSON.parse(props)).filter((text) => text.includes('<math')))
          for (const char of drawnMathCharacters(markup)) drawn.add(char);
      }
      walk(child, math);
    }
  };
  walk(fromHtmlIsomorphic(html), false);
  return drawn;
}
