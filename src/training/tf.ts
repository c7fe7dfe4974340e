/**
 * TF.js core for the engine, with the gradients the demos take registered (./gradients.ts). There
 * is no `@tensorflow/tfjs` umbrella package here, and tfjs-core alone registers no gradients, so
 * every engine module imports TF.js through this file.
 *
 * In the browser these paths are the same ES modules as '@tensorflow/tfjs-core'. In Node the
 * package resolves to its CommonJS bundle, and the gradients come from the ES build; its side
 * effects must run first so that the tensors its gradient functions create have their methods.
 * Both copies share one engine and one kernel registry (TF.js keeps them on the global object).
 */
import '@tensorflow/tfjs-core/dist/base_side_effects';
import './gradients.ts';

export * from '@tensorflow/tfjs-core';
