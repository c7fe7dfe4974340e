/** Number formatting shared by the zoo's views, so a figure reads the same everywhere. */

/** How a count is written: exact with thousands separators, or in millions / billions. */
export type CountFormat = 'exact' | 'M' | 'G' | 'auto';

const NBSP = '\u00a0';

/**
 * Formats a count: 'exact' → "21,797,672"; 'M' → "21.8 M"; 'G' → "3.66 G"; 'auto' picks exact
 * below a million, M below a billion, G above.
 * @param digits decimals for 'M' / 'G' (default 1 for M, 2 for G).
 */
export function formatCount(value: number, format: CountFormat = 'exact', digits?: number): string {
  const f = format === 'auto' ? (value < 1e6 ? 'exact' : value < 1e9 ? 'M' : 'G') : format;
  if (f === 'exact') return value.toLocaleString('en-US');
  const scale = f === 'M' ? 1e6 : 1e9;
  const d = digits ?? (f === 'M' ? 1 : 2);
  return `${(value / scale).toFixed(d)}${NBSP}${f}`;
}
