/**
 * TF.js core for the engine, with the gradients the demos take registered (./gradients.ts). There
 * is no `@tensorflow/tfjs` umbrella package here, and tfjs-core alone registers no gradients, so
 * every engine module imports TF.js through this file.
 *
 * It names what the engine uses rather than re-exporting all of tfjs-core: the engine passes this
 * module around as a value (`typeof Tf`), so a bundler keeps every export it has, and `export *`
 * kept every op. A module that needs another op adds it here.
 *
 * In the browser these paths are the same ES modules as '@tensorflow/tfjs-core'. In Node the
 * package resolves to its CommonJS bundle, and the gradients come from the ES build; its side
 * effects must run first so that the tensors its gradient functions create have their methods.
 * Both copies share one engine and one kernel registry (TF.js keeps them on the global object).
 */
import '@tensorflow/tfjs-core/dist/base_side_effects';
import './gradients.ts';

export {
  AdamOptimizer,
  add,
  addN,
  argMax,
  avgPool,
  backend,
  backend_util,
  cast,
  clipByValue,
  clone,
  concat,
  conv2d,
  dispose,
  div,
  env,
  equal,
  expandDims,
  gather,
  getBackend,
  getKernel,
  keep,
  localResponseNormalization,
  log,
  losses,
  matMul,
  maximum,
  mean,
  memory,
  MomentumOptimizer,
  moments,
  mul,
  neg,
  norm,
  notEqual,
  oneHot,
  ones,
  pad,
  randomNormal,
  randomUniform,
  ready,
  registerKernel,
  relu,
  scalar,
  setBackend,
  SGDOptimizer,
  sign,
  slice,
  softmax,
  split,
  sqrt,
  square,
  stack,
  sub,
  sum,
  Tensor,
  tensor,
  tensor1d,
  tensor2d,
  tensor4d,
  tidy,
  unregisterKernel,
  unstack,
  Variable,
  variable,
  variableGrads,
  version_core,
  zeros,
  zerosLike,
} from '@tensorflow/tfjs-core';
export type {
  DataType,
  KernelConfig,
  MemoryInfo,
  NamedAttrMap,
  Optimizer,
  Rank,
  Scalar,
  Tensor1D,
  Tensor2D,
  Tensor3D,
  Tensor4D,
  TensorInfo,
  TypedArray,
} from '@tensorflow/tfjs-core';
