/**
 * The `Conv2DBackpropFilter` kernel that @tensorflow/tfjs-backend-wasm 4.22 lacks (without it,
 * training any convnet on WASM throws). Built only from the WASM backend's own kernels:
 *
 *   dW[i, j, c, k] = sum over n, y, x of xPadded[n, y*s + i, x*s + j, c] * dy[n, y, x, k]
 *
 * which is itself a convolution: swap the batch and channel axes of x (c becomes the batch,
 * n the channels), use dy as the filter ([outHeight, outWidth, n, k]) dilated by the stride, and
 * transpose the [c, fh, fw, k] result back to [fh, fw, c, k]. XNNPACK does the heavy lifting in
 * one Conv2D call instead of fh*fw slices.
 */
import type * as TfCore from '@tensorflow/tfjs-core';

type TensorInfo = TfCore.TensorInfo;
type NamedAttrMap = TfCore.NamedAttrMap;

interface WasmBackendLike {
  disposeData(dataId: object): boolean;
}

/** Attributes of the kernel, as tfjs-core passes them. */
interface BackpropFilterAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | TfCore.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/** Registers the kernel on the 'wasm' backend unless one is already registered. */
export function registerWasmConv2DBackpropFilter(tf: typeof TfCore): void {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;

  const run = (
    name: string,
    inputs: Record<string, TensorInfo>,
    attrs: NamedAttrMap,
    backend: WasmBackendLike,
  ): TensorInfo => {
    const kernel = tf.getKernel(name, 'wasm');
    if (!kernel) throw new Error(`The WASM backend has no ${name} kernel.`);
    return kernel.kernelFunc({ inputs, attrs, backend: backend }) as TensorInfo;
  };

  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend: rawBackend, attrs }) => {
      const backend = rawBackend as unknown as WasmBackendLike;
      const x = inputs['x'] as TensorInfo;
      const dy = inputs['dy'] as TensorInfo;
      const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as BackpropFilterAttrs;
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
      const temporaries: TensorInfo[] = [];
      const keep = (t: TensorInfo): TensorInfo => {
        temporaries.push(t);
        return t;
      };
      const attrs_ = (value: object) => value as unknown as NamedAttrMap;
      try {
        const inH = x.shape[1] ?? 0;
        const inW = x.shape[2] ?? 0;
        // Pad so that the dilated dy exactly covers fh x fw offsets; crop when x is longer.
        const bottomNeeded = filterHeight + (outHeight - 1) * strideHeight - inH - top;
        const rightNeeded = filterWidth + (outWidth - 1) * strideWidth - inW - left;
        const xT = keep(run('Transpose', { x }, attrs_({ perm: [3, 1, 2, 0] }), backend));
        const dyT = keep(run('Transpose', { x: dy }, attrs_({ perm: [1, 2, 0, 3] }), backend));
        let conv = keep(
          run(
            'Conv2D',
            { x: xT, filter: dyT },
            attrs_({
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
            }),
            backend,
          ),
        );
        if (conv.shape[1] !== filterHeight || conv.shape[2] !== filterWidth) {
          conv = keep(
            run(
              'Slice',
              { x: conv },
              attrs_({ begin: [0, 0, 0, 0], size: [inChannels, filterHeight, filterWidth, outChannels] }),
              backend,
            ),
          );
        }
        return run('Transpose', { x: conv }, attrs_({ perm: [1, 2, 0, 3] }), backend);
      } finally {
        for (const t of temporaries) backend.disposeData(t.dataId);
      }
    },
  });
}
