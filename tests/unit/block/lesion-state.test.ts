/**
 * The lesion island's reducer: a run from the reader's start to the lesion curves, pauses, a stop,
 * stale events of a stopped run, and failures, with the status line it shows at each point.
 */
import { describe, expect, it } from 'vitest';
import type { BlockEvent } from '../../../src/block/block-session.ts';
import {
  formatAccuracy,
  INITIAL_LESION_STATE,
  lesionBusy,
  lesionReducer,
  lesionStatus,
  type LesionAction,
  type LesionState,
} from '../../../src/block/lesion-state.ts';
import type { LesionCurve } from '../../../src/block/lesion.ts';
import type { BackendReport } from '../../../src/training/backend.ts';

const WASM: BackendReport = {
  backend: 'wasm',
  label: 'WASM',
  forced: false,
  reason: null,
  notice: null,
  device: null,
};

const curve = (family: LesionCurve['family'], intact: number, deleted: number[]): LesionCurve => ({
  family,
  intact,
  deleted: deleted.map((accuracy, i) => ({ blockId: `block${i + 1}`, label: `block ${i + 1}`, accuracy })),
});
const CURVES = { plain: curve('plain', 0.9, [0.1, 0.12]), resnet: curve('resnet', 0.95, [0.6, 0.93]) };

const point = (generation: number, step: number, curves: typeof CURVES | null = null): BlockEvent => ({
  type: 'point',
  generation,
  key: 'lesion',
  value: { step, totalSteps: 40, curves },
});

const run = (actions: readonly LesionAction[], from: LesionState = INITIAL_LESION_STATE): LesionState =>
  actions.reduce(lesionReducer, from);

describe('lesionReducer', () => {
  it('follows a run from the reader’s start to both nets’ lesion curves', () => {
    let state = run([{ type: 'train' }]);
    expect(state.phase).toBe('loading');
    expect(lesionBusy(state)).toBe(true);
    expect(lesionStatus(state, null)).toBe('Loading TensorFlow.js and the MNIST digits…');

    state = run(
      [
        { type: 'ready', backend: WASM },
        { type: 'started', generation: 3, jobs: [{ key: 'lesion', steps: 40 }] },
      ],
      state,
    );
    expect(state).toMatchObject({ phase: 'training', generation: 3, step: 0, totalSteps: 40 });
    expect(lesionStatus(state, null)).toBe('Training both nets on WASM…');

    state = run([point(3, 8), point(3, 16)], state);
    expect(state.step).toBe(16);
    expect(state.curves).toBeNull();

    state = run([point(3, 40, CURVES), { type: 'finished', generation: 3 }], state);
    expect(state.phase).toBe('done');
    expect(lesionBusy(state)).toBe(false);
    expect(state.curves).toEqual(CURVES);
    expect(lesionStatus(state, null)).toBe(
      'Done. Intact: plain 90.0%, residual 95.0%. Worst single deletion: plain 10.0%, residual 60.0%.',
    );
  });

  it('pauses and resumes with the whole experiment, saying why it paused itself', () => {
    const training = run([
      { type: 'train' },
      { type: 'started', generation: 1, jobs: [{ key: 'lesion', steps: 40 }] },
      point(1, 12),
    ]);
    const paused = lesionReducer(training, { type: 'state', generation: 1, key: null, state: 'paused' });
    expect(paused.phase).toBe('paused');
    expect(lesionStatus(paused, 'offscreen')).toBe('Paused at step 12 while the figure is off-screen.');
    expect(lesionStatus(paused, 'hidden')).toBe('Paused at step 12 while this tab is hidden.');
    expect(lesionReducer(paused, { type: 'state', generation: 1, key: null, state: 'running' }).phase).toBe('training');
    // One job's state is not the experiment's.
    expect(lesionReducer(training, { type: 'state', generation: 1, key: 'lesion', state: 'paused' })).toBe(training);
  });

  it('ignores the events of a stopped run, and a start that arrives after the stop', () => {
    const training = run([{ type: 'train' }, { type: 'started', generation: 1, jobs: [{ key: 'lesion', steps: 40 }] }]);
    const stopped = lesionReducer(training, { type: 'stop' });
    expect(stopped.phase).toBe('idle');
    expect(lesionStatus(stopped, null)).toBe('Stopped. Not started.');
    expect(lesionReducer(stopped, point(1, 20))).toBe(stopped);
    // The reader stops while TF.js loads; the worker's late "started" does not bring the run back.
    const early = run([{ type: 'train' }, { type: 'stop' }]);
    expect(lesionReducer(early, { type: 'started', generation: 2, jobs: [] })).toBe(early);
    // The next start forgets the earlier run but keeps the backend the badge shows.
    const again = run([{ type: 'ready', backend: WASM }, { type: 'train' }], stopped);
    expect(again).toMatchObject({ phase: 'loading', step: 0, curves: null, stopped: false });
    expect(again.backend).toBe(WASM);
    expect(lesionReducer(again, point(1, 24))).toBe(again);
  });

  it('says why it could not run', () => {
    const failed = run([{ type: 'train' }, { type: 'failure', message: 'the worker did not start' }]);
    expect(failed.phase).toBe('error');
    expect(lesionStatus(failed, null)).toBe('Could not run: the worker did not start');
    expect(lesionStatus(lesionReducer(failed, { type: 'error', message: 'out of memory' }), null)).toBe(
      'Could not run: out of memory',
    );
  });

  it('prints accuracies to one decimal of a percent', () => {
    expect(formatAccuracy(0.9734)).toBe('97.3%');
    expect(formatAccuracy(1)).toBe('100.0%');
  });
});
