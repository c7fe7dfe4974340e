/**
 * The depth lab's module Web Worker: TF.js, the backend and the data live here, off the main
 * thread. Backend choice and data loading are the engine's (src/training/backend.ts,
 * src/training/dataset.ts); this file only wires them to a {@link LabSession}.
 */
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import { browserProbe, chooseBackend, tfActivator } from '../training/backend.ts';
import { loadDataset } from '../training/dataset.ts';
import { yieldToEventLoop } from '../training/session.ts';
import * as tf from '../training/tf.ts';
import { LabSession, type LabEvent, type LabRequest } from './lab-session.ts';

const scope = globalThis as unknown as {
  postMessage(message: LabEvent): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<LabRequest>) => void): void;
};

const activate = tfActivator(tf, {
  'tfjs-backend-wasm.wasm': plainUrl,
  'tfjs-backend-wasm-simd.wasm': simdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedUrl,
});

const session = new LabSession({
  tf,
  chooseBackend: (request) =>
    chooseBackend({ requested: request.backend, notice: request.backendNotice }, browserProbe(), activate),
  loadDataset: (dataUrl, datasetId) =>
    loadDataset({ baseUrl: dataUrl, datasetId, fetch: globalThis.fetch.bind(globalThis) }),
  yieldNow: yieldToEventLoop,
  post: (event) => scope.postMessage(event),
});

// Requests are handled one at a time, in order; a start returns only when its experiment ends,
// so pause, resume and stop are handled as they arrive.
scope.addEventListener('message', (event) => {
  void session.handle(event.data);
});
