/**
 * The parts of TF.js Layers the builder uses, from the package's own modules. Its index imports
 * every layer it has (recurrent, wrappers, preprocessing...), whose classes register themselves and
 * so stay in any bundle, and registers every gradient of tfjs-core; the demos need neither (the
 * engine registers its gradients in src/training/gradients.ts).
 *
 * The builder and the custom layers import TF.js Layers through this file, and only they do.
 */
import '@tensorflow/tfjs-layers/dist/flags_layers';
import type { ContainerArgs } from '@tensorflow/tfjs-layers/dist/engine/container';
import { LayersModel } from '@tensorflow/tfjs-layers/dist/engine/training';

export { Input as input } from '@tensorflow/tfjs-layers/dist/engine/input_layer';
export { Layer, SymbolicTensor } from '@tensorflow/tfjs-layers/dist/engine/topology';
export * as initializers from '@tensorflow/tfjs-layers/dist/exports_initializers';
export type { Shape } from '@tensorflow/tfjs-layers/dist/keras_format/common';
export { Conv2D } from '@tensorflow/tfjs-layers/dist/layers/convolutional';
export { Activation, Dense, Dropout, Flatten } from '@tensorflow/tfjs-layers/dist/layers/core';
export { Add } from '@tensorflow/tfjs-layers/dist/layers/merge';
export { BatchNormalization } from '@tensorflow/tfjs-layers/dist/layers/normalization';
export { ZeroPadding2D } from '@tensorflow/tfjs-layers/dist/layers/padding';
export { AveragePooling2D, GlobalAveragePooling2D, MaxPooling2D } from '@tensorflow/tfjs-layers/dist/layers/pooling';
export { LayerVariable } from '@tensorflow/tfjs-layers/dist/variables';
export { LayersModel };

/** A functional model from its inputs and outputs (TF.js Layers' `tf.model`). */
export function model(args: ContainerArgs): LayersModel {
  return new LayersModel(args);
}
