/**
 * The kernels of TF.js's WASM binary that the demos call: the names that the setup functions of the
 * kernels ./backends/wasm.ts registers look up with `cwrap`. Everything else in the binary that only
 * other kernels reach is cut out of the copy the site serves (src/lib/wasm-trim.ts).
 *
 * Derived, not guessed: tests/unit/training/wasm-exports.test.ts runs every registered setup
 * function against a recording stand-in and requires this exact list. A kernel added to
 * ./kernels.ts without its name here fails that test rather than a reader's run.
 */
export const WASM_KERNEL_EXPORTS: readonly string[] = [
  'Abs',
  'Add',
  'AddN',
  'ArgMax',
  'AvgPool',
  'AvgPoolGrad',
  'BatchMatMul',
  'ClipByValue',
  'Conv2D',
  'Conv2DBackpropInput',
  'Equal',
  'Exp',
  'FusedBatchNorm',
  'FusedConv2D',
  'GreaterEqual',
  'LessEqual',
  'Log',
  'LogicalAnd',
  'Max',
  'MaxPool',
  'MaxPoolGrad',
  'Maximum',
  'Mean',
  'Multiply',
  'Neg',
  'NotEqual',
  'OneHot',
  'PadV2',
  'Pow',
  'RealDiv',
  'Relu',
  'Reverse',
  'Rsqrt',
  'SelectV2',
  'Softmax',
  'Sqrt',
  'Square',
  'SquaredDifference',
  'Step',
  'Sub',
  'Sum',
  'Tile',
  'Transpose',
  '_FusedMatMul',
];
