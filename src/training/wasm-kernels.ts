/**
 * Training kernels for @tensorflow/tfjs-backend-wasm 4.22, registered before the backend starts:
 *
 * - `Conv2DBackpropFilter`, which the backend lacks (without it, training any convnet throws);
 * - `Conv2DBackpropInput` as one XNNPACK `Conv2D` of dy (spread out with zeros at strides above 1)
 *   with the filter turned half a turn and its channel axes swapped. The backend's own kernel is a
 *   plain loop, about ten times slower than its `Conv2D` on the lab's nets;
 * - `Tile` as a copy of blocks in JavaScript. The backend's kernel computes every element's source
 *   index in a loop, and the gradient of batch normalisation tiles a per-channel vector over the
 *   whole batch once per layer: it took a quarter of a training step of the lab's nets.
 *
 * Each override keeps the backend's own kernel (and its setup) for the cases it does not take.
 * tests/unit/training/wasm-kernels.test.ts holds every path equal to the CPU backend's.
 */
import type * as TfCore from '@tensorflow/tfjs-core';
import type * as Tf from './tf.ts';

/**
 * Which set of these kernels a recorded run used (bench/sweeps rows store it): 1, the backprop
 * filter kernel alone; 2, with the faster backprop input at stride 1 and tile; 3, the backprop input
 * at stride 2 as well. Float sums happen in another order, so runs of one seed differ slightly.
 */
export const WASM_KERNEL_SET = 3;

type TensorInfo = TfCore.TensorInfo;
type NamedAttrMap = TfCore.NamedAttrMap;
type KernelConfig = TfCore.KernelConfig;

/** The parts of the WASM backend the overrides use. */
export interface WasmBackendLike {
  disposeData(dataId: object): boolean;
  makeOutput(shape: number[], dtype: TfCore.DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): TfCore.TypedArray;
}

/** Runs the WASM backend's kernel `name`. */
export function runWasmKernel(
  tf: typeof Tf,
  name: string,
  inputs: Record<string, TensorInfo>,
  attrs: object,
  backend: WasmBackendLike,
): TensorInfo {
  const kernel = tf.getKernel(name, 'wasm');
  if (!kernel) throw new Error(`The WASM backend has no ${name} kernel.`);
  return kernel.kernelFunc({ inputs, attrs: attrs as NamedAttrMap, backend: backend }) as TensorInfo;
}

/**
 * Runs `body` with a `keep` that marks a tensor as temporary; every kept tensor is freed when
 * `body` returns or throws (its result must not be one of them).
 */
function withTemporaries<T>(backend: WasmBackendLike, body: (keep: (t: TensorInfo) => TensorInfo) => T): T {
  const temporaries: TensorInfo[] = [];
  try {
    return body((t) => {
      temporaries.push(t);
      return t;
    });
  } finally {
    for (const t of temporaries) backend.disposeData(t.dataId);
  }
}

/** Marks the kernels this module registered, so that registering twice does not wrap twice. */
const OVERRIDE = Symbol('why-resnets wasm override');

/**
 * Replaces the WASM backend's kernel `name` with `fast`, which returns null for the cases it leaves
 * to the backend's own kernel. The backend's setup function is kept, so its kernel still works.
 */
function override(
  tf: typeof Tf,
  name: string,
  fast: (args: {
    inputs: Record<string, TensorInfo>;
    attrs: NamedAttrMap;
    backend: WasmBackendLike;
  }) => TensorInfo | null,
): void {
  const own = tf.getKernel(name, 'wasm') as (KernelConfig & { [OVERRIDE]?: true }) | undefined;
  if (!own || own[OVERRIDE]) return;
  tf.unregisterKernel(name, 'wasm');
  const config: KernelConfig & { [OVERRIDE]: true } = {
    kernelName: name,
    backendName: 'wasm',
    [OVERRIDE]: true,
    kernelFunc: (args) => {
      const result = fast(args as unknown as Parameters<typeof fast>[0]);
      return result ?? own.kernelFunc(args);
    },
  };
  if (own.setupFunc) config.setupFunc = own.setupFunc;
  if (own.disposeFunc) config.disposeFunc = own.disposeFunc;
  tf.registerKernel(config);
}

/**
 * `values` (of `shape`) tiled `reps` times along each axis into `out`: from the last axis to the
 * first, each block is repeated in place, so every element is copied once per axis it is tiled on.
 */
