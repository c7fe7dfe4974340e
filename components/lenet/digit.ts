/**
 * Makes a drawn digit look like an MNIST digit before the model sees it: crop to the ink, scale the
 * longer side to 20 pixels, and centre the centre of mass in a 28x28 frame (how the MNIST digits
 * were prepared). Pure and DOM-free.
 */

/** MNIST's frame and the box the digit is scaled into. */
const SIDE = 28;
const BOX = 20;

/**
 * `ink` is width x height intensities in [0, 1] (row-major). Returns 28x28 intensities in [0, 1];
 * all zeros when there is no ink.
 */
export function toMnistFrame(ink: Float32Array, width: number, height: number): Float32Array {
  const out = new Float32Array(SIDE * SIDE);
  let top = height;
  let bottom = -1;
  let left = width;
  let right = -1;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if ((ink[y * width + x] ?? 0) > 0.05) {
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
  }
  if (bottom < 0) return out;
  const boxW = right - left + 1;
  const boxH = bottom - top + 1;
  const scale = Math.max(boxW, boxH) / BOX;
  const w = Math.max(1, Math.round(boxW / scale));
  const h = Math.max(1, Math.round(boxH / scale));
  // Box-filter each target pixel over its source area.
  const small = new Float32Array(w * h);
  for (let ty = 0; ty < h; ty += 1) {
    const y0 = top + ty * scale;
    const y1 = Math.min(bottom + 1, y0 + scale);
    for (let tx = 0; tx < w; tx += 1) {
      const x0 = left + tx * scale;
      const x1 = Math.min(right + 1, x0 + scale);
      let sum = 0;
      let area = 0;
      for (let sy = Math.floor(y0); sy < Math.ceil(y1); sy += 1) {
        const wy = Math.min(y1, sy + 1) - Math.max(y0, sy);
        for (let sx = Math.floor(x0); sx < Math.ceil(x1); sx += 1) {
          const wx = Math.min(x1, sx + 1) - Math.max(x0, sx);
          sum += (ink[sy * width + sx] ?? 0) * wx * wy;
          area += wx * wy;
        }
      }
      small[ty * w + tx] = area > 0 ? sum / area : 0;
    }
  }
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      const v = small[y * w + x] ?? 0;
      mass += v;
      mx += v * x;
      my += v * y;
    }
  }
  const cx = mass > 0 ? mx / mass : (w - 1) / 2;
  const cy = mass > 0 ? my / mass : (h - 1) / 2;
  const offsetX = Math.min(SIDE - w, Math.max(0, Math.round(SIDE / 2 - 0.5 - cx)));
  const offsetY = Math.min(SIDE - h, Math.max(0, Math.round(SIDE / 2 - 0.5 - cy)));
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) out[(y + offsetY) * SIDE + x + offsetX] = Math.min(1, small[y * w + x] ?? 0);
  }
  return out;
}
