/**
 * A two-dimensional slice of a trained network's loss surface, as Li et al. (2018, §4) draw it: two
 * random directions in weight space, each normalised filter by filter to the norms of the model's
 * own filters, and the loss on a fixed batch at θ + α·δ + β·η for α, β on a grid.
 *
 * Conventions (Li et al.'s "filter normalisation", with their choice of ignoring biases and BN):
 * - a filter is one output unit's slice of a kernel: the last axis of a conv kernel
 *   `[kh, kw, cin, cout]` or a dense kernel `[in, out]` (TF.js is channels-last);
 * - parameters of rank 1 (biases, BatchNorm γ and β) get a zero direction, so they stay as trained;
 * - BatchNorm's moving mean and variance are not trainable and stay as trained; the loss is
 *   evaluated in inference mode, so every grid point sees the same normalisation statistics.
 *
 * A `SurfaceScan` evaluates the grid one row per call, so a job of the training driver can step
 * it; `computeSurface` drives one scan to the end. The weights are written in place while the grid
 * is evaluated and restored when the scan is disposed: before `computeSurface` returns, also when it
 * throws or is cancelled.
 */
import type { Model } from '../models/graph.ts';
import { inferenceSums, type LabelledImages } from './inference.ts';
import type * as Tf from './tf.ts';

/** A slice's settings. */
export interface SurfaceOptions {
  /** Grid points per axis (odd, so that the centre is the trained model): 21 gives 441 points. */
  readonly resolution: number;
  /** α and β run over [-range, range]. */
  readonly range: number;
  /** Seeds both directions. */
  readonly seed: number;
  /** Images per forward pass while evaluating one grid point. */
  readonly chunk?: number;
}

/** The evaluation batch: images `[n, h, w, c]` and integer labels `[n]`. */
export type SurfaceBatch = LabelledImages;

/** A computed slice. */
export interface Surface {
  readonly resolution: number;
  readonly range: number;
  readonly seed: number;
  /** Grid coordinates, the same for α and β: `resolution` values from -range to range. */
  readonly axis: readonly number[];
  /** Mean cross-entropy at (α_i, β_j), row-major by β: `loss[j * resolution + i]`. */
  readonly loss: readonly number[];
}

/** Progress after each grid row. */
export interface SurfaceProgress {
  readonly done: number;
  readonly total: number;
}

/** What `computeSurface` may call between rows: progress, cancellation and yielding. */
export interface SurfaceHooks {
  readonly onProgress?: (progress: SurfaceProgress) => void;
  /** Throw (or return a rejected promise) to cancel; called between rows. */
  readonly yieldBetweenRows?: () => Promise<void>;
}

/** Checks the options, naming the setting that is wrong. */
export function validateSurfaceOptions(options: SurfaceOptions): void {
  const { resolution, range } = options;
  if (!Number.isInteger(resolution) || resolution < 3 || resolution > 61 || resolution % 2 === 0)
    throw new Error(`The grid resolution must be an odd whole number from 3 to 61 (got ${String(resolution)}).`);
  if (!(range > 0 && range <= 10)) throw new Error(`The range must be above 0 and at most 10 (got ${String(range)}).`);
  if (!Number.isInteger(options.seed))
    throw new Error(`The seed must be a whole number (got ${String(options.seed)}).`);
}

/** The grid coordinates: `resolution` evenly spaced values from -range to range. */
export function surfaceAxis(resolution: number, range: number): number[] {
  const half = (resolution - 1) / 2;
  return Array.from({ length: resolution }, (_, i) => (range * (i - half)) / half);
}

/**
 * One random direction with the model's filter norms: a standard normal draw for every trainable
 * weight of rank ≥ 2, rescaled so that each filter (slice along the last axis) has the norm of the
 * same filter of the model; zeros for rank-1 weights. The caller owns the returned tensors.
 */