export function tileInto(
  values: TfCore.TypedArray,
  shape: readonly number[],
  reps: readonly number[],
  out: TfCore.TypedArray,
): void {
  const rank = shape.length;
  // Start with the input at the front of `out`, laid out as it is; grow it axis by axis.
  out.set(values.subarray(0, values.length));
  const dims = [...shape];
  for (let axis = rank - 1; axis >= 0; axis -= 1) {
    const times = reps[axis] ?? 1;
    if (times === 1) continue;
    let inner = 1;
    for (let a = axis; a < rank; a += 1) inner *= dims[a] ?? 1;
    let outer = 1;
    for (let a = 0; a < axis; a += 1) outer *= dims[a] ?? 1;
    // Blocks of `inner` elements, `outer` of them, become `times` copies each: walk backwards so
    // that no block is overwritten before it is copied.
    for (let o = outer - 1; o >= 0; o -= 1) {
      const from = o * inner;
      const to = o * inner * times;
      for (let t = times - 1; t >= 0; t -= 1) out.copyWithin(to + t * inner, from, from + inner);
    }
    dims[axis] = (dims[axis] ?? 1) * times;
  }
}

/**
 * `values` ([n, h, w, k]) into `out` ([n, (h - 1) * sh + 1, (w - 1) * sw + 1, k]) with sh - 1 rows and
 * sw - 1 columns of zeros between its own.
 */
export function spreadInto(
  values: TfCore.TypedArray,
  [n, h, w, k]: readonly [number, number, number, number],
  [sh, sw]: readonly [number, number],
  out: TfCore.TypedArray,
): void {
  out.fill(0);
  const upHeight = (h - 1) * sh + 1;
  const upWidth = (w - 1) * sw + 1;
  for (let b = 0; b < n; b += 1) {
    for (let y = 0; y < h; y += 1) {
      for (let x = 0; x < w; x += 1) {
        const from = ((b * h + y) * w + x) * k;
        const to = ((b * upHeight + y * sh) * upWidth + x * sw) * k;
        out.set(values.subarray(from, from + k), to);
      }
    }
  }
}

function registerTile(tf: typeof Tf): void {
  override(tf, 'Tile', ({ inputs, attrs, backend }) => {
    const x = inputs['x'] as TensorInfo;
    const reps = (attrs as unknown as TfCore.TileAttrs).reps;
    if (x.dtype === 'string' || x.dtype === 'complex64') return null;
    const shape = x.shape.map((d, i) => d * (reps[i] ?? 1));
    const out = backend.makeOutput(shape, x.dtype);
    // Views taken after the output is allocated: allocating may grow (and move) the heap.
    tileInto(backend.typedArrayFromHeap(x), x.shape, reps, backend.typedArrayFromHeap(out));
    return out;
  });
}

function registerConv2DBackpropInput(tf: typeof Tf): void {
  override(tf, 'Conv2DBackpropInput', ({ inputs, attrs, backend }) => {
    const dy = inputs['dy'] as TensorInfo;
    const filter = inputs['filter'] as TensorInfo;
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } =
      attrs as unknown as TfCore.Conv2DBackpropInputAttrs;
    if (dataFormat !== 'NHWC') return null;
    const info = tf.backend_util.computeConv2DInfo(
      inputShape,
      filter.shape as [number, number, number, number],
      strides,
      1,
      pad,
      dimRoundingMode,
      false,
      'channelsLast',
    );
    // y[o] = sum_i x[o*s + i - top] w[i]. Spread dy out with s - 1 zeros between its rows (and
    // columns), to dyUp of (outHeight - 1) * s + 1 rows; then dx[p] = sum_j dyUp[p - (fh - 1 - top) + j]
    // w[fh - 1 - j]: a stride-1 convolution of dyUp, padded fh - 1 - top before and enough after for
    // inHeight rows, with the filter reversed in space and its in/out channels swapped.
    const { top, left } = info.padInfo;
    const { strideHeight: sh, strideWidth: sw } = info;
    const upHeight = (info.outHeight - 1) * sh + 1;
    const upWidth = (info.outWidth - 1) * sw + 1;
    const before = [info.filterHeight - 1 - top, info.filterWidth - 1 - left];
    const after = [info.inHeight - upHeight + top, info.inWidth - upWidth + left];
    if ([...before, ...after].some((p) => p < 0)) return null;
    return withTemporaries(backend, (keep) => {
      let spread = dy;
      if (sh > 1 || sw > 1) {
        const [n = 0, h = 0, w = 0, k = 0] = dy.shape;
        spread = keep(backend.makeOutput([n, upHeight, upWidth, k], 'float32'));
        // Views taken after the output is allocated: allocating may grow (and move) the heap.
        spreadInto(backend.typedArrayFromHeap(dy), [n, h, w, k], [sh, sw], backend.typedArrayFromHeap(spread));
      }
      const reversed = keep(runWasmKernel(tf, 'Reverse', { x: filter }, { dims: [0, 1] }, backend));
      const swapped = keep(runWasmKernel(tf, 'Transpose', { x: reversed }, { perm: [0, 1, 3, 2] }, backend));
      return runWasmKernel(
        tf,
        'Conv2D',
        { x: spread, filter: swapped },
        {
          strides: [1, 1],
          dilations: [1, 1],
          pad: [
            [0, 0],
            [before[0], after[0]],
            [before[1], after[1]],
            [0, 0],
          ],
          dataFormat: 'NHWC',
          dimRoundingMode: undefined,
        },
        backend,
      );
    });
  });
}

