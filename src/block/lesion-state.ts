/**
 * The lesion island's state as a pure reducer of its session's events and the reader's commands,
 * with the status line derived from it. DOM-free, so unit tests drive it without a browser.
 */
import type { PauseReason } from '../training/auto-pause.ts';
import type { BackendReport } from '../training/backend.ts';
import type { BlockEvent } from './block-session.ts';
import type { LesionCurve, LesionFamily, LesionProgress } from './lesion.ts';

/** Where the experiment stands. */
export type LesionPhase = 'idle' | 'loading' | 'training' | 'paused' | 'done' | 'error';

/** Both nets' accuracy, intact and with each block deleted. */
export type LesionCurves = Readonly<Record<LesionFamily, LesionCurve>>;

export interface LesionState {
  readonly phase: LesionPhase;
  /** The session's number of the current run; -1 before it started. */
  readonly generation: number;
  readonly backend: BackendReport | null;
  readonly step: number;
  readonly totalSteps: number;
  /** The lesion study, once the training has finished. */
  readonly curves: LesionCurves | null;
  /** Why it failed. */
  readonly error: string | null;
  /** The reader stopped a run (the status line says so until the next start). */
  readonly stopped: boolean;
}

export const INITIAL_LESION_STATE: LesionState = {
  phase: 'idle',
  generation: -1,
  backend: null,
  step: 0,
  totalSteps: 0,
  curves: null,
  error: null,
  stopped: false,
};

/** What the reducer takes: the session's events and the reader's commands. */
export type LesionAction =
  | BlockEvent
  | { readonly type: 'train' }
  | { readonly type: 'stop' }
  | { readonly type: 'failure'; readonly message: string };

export function lesionReducer(state: LesionState, action: LesionAction): LesionState {
  // Events of an earlier run (a Stop, then a new start) are stale.
  if ('generation' in action && action.type !== 'started' && action.generation !== state.generation) return state;
  switch (action.type) {
    case 'train':
      return { ...INITIAL_LESION_STATE, backend: state.backend, phase: 'loading' };
    case 'stop':
      return { ...INITIAL_LESION_STATE, backend: state.backend, stopped: true };
    case 'failure':
    case 'error':
      return { ...state, phase: 'error', error: action.message };
    case 'ready':
      return { ...state, backend: action.backend };
    case 'started':
      // A run the reader stopped before it started is not shown.
      if (state.phase !== 'loading') return state;
      return {
        ...state,
        phase: 'training',
        generation: action.generation,
        step: 0,
        totalSteps: action.jobs[0]?.steps ?? 0,
      };
    case 'point': {
      const p = action.value as LesionProgress;
      const next = { ...state, step: p.step, totalSteps: p.totalSteps };
      return p.curves ? { ...next, curves: p.curves, phase: 'done' } : next;
    }
    case 'state':
      if (action.key !== null || state.phase === 'done') return state;
      return { ...state, phase: action.state === 'paused' ? 'paused' : 'training' };
    case 'loading':
    case 'finished':
      return state;
  }
}

/** True while a run is loading, training or paused. */
export function lesionBusy(state: LesionState): boolean {
  return state.phase === 'loading' || state.phase === 'training' || state.phase === 'paused';
}

/** An accuracy as the island prints it, e.g. "97.3%". */
export function formatAccuracy(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

/**
 * The status line. `pausedBecause` says why the demo paused itself (the tab is hidden or the
 * figure is off-screen).
 */
export function lesionStatus(state: LesionState, pausedBecause: PauseReason | null): string {
  const pct = formatAccuracy;
  switch (state.phase) {
    case 'idle':
      return state.stopped ? 'Stopped. Not started.' : 'Not started.';
    case 'loading':
      return state.backend
        ? `Training both nets on ${state.backend.label}…`
        : 'Loading TensorFlow.js and the MNIST digits…';
    case 'training':
      return state.backend ? `Training both nets on ${state.backend.label}…` : 'Training both nets…';
    case 'paused':
      return `Paused at step ${state.step}${pausedBecause === 'hidden' ? ' while this tab is hidden' : ' while the figure is off-screen'}.`;
    case 'error':
      return `Could not run: ${state.error ?? 'unknown error'}`;
    case 'done': {
      const { plain, resnet } = state.curves ?? {};
      if (!plain || !resnet) return 'Done.';
      const worst = (c: LesionCurve): number => Math.min(...c.deleted.map((d) => d.accuracy));
      return (
        `Done. Intact: plain ${pct(plain.intact)}, residual ${pct(resnet.intact)}. ` +
        `Worst single deletion: plain ${pct(worst(plain))}, residual ${pct(worst(resnet))}.`
      );
    }
  }
}
