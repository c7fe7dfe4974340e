/**
 * The HTML check's ignore list (scripts/check-html.mjs) lets through only what each rule names:
 * the living equation's focusable terms, not tabindex or ARIA on any other MathML.
 */
import { describe, expect, it } from 'vitest';
import { isIgnored } from '../../../scripts/check-html.mjs';

describe('the MathML Core rule', () => {
  const term =
    '<msup data-term="out" tabindex="0" role="img" aria-label="a to the l plus 2: the block output"><mi>a</mi>';
  const operator =
    '<mo form="prefix" stretchy="false" lspace="0em" rspace="0em" data-term="add" tabindex="0" role="img" aria-label="plus: the addition">+</mo>';

  it('lets a marked term of the living equation be focusable and named', () => {
    for (const attribute of ['tabindex', 'role', 'aria-label']) {
      expect(isIgnored(`Attribute “${attribute}” not allowed on element “msup” at this point.`, term)).toBe(true);
      expect(isIgnored(`Attribute “${attribute}” not allowed on element “mo” at this point.`, operator)).toBe(true);
    }
  });

  it('still reports the same attributes on MathML that is not a marked term', () => {
    expect(
      isIgnored('Attribute “tabindex” not allowed on element “mi” at this point.', '<mi tabindex="0">x</mi>'),
    ).toBe(false);
    expect(
      isIgnored(
        'Attribute “aria-label” not allowed on element “msup” at this point.',
        '<msup data-term="out" aria-label="x">',
      ),
    ).toBe(false);
  });

  it('still reports other attributes, and other elements, on a marked term', () => {
    expect(isIgnored('Attribute “onclick” not allowed on element “msup” at this point.', term)).toBe(false);
    expect(isIgnored('Attribute “tabindex” not allowed on element “math” at this point.', term)).toBe(false);
  });
});
