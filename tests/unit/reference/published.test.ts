/**
 * The record of published figures is well formed, and the model zoo reproduces every count it
 * records to within the rounding the source printed.
 */
import { describe, expect, it } from 'vitest';
import { isCitationKey } from '../../../src/lib/bibliography.ts';
import { statValue } from '../../../src/models/index.ts';
import { DERIVED, PUBLISHED, publishedAs } from '../../../src/reference/published.ts';

/** Decimals the source printed: "0.27" → 2, "138" → 0. */
const decimals = (value: string): number => value.split('.')[1]?.length ?? 0;

describe('published figures', () => {
  it.each(PUBLISHED.map((f) => [f.value, f.what, f] as const))('%s (%s) is a number with a source', (_v, _w, f) => {
    expect(Number(f.value.replaceAll(',', ''))).not.toBeNaN();
    expect(isCitationKey(f.source)).toBe(true);
    expect(f.where.trim()).not.toBe('');
  });

  it('records no figure twice', () => {
    const keys = PUBLISHED.map((f) => `${f.value}|${f.what}|${f.where}`);
    expect(keys.length).toBe(new Set(keys).size);
  });

  it.each(PUBLISHED.flatMap((f) => (f.zoo ? [[f.what, f.value, f.zoo] as const] : [])))(
    '%s: the zoo rounds to the published %s',
    (_what, value, zoo) => {
      const computed = statValue(zoo.model, zoo.stat);
      expect(typeof computed).toBe('number');
      expect((Number(computed) / zoo.scale).toFixed(decimals(value))).toBe(value);
    },
  );

  it.each(DERIVED.map((d) => [d.value, d] as const))('derived %s follows from its working', (value, d) => {
    expect(String(d.compute())).toBe(value);
    expect(isCitationKey(d.source)).toBe(true);
  });

  it('finds every work that prints a value', () => {
    expect(publishedAs('28.54').map((f) => f.where)).toEqual(['Table 2', 'Table 3']);
    expect(publishedAs('28.45')).toEqual([]);
  });
});
