/** The one call of subset-font (no types of its own) that the build and the tests make. */
declare module 'subset-font' {
  /**
   * A font cut down to the characters of `text` with HarfBuzz (OpenType layout and MATH tables kept).
   * @param font the font, in any format HarfBuzz reads (sfnt, WOFF, WOFF2)
   */
  export default function subsetFont(
    font: Uint8Array,
    text: string,
    options?: { targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype' },
  ): Promise<Buffer>;
}
