/**
 * The loss-surface island's state as a pure reducer of its session's events and the reader's
 * commands, with what the island shows derived from it (progress, the shared contour levels, the
 * α slice, the closing sentence). DOM-free, so unit tests drive it without a browser.
 */
import type { BackendReport } from '../training/backend.ts';
import { alphaSlice, centreLoss } from '../training/loss-surface.ts';
import { logLevels } from '../lib/contours.ts';
import type { SurfaceEvent, SurfaceInfo, SurfaceResult } from './surface-session.ts';
import { estimateSeconds, workSeconds, type SurfaceSpec } from './surface-spec.ts';

/** Where the computation stands. */
export type SurfacePhase = 'idle' | 'loading' | 'running' | 'paused' | 'done' | 'error';

/** One network's progress. */
export interface NetProgress {
  readonly step: number;
  readonly trainLoss: number | null;
  /** Grid points read back so far. */
  readonly done: number;
  readonly result: SurfaceResult | null;
}

export interface SurfaceState {
  readonly phase: SurfacePhase;
  /** The session's number of the current computation; -1 before it started. */
  readonly generation: number;
  readonly spec: SurfaceSpec | null;
  readonly backend: BackendReport | null;
  readonly nets: readonly SurfaceInfo[];
  readonly progress: Readonly<Record<string, NetProgress>>;
  /** Why it failed, for the status line. */
  readonly error: string | null;
}

export const INITIAL_SURFACE_STATE: SurfaceState = {
  phase: 'idle',
  generation: -1,
  spec: null,
  backend: null,
  nets: [],
  progress: {},
  error: null,
};

/** What the reducer takes: the session's events and the reader's commands. */
export type SurfaceAction =
  | SurfaceEvent
  | { readonly type: 'compute'; readonly spec: SurfaceSpec }
  | { readonly type: 'cancel' }
  | { readonly type: 'failure'; readonly message: string };

const EMPTY: NetProgress = { step: 0, trainLoss: null, done: 0, result: null };

export function surfaceReducer(state: SurfaceState, action: SurfaceAction): SurfaceState {
  // Events of an earlier computation (a Stop, then a new start) are stale.
  if ('generation' in action && action.type !== 'started' && action.generation !== state.generation) return state;
  switch (action.type) {
    case 'compute':
      return { ...INITIAL_SURFACE_STATE, backend: state.backend, phase: 'loading', spec: action.spec };
    case 'cancel':
      return { ...INITIAL_SURFACE_STATE, backend: state.backend, spec: state.spec };
    case 'failure':
    case 'error':
      return { ...state, phase: 'error', error: action.message };
    case 'ready':
      return { ...state, backend: action.backend };
    case 'loading':
      return state;
    case 'started':
      if (state.phase !== 'loading') return state;
      return {
        ...state,
        phase: 'running',
        generation: action.generation,
        nets: action.jobs,
        progress: Object.fromEntries(action.jobs.map((j) => [j.key, EMPTY])),
      };
    case 'point': {
      const before = state.progress[action.key] ?? EMPTY;
      const v = action.value;
      const next: NetProgress =
        v.phase === 'train'
          ? { ...before, step: v.step, trainLoss: v.trainLoss }
          : { ...before, done: v.done, result: v.result ?? before.result };
      return { ...state, progress: { ...state.progress, [action.key]: next } };
    }
    case 'state':
      if (action.key !== null || state.phase === 'done') return state;
      return { ...state, phase: action.state === 'paused' ? 'paused' : 'running' };
    case 'finished':
      return { ...state, phase: 'done' };
  }
}

/** The work done and in all, in estimated seconds (training and grid weighted by their cost). */
export function workOf(state: SurfaceState): { done: number; total: number } {
  const spec = state.spec;
  if (!spec) return { done: 0, total: 0 };
  const done = state.nets.reduce((sum, net) => {
    const p = state.progress[net.key] ?? EMPTY;
    return sum + workSeconds(spec, p.step, p.done);
  }, 0);
  return { done, total: estimateSeconds(spec) };
}

/** Steps of the slowest network, and grid points read over all networks, with their totals. */
export function countsOf(state: SurfaceState): { step: number; steps: number; points: number; totalPoints: number } {
  const spec = state.spec;
  const progress = state.nets.map((net) => state.progress[net.key] ?? EMPTY);
  const perNet = spec ? spec.grid.resolution ** 2 : 0;
  return {
    step: progress.length > 0 ? Math.min(...progress.map((p) => p.step)) : 0,
    steps: spec?.config.steps ?? 0,
    points: progress.reduce((sum, p) => sum + p.done, 0),
    totalPoints: perNet * (spec?.config.families.length ?? 0),
  };
}

/** The finished slices, plain first. */
export function resultsOf(state: SurfaceState): { info: SurfaceInfo; result: SurfaceResult }[] {
  return state.nets.flatMap((info) => {
    const result = state.progress[info.key]?.result;
    return result ? [{ info, result }] : [];
  });
}

/** Contour levels shared by every finished slice: evenly spaced in log loss between their extremes. */
export function sharedLevels(results: readonly SurfaceResult[], count = 10): number[] {
  const all = results.flatMap((r) => r.surface.loss).filter((v) => Number.isFinite(v) && v > 0);
  if (all.length === 0) return [];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  return hi > lo ? logLevels(lo, hi, count) : [];
}

/** Rows of the 1-D slice table: α, then each finished net's loss at (α, 0). */
export function alphaTable(results: readonly SurfaceResult[]): { alpha: number; losses: number[] }[] {
  const first = results[0];
  if (!first) return [];
  const slices = results.map((r) => alphaSlice(r.surface));
  return first.surface.axis.map((alpha, i) => ({ alpha, losses: slices.map((s) => s[i] ?? Number.NaN) }));
}

/** A loss or measure to three significant digits. */
export function figure(value: number): string {
  return Number.isFinite(value) ? Number(value.toPrecision(3)).toString() : '–';
}

/** The sentence after a run, written from its numbers. */
export function summaryOf(results: readonly { info: SurfaceInfo; result: SurfaceResult }[]): string {
  const parts = results.map(
    ({ info, result }) =>
      `${info.family === 'plain' ? 'plain' : 'ResNet'}-${String(info.depth)}: roughness ${figure(result.roughness)}, ` +
      `${String(result.localMinima)} local minim${result.localMinima === 1 ? 'um' : 'a'}, ` +
      `loss ${figure(centreLoss(result.surface))} at its trained weights`,
  );
  const [plain, residual] = results;
  const verdict =
    plain && residual
      ? plain.result.roughness > residual.result.roughness
        ? 'The plain slice is the rougher one.'
        : 'Here the plain slice is not the rougher one.'
      : '';
  return `Done. ${parts.join('; ')}. ${verdict}`.trim();
}
