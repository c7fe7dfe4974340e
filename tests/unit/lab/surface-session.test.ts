/**
 * The loss-surface island's session on the CPU backend with a tiny conv pair: both nets train,
 * then their slices are evaluated a row per step with progress; the finished slice is the one
 * `computeSurface` gives for the same trained weights; a stop mid-grid frees every tensor; the
 * island's reducer follows the events.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../../../src/lab/config.ts';
import {
  estimateSeconds,
  createSurfaceSession,
  SURFACE_DEFAULTS,
  surfaceSpec,
  type SurfaceEvent,
  type SurfaceSpec,
} from '../../../src/lab/surface-session.ts';
import {
  alphaTable,
  countsOf,
  INITIAL_SURFACE_STATE,
  resultsOf,
  sharedLevels,
  summaryOf,
  surfaceReducer,
  workOf,
  type SurfaceState,
} from '../../../src/lab/surface-state.ts';
import { chooseBackend, tfActivator } from '../../../src/training/backend.ts';
import { alphaSlice, centreLoss, localMinima, roughness } from '../../../src/training/loss-surface.ts';
import * as tf from '../../../src/training/tf.ts';
import { manualYield, settle } from '../support/manual-yield.ts';
import { nodeProbe, syntheticDataset, useCpu } from '../training/helpers.ts';

const TINY_CONFIG: ExperimentConfig = {
  ...SURFACE_DEFAULTS.config,
  dataset: 'mnist',
  depths: [8],
  width: 2,
  inputSize: 8,
  // Adam: tfjs-core 4.22's momentum optimiser keeps one scalar after dispose (see degradation.long.test.ts).
  optimizer: 'adam',
  learningRate: 0.01,
  batchSize: 16,
  steps: 6,
  metricsEvery: 3,
  probeBatch: 4,
  trainSubset: 24,
};
const TINY: SurfaceSpec = { config: TINY_CONFIG, grid: { resolution: 5, range: 1, seed: 2 } };

function surfaceSession(yieldNow: () => Promise<void>) {
  const events: SurfaceEvent[] = [];
  const session = createSurfaceSession({
    tf,
    chooseBackend: () => chooseBackend({ requested: 'cpu', notice: null }, nodeProbe, tfActivator(tf, '')),
    loadDataset: () => Promise.resolve(syntheticDataset()),
    yieldNow,
    post: (event) => events.push(event),
  });
  return { session, events };
}

const INIT = { type: 'init', backend: 'cpu', backendNotice: null, dataUrl: 'http://localhost/data/' } as const;

/** The events of one full computation of TINY, shared by the tests that only read them. */
let full: SurfaceEvent[] = [];
let leaked = Number.NaN;

beforeAll(async () => {
  await useCpu();
  const { session, events } = surfaceSession(() => Promise.resolve());
  const before = tf.memory().numTensors;
  await session.handle(INIT);
  await session.handle({ type: 'start', spec: TINY });
  await session.handle({ type: 'dispose' });
  leaked = tf.memory().numTensors - before;
  full = events;
});

