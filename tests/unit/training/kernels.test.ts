/**
 * The kernels and gradients the site registers (src/training/kernels.ts) are the ones its demos
 * run: every model family the site trains, evaluates and probes runs here on the CPU backend, with
 * each kernel call recorded, and the set must equal the list. A demo that runs a kernel outside the
 * list would fail in the browser ("kernel not registered"); one in the list that nothing runs is
 * bytes for nothing.
 */
import * as core from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlockSession, type BlockSpec } from '../../../src/block/block-session.ts';
import { IDENTITY_DEFAULTS } from '../../../src/block/identity-experiment.ts';
import { LESION_DEFAULTS } from '../../../src/block/lesion.ts';
import { QUICK, type ExperimentConfig } from '../../../src/lab/config.ts';
import { createLabSession } from '../../../src/lab/lab-session.ts';
import { createSurfaceSession, SURFACE_DEFAULTS } from '../../../src/lab/surface-session.ts';
import { getSpec } from '../../../src/models/index.ts';
import { buildModel } from '../../../src/models/tfjs-builder.ts';
import { chooseBackend, tfActivator } from '../../../src/training/backend.ts';
import type { Dataset } from '../../../src/training/dataset.ts';
import type { JobRequest } from '../../../src/training/job-session.ts';
import { GRADIENTS } from '../../../src/training/gradients.ts';
import { TRAINING_KERNELS } from '../../../src/training/kernels.ts';
import { LENET_MNIST } from '../../../src/training/presets.ts';
import type { SessionEvent } from '../../../src/training/protocol.ts';
import { TrainingSession, yieldToEventLoop } from '../../../src/training/session.ts';
import * as tf from '../../../src/training/tf.ts';
import { nodeProbe, syntheticDataset, until, useCpu } from './helpers.ts';

/** Kernel names run, and those whose gradient ran, while recording. */
const ran = new Set<string>();
const differentiated = new Set<string>();
const originals: tf.KernelConfig[] = [];
const originalGradients: core.GradConfig[] = [];

/** Wraps every CPU kernel and every registered gradient so that each call records its name. */
function record(): void {
  const values: unknown[] = Object.values(core);
  for (const name of new Set(values.filter((v): v is string => typeof v === 'string'))) {
    const config = core.getGradient(name);
    if (!config) continue;
    originalGradients.push(config);
    core.unregisterGradient(name);
    core.registerGradient({
      ...config,
      gradFunc: (...args) => {
        differentiated.add(name);
        return config.gradFunc(...args);
      },
    });
  }
  for (const config of core.getKernelsForBackend('cpu')) {
    originals.push(config);
    tf.unregisterKernel(config.kernelName, 'cpu');
    tf.registerKernel({
      ...config,
      kernelFunc: (args) => {
        ran.add(config.kernelName);
        return config.kernelFunc(args);
      },
    });
  }
}

function restore(): void {
  for (const config of originalGradients) {
    core.unregisterGradient(config.kernelName);
    core.registerGradient(config);
  }
  for (const config of originals) {
    tf.unregisterKernel(config.kernelName, 'cpu');
    tf.registerKernel(config);
  }
}

/** 28x28 images in ten classes (three of them used), as the demos' data sets. */
const synthetic = syntheticDataset(32, 16, 28);
const mnistLike: Dataset = { ...synthetic, id: 'mnist', entry: { ...synthetic.entry, classes: [...'0123456789'] } };
const cpu = () => chooseBackend({ requested: 'cpu', notice: null }, nodeProbe, tfActivator(tf, ''));
const INIT = { type: 'init', backend: 'cpu', backendNotice: null, dataUrl: 'http://localhost/data/' } as const;

/** A lab experiment of one depth-8 pair, a few steps long, with every evaluation and probe. */
function labConfig(architecture: ExperimentConfig['architecture'], optimizer: ExperimentConfig['optimizer']) {
  return {
    ...QUICK,
    dataset: 'mnist',
    architecture,
    optimizer,
    depths: [8],
    width: 4,
    batchSize: 16,
    steps: 4,
    metricsEvery: 2,
    evalEvery: 2,
    probeEvery: 2,
    probeBatch: 8,
    trainSubset: 32,
  } satisfies ExperimentConfig;
}

/** What a job session's host needs here: the CPU backend and the 28x28 data. */
interface Host<E> {
  readonly tf: typeof tf;
  readonly chooseBackend: typeof cpu;
  readonly loadDataset: () => Promise<Dataset>;
  readonly yieldNow: () => Promise<void>;
  readonly post: (event: E) => void;
}