export function filterNormalizedDirection(tf: typeof Tf, weights: readonly Tf.Tensor[], seed: number): Tf.Tensor[] {
  return weights.map((w, index) =>
    tf.tidy(() => {
      if (w.rank < 2) return tf.zerosLike(w);
      const axes = Array.from({ length: w.rank - 1 }, (_, i) => i);
      // One stream per weight, so adding a layer does not change the directions of the others.
      const d = tf.randomNormal(w.shape, 0, 1, 'float32', (seed * 7919 + index * 104_729) >>> 0);
      // tf.norm takes at most two axes; a conv kernel's filter spans three.
      const filterNorm = tf.sqrt(tf.sum(tf.square(w), axes, true));
      const directionNorm = tf.sqrt(tf.sum(tf.square(d), axes, true));
      return tf.mul(d, tf.div(filterNorm, tf.maximum(directionNorm, 1e-12)));
    }),
  );
}

/** Mean cross-entropy of the model on the batch, in inference mode, as a scalar tensor. */
function batchLoss(tf: typeof Tf, model: Model, batch: SurfaceBatch, chunk: number): Tf.Scalar {
  return tf.tidy(() => {
    const [lossSum] = tf.unstack(inferenceSums(tf, model, batch, chunk));
    return tf.div<Tf.Scalar>(lossSum as Tf.Scalar, batch.images.shape[0]);
  });
}

/**
 * A slice evaluated one row (fixed β) at a time, so that a job of the driver can queue a row in a
 * synchronous step and read it back in a measurement. Owns clones of the trained weights and both
 * directions; `dispose()` writes the trained weights back and frees them.
 */
export class SurfaceScan {
  readonly axis: readonly number[];
  private readonly tf: typeof Tf;
  private readonly model: Model;
  private readonly batch: SurfaceBatch;
  private readonly options: SurfaceOptions;
  private readonly chunk: number;
  private readonly variables: Tf.Variable[];
  private readonly trained: Tf.Tensor[];
  private readonly delta: Tf.Tensor[];
  private readonly eta: Tf.Tensor[];
  private readonly loss: number[] = [];
  private pending: Tf.Tensor1D | null = null;
  private disposed = false;

  constructor(tf: typeof Tf, model: Model, batch: SurfaceBatch, options: SurfaceOptions) {
    validateSurfaceOptions(options);
    this.tf = tf;
    this.model = model;
    this.batch = batch;
    this.options = options;
    this.chunk = options.chunk ?? 256;
    this.axis = surfaceAxis(options.resolution, options.range);
    this.variables = model.trainableWeights;
    this.trained = this.variables.map((v) => tf.clone(v));
    this.delta = filterNormalizedDirection(tf, this.trained, options.seed);
    this.eta = filterNormalizedDirection(tf, this.trained, options.seed + 1);
  }

  /** Grid points evaluated and read so far, and in all. */
  get progress(): SurfaceProgress {
    return { done: this.loss.length, total: this.options.resolution ** 2 };
  }

  /** True once every row has been read. */
  get finished(): boolean {
    return this.loss.length === this.options.resolution ** 2;
  }

  /** True while a queued row waits to be read. */
  get rowQueued(): boolean {
    return this.pending !== null;
  }

  /** Queues the next row's losses (synchronous; reads nothing back). The weights stay moved. */
  queueRow(): void {
    if (this.disposed) throw new Error('This surface scan was disposed.');
    if (this.pending || this.finished) return;
    const tf = this.tf;
    const beta = this.axis[this.loss.length / this.options.resolution] ?? Number.NaN;
    this.pending = tf.tidy(() => {
      const values: Tf.Scalar[] = [];
      for (const alpha of this.axis) {
        this.variables.forEach((v, k) => {
          const moved = tf.add(tf.mul(this.delta[k] as Tf.Tensor, alpha), tf.mul(this.eta[k] as Tf.Tensor, beta));
          v.assign(tf.add(this.trained[k] as Tf.Tensor, moved));
        });
        values.push(batchLoss(tf, this.model, this.batch, this.chunk));
      }
      return tf.stack(values) as Tf.Tensor1D;
    });
  }

  /** Reads the queued row (one `await data()`); returns the progress after it. */
  async readRow(): Promise<SurfaceProgress> {
    const row = this.pending;
    if (!row) throw new Error('No row of the surface is queued.');
    try {
      const data = await row.data();
      if (!this.disposed) this.loss.push(...Array.from(data));
    } finally {
      row.dispose();
      if (this.pending === row) this.pending = null;
    }
    return this.progress;
  }

