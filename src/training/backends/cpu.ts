/**
 * The CPU backend (plain JavaScript): the last choice in the browser, and the backend of the unit
 * tests and the lab's scripts in Node.
 *
 * It registers only the kernels the demos run (../kernels.ts), not the package's hundreds, whose
 * register_all_kernels side effect would put them all in the chunk a reader downloads when a demo
 * starts on this backend. tests/unit/training/kernels.test.ts checks the list.
 */
import { registerKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu/dist/base';
import { absConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Abs';
import { addConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Add';
import { addNConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/AddN';
import { argMaxConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/ArgMax';
import { avgPoolConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/AvgPool';
import { avgPoolGradConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/AvgPoolGrad';
import { batchMatMulConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/BatchMatMul';
import { castConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Cast';
import { clipByValueConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/ClipByValue';
import { conv2DBackpropFilterConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Conv2DBackpropFilter';
import { conv2DBackpropInputConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Conv2DBackpropInput';
import { equalConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Equal';
import { expConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Exp';
import { batchNormConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/BatchNorm';
import { fusedConv2DConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/FusedConv2D';
import { _fusedMatMulConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/_FusedMatMul';
import { greaterEqualConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/GreaterEqual';
import { identityConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Identity';
import { lessEqualConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/LessEqual';
import { logConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Log';
import { logicalAndConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/LogicalAnd';
import { maxConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Max';
import { maximumConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Maximum';
import { maxPoolConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/MaxPool';
import { maxPoolGradConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/MaxPoolGrad';
import { meanConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Mean';
import { multiplyConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Multiply';
import { negConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Neg';
import { notEqualConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/NotEqual';
import { oneHotConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/OneHot';
import { packConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Pack';
import { padV2Config } from '@tensorflow/tfjs-backend-cpu/dist/kernels/PadV2';
import { powConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Pow';
import { realDivConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/RealDiv';
import { reluConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Relu';
import { reshapeConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Reshape';
import { rsqrtConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Rsqrt';
import { selectConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Select';
import { sliceConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Slice';
import { softmaxConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Softmax';
import { sqrtConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sqrt';
import { squareConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Square';
import { squaredDifferenceConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/SquaredDifference';
import { stepConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Step';
import { subConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sub';
import { sumConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sum';
import { tileConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Tile';
import { unpackConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Unpack';
import { zerosLikeConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/ZerosLike';

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
  conv2DBackpropFilterConfig,
  conv2DBackpropInputConfig,
  equalConfig,
  expConfig,
  batchNormConfig,
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
  unpackConfig,
  zerosLikeConfig,
];

for (const config of KERNELS) registerKernel(config);
