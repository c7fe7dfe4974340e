import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { depthShade, familyColour } from '../../../components/demo/tokens.ts';

const css = readFileSync(new URL('../../../src/styles/tokens.css', import.meta.url), 'utf8');

/** The custom properties of the block whose selector is `selector`. */
function block(selector: string): Map<string, string> {
  const start = css.indexOf(`${selector} {`);
  expect(start, `${selector} in tokens.css`).toBeGreaterThanOrEqual(0);
  const body = css.slice(start, css.indexOf('}', start));
  return new Map([...body.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!]));
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

// Starlight 0.42's page backgrounds: --sl-color-black in the dark theme, white in the light one.
const themes = [
  { name: 'dark', selector: ':root', background: '#17181c' },
  { name: 'light', selector: ":root[data-theme='light']", background: '#ffffff' },
];

describe('design tokens', () => {
  for (const theme of themes) {
    it(`every family colour is a visible line in the ${theme.name} theme, and the main ones readable text`, () => {
      const tokens = block(theme.selector);
      expect(tokens.size).toBeGreaterThanOrEqual(8);
      for (const [name, value] of tokens) {
        expect(contrast(value, theme.background), `${name} ${value}`).toBeGreaterThanOrEqual(3);
      }
      for (const name of ['--wrw-plain', '--wrw-residual', '--wrw-neutral']) {
        expect(contrast(tokens.get(name)!, theme.background), name).toBeGreaterThanOrEqual(4.5);
      }
    });

    it(`every depth of a family has a shade of its own in the ${theme.name} theme`, () => {
      const tokens = block(theme.selector);
      for (const family of ['plain', 'residual']) {
        const shades = [1, 2, 3].map((s) => tokens.get(`--wrw-${family}-${String(s)}`));
        expect(new Set(shades).size, `${family}: ${shades.join(', ')}`).toBe(3);
      }
    });
  }

  it('both themes define the same names', () => {
    expect([...block(':root').keys()].sort()).toEqual([...block(":root[data-theme='light']").keys()].sort());
  });

  it('depths run from the first shade to the last', () => {
    expect([0, 1, 2].map((i) => depthShade(i, 3))).toEqual([1, 2, 3]);
    expect(depthShade(0, 1)).toBe(2);
    expect([0, 1].map((i) => depthShade(i, 2))).toEqual([1, 3]);
    expect(familyColour('plain', 3)).toBe('var(--wrw-plain-3)');
  });
});
