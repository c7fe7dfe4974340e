/**
 * The lab's session on the CPU backend with tiny fully connected nets and a yield the test
 * drives: networks train interleaved, one can pause while the others go on, a stop ends the
 * experiment, and every tensor is freed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { QUICK, type ExperimentConfig } from '../../../src/lab/config.ts';
import { createLabSession, type LabEvent } from '../../../src/lab/lab-session.ts';
import { chooseBackend, tfActivator } from '../../../src/training/backend.ts';
import * as tf from '../../../src/training/tf.ts';
import { manualYield, settle } from '../support/manual-yield.ts';
import { nodeProbe, syntheticDataset, useCpu } from '../training/helpers.ts';

const TINY: ExperimentConfig = {
  ...QUICK,
  architecture: 'mlp',
  depths: [4],
  // Adam: tfjs-core 4.22's momentum optimiser keeps one scalar after dispose (see degradation.long.test.ts).
  optimizer: 'adam',
  learningRate: 0.01,
  width: 4,
  inputSize: 8,
  batchSize: 16,
  steps: 12,
  metricsEvery: 3,
  evalEvery: 6,
  probeEvery: 6,
  probeBatch: 16,
  trainSubset: 32,
};

function labSession(yieldNow: () => Promise<void>) {
  const events: LabEvent[] = [];
  const session = createLabSession({
    tf,
    chooseBackend: () => chooseBackend({ requested: 'cpu', notice: null }, nodeProbe, tfActivator(tf, '')),
    loadDataset: () => Promise.resolve(syntheticDataset()),
    yieldNow,
    post: (event) => events.push(event),
  });
  return { session, events };
}

const steps = (events: LabEvent[], key: string) =>
  events.flatMap((e) => (e.type === 'point' && e.key === key ? [e.value.step] : []));

beforeAll(useCpu);

describe('LabSession', () => {
  it('trains every network to the end and reports curves, evaluations and probes', async () => {
    const { session, events } = labSession(() => Promise.resolve());
    const before = tf.memory().numTensors;
    await session.handle({ type: 'init', backend: 'cpu', backendNotice: null, dataUrl: 'http://localhost/data/' });
    await session.handle({ type: 'start', spec: TINY });
    const started = events.find((e) => e.type === 'started');
    expect(started?.type === 'started' && started.jobs.map((r) => r.key)).toEqual(['plain-4', 'resnet-4']);
    // Every third step, plus the warm-up's marks (steps 2 and 6) that time the run for its estimate.
    expect(steps(events, 'plain-4')).toEqual([0, 2, 3, 6, 9, 12]);
    expect(steps(events, 'resnet-4')).toEqual([0, 2, 3, 6, 9, 12]);
    const probes = events.filter((e) => e.type === 'point' && e.value.probe !== null);
    expect(probes).toHaveLength(6);
    const done = events.filter((e) => e.type === 'state' && e.state === 'done').map((e) => e.type === 'state' && e.key);
    expect(done).toEqual(['plain-4', 'resnet-4']);
    expect(events.at(-1)).toMatchObject({ type: 'finished' });
    await session.handle({ type: 'dispose' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('pauses one network while the other goes on; stop ends the experiment', async () => {
    const clock = manualYield();
    const { session, events } = labSession(clock.yieldNow);
    await session.handle({ type: 'init', backend: 'cpu', backendNotice: null, dataUrl: 'http://localhost/data/' });
    const running = session.handle({ type: 'start', spec: { ...TINY, steps: 60 } });
    await clock.flush(6);
    await session.handle({ type: 'pause', key: 'plain-4' });
    expect(events.at(-1)).toMatchObject({ type: 'state', key: 'plain-4', state: 'paused' });
    const frozen = steps(events, 'plain-4').at(-1) ?? 0;
    const other = steps(events, 'resnet-4').at(-1) ?? 0;
    await clock.flush(12);
    expect(steps(events, 'plain-4').at(-1)).toBe(frozen);
    expect(steps(events, 'resnet-4').at(-1)).toBeGreaterThanOrEqual(other + 9);
    await session.handle({ type: 'resume', key: 'plain-4' });
    await clock.flush(12);
    expect(steps(events, 'plain-4').at(-1)).toBeGreaterThan(frozen);
    await session.handle({ type: 'stop' });
    await clock.flush(2);
    await running;
    const count = events.length;
    await clock.flush(4);
    await settle();
    expect(events.length).toBe(count);
    expect(events.some((e) => e.type === 'finished')).toBe(false);
  });

  it('pauses and resumes the whole experiment (a hidden tab) without touching a single pause', async () => {
    const clock = manualYield();
    const { session, events } = labSession(clock.yieldNow);
    await session.handle({ type: 'init', backend: 'cpu', backendNotice: null, dataUrl: 'http://localhost/data/' });
    void session.handle({ type: 'start', spec: { ...TINY, steps: 60 } });
    await clock.flush(4);
    await session.handle({ type: 'pause', key: 'plain-4' });
    await session.handle({ type: 'pause' });
    expect(events.at(-1)).toMatchObject({ type: 'state', key: null, state: 'paused' });
    const frozen = [steps(events, 'plain-4').length, steps(events, 'resnet-4').length];
    await clock.flush(10);
    await settle();
    expect([steps(events, 'plain-4').length, steps(events, 'resnet-4').length]).toEqual(frozen);
    await session.handle({ type: 'resume' });
    await clock.flush(12);
    expect(steps(events, 'plain-4').length).toBe(frozen[0]);
    expect(steps(events, 'resnet-4').length).toBeGreaterThan(frozen[1] ?? 0);
    session.dispose();
  });
});
