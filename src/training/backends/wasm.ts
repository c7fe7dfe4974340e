/**
 * The WASM backend. Besides the demos' kernels it registers the three that ../wasm-kernels.ts runs
 * inside its own (Conv2D, Reverse, Transpose); the one it lacks, Conv2DBackpropFilter, comes from
 * there too.
 *
 * It registers only the kernels the demos run (../kernels.ts), not the package's hundreds, whose
 * register_all_kernels side effect would put them all in the chunk a reader downloads when a demo
 * starts on this backend. tests/unit/training/kernels.test.ts checks the list.
 */
import { registerKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm/dist/base';
import { absConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Abs';
import { addConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Add';
import { addNConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/AddN';
import { argMaxConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/ArgMax';
import { avgPoolConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/AvgPool';
import { avgPoolGradConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/AvgPoolGrad';
import { batchMatMulConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/BatchMatMul';
import { castConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Cast';
import { clipByValueConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/ClipByValue';
import { conv2DConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Conv2D';
import { conv2DBackpropInputConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Conv2DBackpropInput';
import { equalConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Equal';
import { expConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Exp';
import { fusedBatchNormConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/FusedBatchNorm';
import { fusedConv2DConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/FusedConv2D';
import { _fusedMatMulConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/_FusedMatMul';
import { greaterEqualConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/GreaterEqual';
import { identityConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Identity';
import { lessEqualConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/LessEqual';
import { logConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Log';
import { logicalAndConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/LogicalAnd';
import { maxConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Max';
import { maximumConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Maximum';
import { maxPoolConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/MaxPool';
import { maxPoolGradConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/MaxPoolGrad';
import { meanConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Mean';
import { multiplyConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Multiply';
import { negConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Neg';
import { notEqualConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/NotEqual';
import { oneHotConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/OneHot';
import { packConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Pack';
import { padV2Config } from '@tensorflow/tfjs-backend-wasm/dist/kernels/PadV2';
import { powConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Pow';
import { realDivConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/RealDiv';
import { reluConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Relu';
import { reshapeConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Reshape';
import { reverseConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Reverse';
import { rsqrtConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Rsqrt';
import { selectConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Select';
import { sliceConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Slice';
import { softmaxConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Softmax';
import { sqrtConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Sqrt';
import { squareConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Square';
import { squaredDifferenceConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/SquaredDifference';
import { stepConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Step';
import { subConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Sub';
import { sumConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Sum';
import { tileConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Tile';
import { transposeConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Transpose';
import { unpackConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Unpack';
import { zerosLikeConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/ZerosLike';
export { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm/dist/base';

/** The kernels registered, by their config. */
export const KERNELS: readonly KernelConfig[] = [
  absConfig,
  addConfig,
  addNConfig,
  argMaxConfig,
  avgPoolConfig,
  avgPoolGradConfig,
  batchMatMulConfig,
  castConfig,
  clipByValueConfig,
  conv2DConfig,
  conv2DBackpropInputConfig,
  equalConfig,
  expConfig,
  fusedBatchNormConfig,
  fusedConv2DConfig,
  _fusedMatMulConfig,
  greaterEqualConfig,
  identityConfig,
  lessEqualConfig,
  logConfig,
  logicalAndConfig,
  maxConfig,
  maximumConfig,
  maxPoolConfig,
  maxPoolGradConfig,
  meanConfig,
  multiplyConfig,
  negConfig,
  notEqualConfig,
  oneHotConfig,
  packConfig,
  padV2Config,
  powConfig,
  realDivConfig,
  reluConfig,
  reshapeConfig,
  reverseConfig,
  rsqrtConfig,
  selectConfig,
  sliceConfig,
  softmaxConfig,
  sqrtConfig,
  squareConfig,
  squaredDifferenceConfig,
  stepConfig,
  subConfig,
  sumConfig,
  tileConfig,
  transposeConfig,
  unpackConfig,
  zerosLikeConfig,
];

for (const config of KERNELS) registerKernel(config);
