/**
 * Turns uint8 images into float batches: [0, 255] to [0, 1], centred zero-padding when the model
 * expects larger images than the data (e.g. 28x28 digits into a 32x32 input). Pure functions.
 */

/** [height, width, channels] */
export type ImageShape = readonly [number, number, number];

/**
 * Writes images `indices[start .. start + count)` of `images` into `out`
 * (count x outH x outW x channels, row-major), scaled to [0, 1].
 */
export function fillImageBatch(
  images: Uint8Array,
  shape: ImageShape,
  indices: ArrayLike<number>,
  start: number,
  count: number,
  outShape: ImageShape,
  out: Float32Array,
): void {
  const [h, w, c] = shape;
  const [oh, ow, oc] = outShape;
  if (oc !== c) throw new Error(`The model expects ${oc} channels, the data has ${c}.`);
  if (oh < h || ow < w) throw new Error(`The model input ${oh}x${ow} is smaller than the ${h}x${w} images.`);
  const top = Math.floor((oh - h) / 2);
  const left = Math.floor((ow - w) / 2);
  const perImage = oh * ow * oc;
  const rowIn = w * c;
  const padded = top !== 0 || left !== 0 || oh !== h || ow !== w;
  if (padded) out.fill(0, 0, count * perImage);
  for (let n = 0; n < count; n += 1) {
    const index = indices[start + n] as number;
    const src = index * h * rowIn;
    const dst = n * perImage;
    for (let y = 0; y < h; y += 1) {
      const from = src + y * rowIn;
      const to = dst + ((y + top) * ow + left) * oc;
      for (let i = 0; i < rowIn; i += 1) out[to + i] = (images[from + i] as number) / 255;
    }
  }
}

/** Writes the labels of the same examples into `out` as int32 class ids. */
export function fillLabelBatch(
  labels: Uint8Array,
  indices: ArrayLike<number>,
  start: number,
  count: number,
  out: Int32Array,
): void {
  for (let n = 0; n < count; n += 1) out[n] = labels[indices[start + n] as number] as number;
}
