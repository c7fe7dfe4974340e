/**
 * The `Conv2DBackpropFilter` kernel that @tensorflow/tfjs-backend-wasm 4.22 lacks (without it,
 * training any convnet on WASM throws). Built only from the WASM backend's own kernels:
 *
 *   dW[i, j, c, k] = sum over n, y, x of xPadded[n, y*s + i, x*s + j, c] * dy[n, y, x, k]
 *
 * i.e. im2col (pad, one strided slice per filter tap, concat) then a single matrix product
 * patches^T (fh*fw*cIn x M) times dy (M x cOut), with M = batch * outHeight * outWidth.
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

  const run = (name: string, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap, backend: WasmBackendLike): TensorInfo => {
    const kernel = tf.getKernel(name, 'wasm');
    if (!kernel) throw new Error(`The WASM backend has no ${name} kernel.`);
    return kernel.kernelFunc({ inputs, attrs, backend: backend as unknown as TfCore.KernelBackend }) as TensorInfo;
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
      const { batchSize, inChannels, outChannels, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth } = info;
      const { top, bottom, left, right } = info.padInfo;
      const temporaries: TensorInfo[] = [];
      const keep = (t: TensorInfo): TensorInfo => {
        temporaries.push(t);
        return t;
      };
      try {
        const padded =
          top === 0 && bottom === 0 && left === 0 && right === 0
            ? x
            : keep(
                run('PadV2', { x }, { paddings: [[0, 0], [top, bottom], [left, right], [0, 0]], constantValue: 0 } as unknown as NamedAttrMap, backend),
              );
        const taps: TensorInfo[] = [];
        for (let i = 0; i < filterHeight; i += 1) {
          for (let j = 0; j < filterWidth; j += 1) {
            const attrsSlice = {
              begin: [0, i, j, 0],
              end: [batchSize, i + (outHeight - 1) * strideHeight + 1, j + (outWidth - 1) * strideWidth + 1, inChannels],
              strides: [1, strideHeight, strideWidth, 1],
              beginMask: 0,
              endMask: 0,
              ellipsisMask: 0,
              newAxisMask: 0,
              shrinkAxisMask: 0,
            };
            taps.push(keep(run('StridedSlice', { x: padded }, attrsSlice as unknown as NamedAttrMap, backend)));
          }
        }
        const patches = taps.length === 1 ? (taps[0] as TensorInfo) : keep(run('Concat', taps as unknown as Record<string, TensorInfo>, { axis: 3 } as unknown as NamedAttrMap, backend));
        const rows = batchSize * outHeight * outWidth;
        const columns = filterHeight * filterWidth * inChannels;
        const a = keep(run('Reshape', { x: patches }, { shape: [rows, columns] } as unknown as NamedAttrMap, backend));
        const b = keep(run('Reshape', { x: dy }, { shape: [rows, outChannels] } as unknown as NamedAttrMap, backend));
        const product = keep(run('BatchMatMul', { a, b }, { transposeA: true, transposeB: false } as unknown as NamedAttrMap, backend));
        return run('Reshape', { x: product }, { shape: [filterHeight, filterWidth, inChannels, outChannels] } as unknown as NamedAttrMap, backend);
      } finally {
        for (const t of temporaries) backend.disposeData(t.dataId);
      }
    },
  });
}
