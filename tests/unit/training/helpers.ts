/** Shared fixtures of the training tests: a CPU host, a tiny synthetic data set and model. */
import { Graph, type Model } from '../../../src/models/graph.ts';
import { Activation, Conv2D, Dense, Flatten, MaxPooling2D } from '../../../src/models/layers.ts';
import { chooseBackend, tfActivator, type EnvironmentProbe } from '../../../src/training/backend.ts';
import type { Dataset, DatasetEntry } from '../../../src/training/dataset.ts';
import type { TrainingConfig } from '../../../src/training/hyperparams.ts';
import type { SessionEvent } from '../../../src/training/protocol.ts';
import { yieldToEventLoop, type SessionHost } from '../../../src/training/session.ts';
import * as tf from '../../../src/training/tf.ts';

/** A probe for Node: no GPU, no WASM (the CPU backend is what these tests exercise). */
export const nodeProbe: EnvironmentProbe = {
  webgpu: () => Promise.resolve({ status: 'no-api' }),
  webgl: () => ({ status: 'no-webgl2' }),
  wasm: () => false,
};

/** Activates the CPU backend through the one module allowed to call setBackend. */
export async function useCpu(): Promise<void> {
  await chooseBackend({ requested: 'cpu', notice: null }, nodeProbe, tfActivator(tf, ''));
}

/** `side`x`side` images of 3 classes: a bright row, column or diagonal plus seeded noise. */
export function syntheticDataset(trainCount = 96, testCount = 30, side = 8): Dataset {
  let state = 12345;
  const noise = () => {
    state = (state * 1103515245 + 12345) >>> 0;
    return (state >>> 16) % 60;
  };
  const make = (count: number) => {
    const images = new Uint8Array(count * side * side);
    const labels = new Uint8Array(count);
    for (let n = 0; n < count; n += 1) {
      const label = n % 3;
      labels[n] = label;
      for (let y = 0; y < side; y += 1) {
        for (let x = 0; x < side; x += 1) {
          const on = label === 0 ? y === 3 : label === 1 ? x === 4 : x === y;
          images[n * side * side + y * side + x] = on ? 200 + (noise() % 55) : noise();
        }
      }
    }
    return { count, images, labels };
  };
  const file = { path: 'x', bytes: 0, sha256: '0'.repeat(64) };
  const entry: DatasetEntry = {
    name: 'synthetic',
    source: 'tests',
    licence: 'MIT',
    imageShape: [side, side, 1],
    classes: ['row', 'column', 'diagonal'],
    splitRule: 'n % 3',
    splits: {
      train: { count: trainCount, classCounts: [0, 0, 0], images: file, labels: file },
      test: { count: testCount, classCounts: [0, 0, 0], images: file, labels: file },
    },
  };
  return { id: 'synthetic', entry, train: make(trainCount), test: make(testCount) };
}

/**
 * A small convnet for the synthetic data (a fixture, not a zoo model). Its activations are layers of
 * their own, as the zoo builder makes them: a convolution with a ReLU inside would run kernels
 * (unfused Conv2D and its gradient) that the engine does not register (src/training/kernels.ts).
 */
export function tinyModel(): Model {
  const graph = new Graph([8, 8, 1]);
  const layers = [
    new Conv2D({ name: 'conv', filters: 4, kernelSize: 3 }),
    new Activation({ name: 'relu', activation: 'relu' }),
    new MaxPooling2D({ name: 'pool', poolSize: 2, strides: 2, padding: 'valid' }),
    new Flatten({ name: 'flatten' }),
    new Dense({ name: 'fc', units: 3 }),
    new Activation({ name: 'softmax', activation: 'softmax' }),
  ];
  return graph.model(
    layers.reduce((x, layer) => graph.add(layer, x), graph.input),
    'tiny',
  );
}

export const tinyDefaults: TrainingConfig = {
  optimizer: 'adam',
  schedule: 'constant',
  learningRate: 0.01,
  momentum: 0.9,
  batchSize: 16,
  epochs: 4,
  seed: 1,
  evalEvery: 12,
  metricsEvery: 3,
};

/** A session host on the CPU backend that records every event. */
export function recordingHost(dataset = syntheticDataset()): { host: SessionHost; events: SessionEvent[] } {
  const events: SessionEvent[] = [];
  const host: SessionHost = {
    tf,
    chooseBackend: (request) => chooseBackend(request, nodeProbe, tfActivator(tf, '')),
    loadDataset: () => Promise.resolve(dataset),
    createModel: () => tinyModel(),
    defaults: tinyDefaults,
    clock: () => performance.now(),
    yieldNow: yieldToEventLoop,
    post: (event) => events.push(event),
  };
  return { host, events };
}

/** Waits until `predicate` holds, polling the event loop. */
export async function until(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('Timed out waiting for a condition.');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