describe('the surface session', () => {
  it('trains the pair, then reports each slice row by row and the finished slice with its measures', () => {
    const events = full;
    const started = events.find((e) => e.type === 'started');
    expect(started?.type === 'started' && started.jobs.map((j) => [j.key, j.steps, j.points])).toEqual([
      ['plain-8', 6, 25],
      ['resnet-8', 6, 25],
    ]);
    for (const key of ['plain-8', 'resnet-8']) {
      const values = events.flatMap((e) => (e.type === 'point' && e.key === key ? [e.value] : []));
      expect(values.map((v) => (v.phase === 'train' ? `s${String(v.step)}` : `p${String(v.done)}`))).toEqual([
        's3',
        's6',
        'p5',
        'p10',
        'p15',
        'p20',
        'p25',
      ]);
      const last = values.at(-1);
      if (last?.phase !== 'surface' || !last.result) throw new Error('no finished slice');
      const { surface } = last.result;
      expect(surface.loss).toHaveLength(25);
      expect(surface.loss.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
      expect(last.result.roughness).toBe(roughness(surface));
      expect(last.result.localMinima).toBe(localMinima(surface));
      // Only the completing measurement carries the slice.
      expect(values.filter((v) => v.phase === 'surface' && v.result !== null)).toHaveLength(1);
    }
    expect(events.at(-1)).toMatchObject({ type: 'finished' });
    expect(leaked).toBe(0);
  });

  it('stops mid-grid on request, frees every tensor and reports nothing more', async () => {
    const clock = manualYield();
    const { session, events } = surfaceSession(clock.yieldNow);
    await session.handle(INIT);
    const before = tf.memory().numTensors;
    const running = session.handle({ type: 'start', spec: TINY });
    // 6 steps of each net, then a few rows.
    await clock.flush(16);
    const rows = events.filter((e) => e.type === 'point' && e.value.phase === 'surface');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(10);
    await session.handle({ type: 'stop' });
    await clock.flush(2);
    await running;
    const count = events.length;
    await clock.flush(4);
    await settle();
    expect(events.length).toBe(count);
    expect(events.some((e) => e.type === 'finished')).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a grid or a set of depths it cannot compute, with a message', async () => {
    const { session, events } = surfaceSession(() => Promise.resolve());
    const lastError = (): string => {
      const last = events.at(-1);
      return last?.type === 'error' ? last.message : `no error (last event: ${String(last?.type)})`;
    };
    await session.handle(INIT);
    await session.handle({ type: 'start', spec: { ...TINY, grid: { ...TINY.grid, resolution: 4 } } });
    expect(lastError()).toMatch(/odd whole number/);
    await session.handle({ type: 'start', spec: { ...TINY, config: { ...TINY_CONFIG, depths: [8, 14] } } });
    expect(lastError()).toMatch(/one depth \(got 8, 14\)/);
    session.dispose();
  });
});

describe('surfaceSpec and the estimate', () => {
  it('takes a grid and a step count from the menus and refuses others', () => {
    const spec = surfaceSpec(5, 20);
    expect(spec.grid.resolution).toBe(5);
    expect(spec.config.steps).toBe(20);
    expect(spec.config.depths).toEqual(SURFACE_DEFAULTS.config.depths);
    expect(() => surfaceSpec(9, 20)).toThrow(/grid must be one of 5, 7, 11, 15, 21/);
    expect(() => surfaceSpec(5, 7)).toThrow(/steps must be one of/);
  });

  it('grows with the steps and with the square of the grid', () => {
    const rates = { trainStep: 1, gridImage: 0.01 };
    const images = SURFACE_DEFAULTS.config.trainSubset;
    expect(estimateSeconds(surfaceSpec(5, 20), rates)).toBeCloseTo(2 * (20 + 25 * images * 0.01));
    expect(estimateSeconds(surfaceSpec(11, 200), rates)).toBeCloseTo(2 * (200 + 121 * images * 0.01));
  });
});

describe('surfaceReducer', () => {
  it('follows a computation from the reader’s start to the finished slices, ignoring stale events', () => {
    const events = full;
    let state: SurfaceState = surfaceReducer(INITIAL_SURFACE_STATE, { type: 'compute', spec: TINY });
    expect(state.phase).toBe('loading');
    expect(countsOf(state)).toEqual({ step: 0, steps: 6, points: 0, totalPoints: 50 });
    // An event of another computation changes nothing.
    expect(surfaceReducer(state, { type: 'finished', generation: 99 })).toBe(state);
    const states = [state];
    for (const event of events) {
      state = surfaceReducer(state, event);
      states.push(state);
    }
    expect(state.phase).toBe('done');
    expect(state.backend?.backend).toBe('cpu');
    expect(countsOf(state)).toEqual({ step: 6, steps: 6, points: 50, totalPoints: 50 });
    const work = workOf(state);
    expect(work.done).toBeCloseTo(work.total);
    const midway = states.find((s) => countsOf(s).points === 5);
    expect(midway && workOf(midway).done).toBeLessThan(work.total);

    const results = resultsOf(state);
    expect(results.map((r) => r.info.key)).toEqual(['plain-8', 'resnet-8']);
    const levels = sharedLevels(results.map((r) => r.result));
    const all = results.flatMap((r) => r.result.surface.loss);
    expect(levels).toHaveLength(10);
    expect(Math.min(...levels)).toBeGreaterThan(Math.min(...all));
    expect(Math.max(...levels)).toBeLessThan(Math.max(...all));
    const table = alphaTable(results.map((r) => r.result));
    expect(table.map((row) => row.alpha)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(table.map((row) => row.losses[1])).toEqual(
      alphaSlice((results[1] as (typeof results)[number]).result.surface),
    );
    const summary = summaryOf(results);
    for (const { result } of results)
      expect(summary).toContain(`${String(Number(centreLoss(result.surface).toPrecision(3)))} at`);
    expect(summary).toMatch(/The plain slice is the rougher one\.|Here the plain slice is not the rougher one\./);

    const stopped = surfaceReducer(state, { type: 'cancel' });
    expect(stopped.phase).toBe('idle');
    expect(stopped.backend).toBe(state.backend);
    expect(surfaceReducer(stopped, { type: 'failure', message: 'boom' })).toMatchObject({
      phase: 'error',
      error: 'boom',
    });
  });
});
