import { beforeAll, describe, expect, it } from 'vitest';
import type { MetricsEvent, Request, SessionEvent } from '../../../src/training/protocol.ts';
import { TrainingSession } from '../../../src/training/session.ts';
import * as tf from '../../../src/training/tf.ts';
import { recordingHost, tinyDefaults, until, useCpu } from './helpers.ts';

const init: Request = {
  type: 'init',
  id: 1,
  backend: 'cpu',
  backendNotice: null,
  dataUrl: 'http://localhost/data/',
  datasetId: 'synthetic',
  modelId: 'tiny',
  config: tinyDefaults,
};

const metricsOf = (events: SessionEvent[]) => events.filter((e): e is MetricsEvent => e.type === 'metrics');
const lastState = (events: SessionEvent[]) => [...events].reverse().find((e) => e.type === 'state');

async function readySession() {
  const { host, events } = recordingHost();
  const session = new TrainingSession(host);
  await session.handle(init);
  return { session, events };
}

beforeAll(useCpu);

describe('TrainingSession', () => {
  it('reports the backend and the data once ready', async () => {
    const { events } = await readySession();
    const ready = events.find((e) => e.type === 'ready');
    expect(ready).toMatchObject({
      type: 'ready',
      id: 1,
      backend: { backend: 'cpu', forced: true },
      trainCount: 96,
      testCount: 30,
    });
  });

  it('trains to the end, the loss falls, and test accuracy is reported', async () => {
    const { session, events } = await readySession();
    await session.handle({ type: 'start', id: 2 });
    await until(() => lastState(events)?.type === 'state' && (lastState(events) as { state: string }).state === 'done');
    const metrics = metricsOf(events);
    expect(metrics.at(-1)?.step).toBe(24); // 4 epochs x floor(96 / 16)
    expect(metrics.at(-1)?.trainLoss).toBeLessThan(metrics[0]?.trainLoss ?? 0);
    expect(metrics.at(-1)?.testAccuracy).toBeGreaterThan(0.8);
    expect(metrics.filter((m) => m.testAccuracy !== null).map((m) => m.step)).toEqual([12, 24]);
    expect(metrics.at(-1)?.etaMs).toBe(0);
    expect(metrics.at(-1)?.imagesPerSecond).toBeGreaterThan(0);
    session.dispose();
  });

  it('gives the same curve for the same seed, and a different one for another seed', async () => {
    const curve = async (seed: number) => {
      const { session, events } = await readySession();
      await session.handle({ type: 'configure', id: 2, config: { seed, epochs: 1 } });
      await session.handle({ type: 'start', id: 3 });
      await until(() => (lastState(events) as { state: string } | undefined)?.state === 'done');
      session.dispose();
      return metricsOf(events).map((m) => m.trainLoss);
    };
    const a = await curve(7);
    const b = await curve(7);
    const c = await curve(8);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('pause stops the step counter, start resumes, reset returns to step 0', async () => {
    const { session, events } = await readySession();
    await session.handle({ type: 'configure', id: 2, config: { epochs: 50, metricsEvery: 1 } });
    await session.handle({ type: 'start', id: 3 });
    await until(() => metricsOf(events).length >= 3);
    await session.handle({ type: 'pause', id: 4 });
    const pausedAt = metricsOf(events).at(-1)?.step ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
    // At most the step already in flight when pause arrived is reported after it.
    expect((metricsOf(events).at(-1)?.step ?? 0) - pausedAt).toBeLessThanOrEqual(1);
    const frozen = metricsOf(events).at(-1)?.step ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(metricsOf(events).at(-1)?.step).toBe(frozen);
    await session.handle({ type: 'start', id: 5 });
    await until(() => (metricsOf(events).at(-1)?.step ?? 0) >= frozen + 3);
    await session.handle({ type: 'reset', id: 6 });
    expect(lastState(events)).toMatchObject({ state: 'ready', step: 0 });
    const count = metricsOf(events).length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(metricsOf(events).length).toBe(count);
    session.dispose();
  });

  it('rejects out-of-range settings with a clear message and clamps them', async () => {
    const { session, events } = await readySession();
    await session.handle({ type: 'configure', id: 2, config: { learningRate: 5, batchSize: 3.5 } });
    const configured = events.find((e) => e.type === 'configured');
    expect(configured).toMatchObject({ config: { learningRate: 1, batchSize: 8 } });
    const messages = configured?.type === 'configured' ? configured.issues.map((i) => i.message) : [];
    expect(messages).toEqual([
      'Learning rate must be from 1e-5 to 1; using 1 instead of 5.',
      'Batch size must be from 8 to 512; using 8 instead of 3.5.',
    ]);
    session.dispose();
  });

  it('answers predictions only after training, with probabilities that sum to 1', async () => {
    const { session, events } = await readySession();
    await session.handle({ type: 'predict', id: 2, pixels: new Float32Array(64), count: 1 });
    expect(events.at(-1)).toMatchObject({ type: 'error', id: 2, message: 'Train the model first.' });
    await session.handle({ type: 'configure', id: 3, config: { epochs: 1 } });
    await session.handle({ type: 'start', id: 4 });
    await until(() => (lastState(events) as { state: string } | undefined)?.state === 'done');
    await session.handle({ type: 'predict', id: 5, pixels: new Float32Array(128), count: 2 });
    const prediction = events.at(-1);
    expect(prediction).toMatchObject({ type: 'prediction', id: 5, count: 2 });
    const p = (prediction as { probabilities: Float32Array }).probabilities;
    expect(p.length).toBe(6);
    expect(p.slice(0, 3).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    await session.handle({ type: 'samples', id: 6, count: 5 });
    const samples = events.at(-1);
    if (samples?.type !== 'samples') throw new Error('expected samples');
    expect(samples.samples.map((s) => s.label)).toEqual([0, 1, 2, 0, 1]);
    expect(samples.samples[0]?.pixels.length).toBe(64);
    session.dispose();
  });
});

describe('memory discipline (CPU backend)', () => {
  it('keeps the tensor count flat after one warm-up step, and reset and dispose return to the start', async () => {
    const start = tf.memory().numTensors;
    const { session, events } = await readySession();
    expect(tf.memory().numTensors).toBe(start);
    await session.handle({ type: 'configure', id: 2, config: { epochs: 50, metricsEvery: 1, evalEvery: 10 } });
    await session.handle({ type: 'start', id: 3 });
    await until(() => metricsOf(events).length >= 60);
    await session.handle({ type: 'pause', id: 4 });
    const counts = metricsOf(events).map((m) => m.memory.numTensors);
    // Warm-up: the optimiser creates its slots and evaluation uploads the test set once.
    const afterWarmUp = counts.slice(10);
    expect(new Set(afterWarmUp).size).toBe(1);
    await session.handle({ type: 'reset', id: 5 });
    expect(tf.memory().numTensors).toBe(start);
    await session.handle({ type: 'start', id: 6 });
    await until(() => metricsOf(events).length >= 70);
    session.dispose();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(tf.memory().numTensors).toBe(start);
  });
});