/**
 * `Conv2DBackpropFilter`, which the backend lacks, from its own kernels:
 *
 *   dW[i, j, c, k] = sum over n, y, x of xPadded[n, y*s + i, x*s + j, c] * dy[n, y, x, k]
 *
 * which is itself a convolution: swap the batch and channel axes of x (c becomes the batch, n the
 * channels), use dy as the filter ([outHeight, outWidth, n, k]) dilated by the stride, and
 * transpose the [c, fh, fw, k] result back to [fh, fw, c, k]. XNNPACK does the heavy lifting in
 * one Conv2D call instead of fh*fw slices.
 */
function registerConv2DBackpropFilter(tf: typeof Tf): void {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend: rawBackend, attrs }) => {
      const backend = rawBackend as unknown as WasmBackendLike;
      const x = inputs['x'] as TensorInfo;
      const dy = inputs['dy'] as TensorInfo;
      const { strides, pad, dataFormat, dimRoundingMode, filterShape } =
        attrs as unknown as TfCore.Conv2DBackpropFilterAttrs;
      if (dataFormat !== 'NHWC') throw new Error('Conv2DBackpropFilter on WASM supports NHWC only.');
      const info = tf.backend_util.computeConv2DInfo(
        x.shape as [number, number, number, number],
        filterShape,
        strides,
        1,
        pad,
        dimRoundingMode,
        false,
        'channelsLast',
      );
      const { inChannels, outChannels, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth } =
        info;
      const { top, left } = info.padInfo;
      const run = (name: string, kernelInputs: Record<string, TensorInfo>, kernelAttrs: object): TensorInfo =>
        runWasmKernel(tf, name, kernelInputs, kernelAttrs, backend);
      return withTemporaries(backend, (keep) => {
        const inH = x.shape[1] ?? 0;
        const inW = x.shape[2] ?? 0;
        // Pad so that the dilated dy exactly covers fh x fw offsets; crop when x is longer.
        const bottomNeeded = filterHeight + (outHeight - 1) * strideHeight - inH - top;
        const rightNeeded = filterWidth + (outWidth - 1) * strideWidth - inW - left;
        const xT = keep(run('Transpose', { x }, { perm: [3, 1, 2, 0] }));
        const dyT = keep(run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] }));
        let conv = keep(
          run(
            'Conv2D',
            { x: xT, filter: dyT },
            {
              strides: [1, 1],
              dilations: [strideHeight, strideWidth],
              pad: [
                [0, 0],
                [top, Math.max(0, bottomNeeded)],
                [left, Math.max(0, rightNeeded)],
                [0, 0],
              ],
              dataFormat: 'NHWC',
              dimRoundingMode: undefined,
            },
          ),
        );
        if (conv.shape[1] !== filterHeight || conv.shape[2] !== filterWidth) {
          conv = keep(
            run(
              'Slice',
              { x: conv },
              { begin: [0, 0, 0, 0], size: [inChannels, filterHeight, filterWidth, outChannels] },
            ),
          );
        }
        return run('Transpose', { x: conv }, { perm: [1, 2, 0, 3] });
      });
    },
  });
}

/** Registers every training kernel of this module on the 'wasm' backend (idempotent). */
export function registerWasmTrainingKernels(tf: typeof Tf): void {
  registerConv2DBackpropFilter(tf);
  registerConv2DBackpropInput(tf);
  registerTile(tf);
}