  /** The slice, once every row has been read. */
  result(): Surface {
    if (!this.finished) throw new Error('The surface is not complete yet.');
    const { resolution, range, seed } = this.options;
    return { resolution, range, seed, axis: [...this.axis], loss: [...this.loss] };
  }

  /** Writes the trained weights back and frees the directions (and a row never read). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.variables.forEach((v, k) => v.assign(this.trained[k] as Tf.Tensor));
    this.tf.dispose([...this.trained, ...this.delta, ...this.eta]);
    this.pending?.dispose();
    this.pending = null;
  }
}

/**
 * Evaluates the loss of `model` on `batch` over the grid, driving a `SurfaceScan` row by row. Each
 * row (fixed β) is read back with one `await data()`, then `hooks.yieldBetweenRows` runs, so a
 * worker can report progress and cancel between rows. The model's weights are restored before this
 * returns or throws.
 */
export async function computeSurface(
  tf: typeof Tf,
  model: Model,
  batch: SurfaceBatch,
  options: SurfaceOptions,
  hooks: SurfaceHooks = {},
): Promise<Surface> {
  const scan = new SurfaceScan(tf, model, batch, options);
  try {
    while (!scan.finished) {
      scan.queueRow();
      // Read before reporting: in `onProgress?.(await scan.readRow())` a missing callback would
      // skip the read too, leaving the row queued and this loop spinning without a single await.
      const progress = await scan.readRow();
      hooks.onProgress?.(progress);
      if (hooks.yieldBetweenRows) await hooks.yieldBetweenRows();
    }
    return scan.result();
  } finally {
    scan.dispose();
  }
}

/** The loss at (α, β) = (0, 0): the trained model itself. */
export function centreLoss(surface: Surface): number {
  const mid = (surface.resolution - 1) / 2;
  return surface.loss[mid * surface.resolution + mid] ?? Number.NaN;
}

/** The loss along α at β = 0: the 1-D slice for screen readers and small screens. */
export function alphaSlice(surface: Surface): number[] {
  const mid = (surface.resolution - 1) / 2;
  return surface.loss.slice(mid * surface.resolution, (mid + 1) * surface.resolution);
}

/**
 * How rough a slice is, independent of its scale: the mean absolute second difference over the
 * mean absolute first difference, along both axes. A smooth bowl sampled on a fine grid gives a
 * small value (about the grid step times curvature over slope); white noise gives about 2.
 * Computed on the log of the loss, as Li et al. plot it, so one steep wall does not dominate.
 */
export function roughness(surface: Surface): number {
  const n = surface.resolution;
  const at = (i: number, j: number): number => Math.log(surface.loss[j * n + i] ?? Number.NaN);
  let first = 0;
  let second = 0;
  let firstCount = 0;
  let secondCount = 0;
  for (let j = 0; j < n; j += 1) {
    for (let i = 0; i < n; i += 1) {
      for (const [di, dj] of [
        [1, 0],
        [0, 1],
      ] as const) {
        if (i + di < n && j + dj < n) {
          first += Math.abs(at(i + di, j + dj) - at(i, j));
          firstCount += 1;
        }
        if (i + 2 * di < n && j + 2 * dj < n) {
          second += Math.abs(at(i + 2 * di, j + 2 * dj) - 2 * at(i + di, j + dj) + at(i, j));
          secondCount += 1;
        }
      }
    }
  }
  return second / secondCount / Math.max(first / firstCount, 1e-12);
}

/** Grid points lower than all four neighbours (interior points only): many means a chaotic surface. */
export function localMinima(surface: Surface): number {
  const n = surface.resolution;
  const at = (i: number, j: number): number => surface.loss[j * n + i] ?? Number.NaN;
  let count = 0;
  for (let j = 1; j < n - 1; j += 1) {
    for (let i = 1; i < n - 1; i += 1) {
      const v = at(i, j);
      if (v < at(i - 1, j) && v < at(i + 1, j) && v < at(i, j - 1) && v < at(i, j + 1)) count += 1;
    }
  }
  return count;
}