/** Runs one experiment of a job session (lab, block, surface) to its end; no event may be an error. */
async function runToEnd<S, E extends { type: string; message?: string }>(
  create: (host: Host<E>) => { handle(request: JobRequest<S>): Promise<void> },
  spec: S,
): Promise<void> {
  const events: E[] = [];
  const session = create({
    tf,
    chooseBackend: cpu,
    loadDataset: () => Promise.resolve(mnistLike),
    yieldNow: () => Promise.resolve(),
    post: (event) => events.push(event),
  });
  await session.handle(INIT);
  await session.handle({ type: 'start', spec });
  expect(lastError(events)).toBeUndefined();
  expect(events.at(-1)).toMatchObject({ type: 'finished' });
  await session.handle({ type: 'dispose' });
}

function lastError(events: readonly { type: string; message?: string }[]): string | undefined {
  return events.find((e) => e.type === 'error')?.message;
}

beforeAll(async () => {
  await useCpu();
  record();
});
afterAll(restore);

describe('the kernels the demos run', () => {
  it('LeNet: trains, evaluates, predicts and shows samples', async () => {
    // Adam, the demo's default; SGD's kernels are the same on every model (the lab's run below).
    for (const optimizer of ['adam'] as const) {
      const events: SessionEvent[] = [];
      const session = new TrainingSession({
        tf,
        chooseBackend: (request) => chooseBackend(request, nodeProbe, tfActivator(tf, '')),
        loadDataset: () => Promise.resolve(mnistLike),
        createModel: (modelId, seed) => buildModel(getSpec(modelId), { seed, logits: true }).model,
        defaults: LENET_MNIST.config,
        clock: () => performance.now(),
        yieldNow: yieldToEventLoop,
        post: (event) => events.push(event),
      });
      await session.handle({
        type: 'init',
        id: 1,
        backend: 'cpu',
        backendNotice: null,
        dataUrl: 'http://localhost/data/',
        datasetId: 'mnist',
        modelId: LENET_MNIST.modelId,
        config: { ...LENET_MNIST.config, optimizer, batchSize: 16, epochs: 1, evalEvery: 2, metricsEvery: 1 },
      });
      await session.handle({ type: 'start', id: 2 });
      await until(
        () => events.some((e) => e.type === 'state' && e.state === 'done') || lastError(events) !== undefined,
      );
      await session.handle({ type: 'predict', id: 3, pixels: new Float32Array(2 * 784), count: 2 });
      await session.handle({ type: 'samples', id: 4, count: 3 });
      expect(lastError(events)).toBeUndefined();
      expect(events.some((e) => e.type === 'prediction')).toBe(true);
      session.dispose();
    }
  });

  it('the depth lab: plain and residual 6n+2 nets, convolutional and fully connected, SGD and Adam', async () => {
    for (const [architecture, optimizer] of [
      ['conv', 'adam'],
      ['mlp', 'sgd'],
    ] as const) {
      await runToEnd(createLabSession, labConfig(architecture, optimizer));
    }
  });

  it('the block playground: learning the identity (with and without normalisation) and the lesion study', async () => {
    const specs: BlockSpec[] = [
      { experiment: 'identity', config: { ...IDENTITY_DEFAULTS, blocks: 2, samples: 16, steps: 6 } },
      { experiment: 'identity', config: { ...IDENTITY_DEFAULTS, blocks: 2, samples: 16, steps: 6, normalize: false } },
      {
        experiment: 'lesion',
        config: {
          ...LESION_DEFAULTS,
          blocks: 2,
          width: 8,
          trainCount: 32,
          testCount: 16,
          training: { ...LESION_DEFAULTS.training, batchSize: 16 },
        },
      },
    ];
    for (const spec of specs) await runToEnd(createBlockSession, spec);
  });

  it('the loss surface: trains a pair, then scans a slice', async () => {
    await runToEnd(createSurfaceSession, {
      config: { ...labConfig('conv', 'sgd'), evalEvery: 200, probeEvery: 200, width: 2, steps: 3 },
      grid: { ...SURFACE_DEFAULTS.grid, resolution: 3 },
    });
  });

  it('are the ones src/training/kernels.ts registers', () => {
    expect([...ran].sort()).toEqual([...TRAINING_KERNELS].sort());
  });

  it('differentiate the kernels whose gradients src/training/gradients.ts registers', () => {
    expect([...differentiated].sort()).toEqual(GRADIENTS.map((g) => g.kernelName).sort());
  });

  it.each(['cpu', 'wasm', 'webgl', 'webgpu'])('are each registered by the %s backend module', async (backend) => {
    const { KERNELS } = (await import(`../../../src/training/backends/${backend}.ts`)) as {
      KERNELS: readonly tf.KernelConfig[];
    };
    const names = KERNELS.map((k) => k.kernelName).sort();
    // WASM: ../wasm-kernels.ts adds the backprop filter kernel and runs three more inside its own.
    const expected =
      backend === 'wasm'
        ? [...TRAINING_KERNELS.filter((k) => k !== 'Conv2DBackpropFilter'), 'Conv2D', 'Reverse', 'Transpose']
        : TRAINING_KERNELS;
    expect(names).toEqual([...expected].sort());
    expect(KERNELS.every((k) => k.backendName === backend)).toBe(true);
  });
});
