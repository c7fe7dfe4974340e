/**
 * The gradients the demos take, registered once (../tf.ts imports this module). tfjs-core registers
 * none by itself, and its register_all_gradients side effect brings all hundred of them; these are
 * the ones the site's models differentiate through (the fused convolution and matrix product carry
 * their own). tests/unit/training/kernels.test.ts checks the list against the gradients that
 * training every model family runs.
 */
import { registerGradient, type GradConfig } from '@tensorflow/tfjs-core';
import { addGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Add_grad';
import { avgPoolGradConfig } from '@tensorflow/tfjs-core/dist/gradients/AvgPool_grad';
import { batchMatMulGradConfig } from '@tensorflow/tfjs-core/dist/gradients/BatchMatMul_grad';
import { castGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Cast_grad';
import { clipByValueGradConfig } from '@tensorflow/tfjs-core/dist/gradients/ClipByValue_grad';
import { fusedBatchNormGradConfig } from '@tensorflow/tfjs-core/dist/gradients/FusedBatchNorm_grad';
import { logGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Log_grad';
import { maxPoolGradConfig } from '@tensorflow/tfjs-core/dist/gradients/MaxPool_grad';
import { meanGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Mean_grad';
import { multiplyGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Multiply_grad';
import { negGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Neg_grad';
import { padV2GradConfig } from '@tensorflow/tfjs-core/dist/gradients/PadV2_grad';
import { divGradConfig } from '@tensorflow/tfjs-core/dist/gradients/RealDiv_grad';
import { reluGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Relu_grad';
import { reshapeGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Reshape_grad';
import { softmaxGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Softmax_grad';
import { sqrtGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Sqrt_grad';
import { squareGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Square_grad';
import { squaredDifferenceGradConfig } from '@tensorflow/tfjs-core/dist/gradients/SquaredDifference_grad';
import { subGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Sub_grad';
import { sumGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Sum_grad';

/** The gradients registered, by their config. */
export const GRADIENTS: readonly GradConfig[] = [
  addGradConfig,
  avgPoolGradConfig,
  batchMatMulGradConfig,
  castGradConfig,
  clipByValueGradConfig,
  fusedBatchNormGradConfig,
  logGradConfig,
  maxPoolGradConfig,
  meanGradConfig,
  multiplyGradConfig,
  negGradConfig,
  padV2GradConfig,
  divGradConfig,
  reluGradConfig,
  reshapeGradConfig,
  softmaxGradConfig,
  sqrtGradConfig,
  squareGradConfig,
  squaredDifferenceGradConfig,
  subGradConfig,
  sumGradConfig,
];

for (const config of GRADIENTS) registerGradient(config);
