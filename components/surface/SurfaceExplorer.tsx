/**
 * The reader's own loss-surface slices: trains a small plain/residual pair in the training worker,
 * then evaluates both slices with progress, pause and cancel (src/lab/surface-session.ts), and
 * draws them as filled contour plots with the same levels, with the α slice as a table. Nothing
 * loads before the reader presses Compute; state lives in a pure reducer (src/lab/surface-state.ts).
 */
import type { JSX } from 'preact';
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import {
  estimateSeconds,
  GRID_CHOICES,
  STEP_CHOICES,
  SURFACE_DEFAULTS,
  surfaceSpec,
} from '../../src/lab/surface-spec.ts';
import {
  alphaTable,
  countsOf,
  figure,
  INITIAL_SURFACE_STATE,
  resultsOf,
  sharedLevels,
  summaryOf,
  surfaceReducer,
  workOf,
  type SurfaceState,
} from '../../src/lab/surface-state.ts';
import { BackendBadge } from '../demo/BackendBadge.tsx';
import { formatDuration } from '../demo/ProgressBar.tsx';
import { useJobDemo, withTestConfig } from '../demo/use-job-demo.ts';
import { netName, SurfacePlot } from './SurfacePlot.tsx';

const LABEL = 'Compute your own loss-surface slices';

/** The status line: what happens now, or what happened. */
function statusOf(state: SurfaceState, why: string): string {
  const { step, steps } = countsOf(state);
  switch (state.phase) {
    case 'idle':
      return 'Not started.';
    case 'loading':
      return 'Loading TensorFlow.js and the Fashion-MNIST images…';
    case 'paused':
      return `Paused${why}.`;
    case 'error':
      return `Could not compute: ${state.error ?? 'unknown error'}`;
    case 'done':
      return summaryOf(resultsOf(state));
    case 'running':
      if (step < steps)
        return `Training ${state.nets.map(netName).join(' and ')}: step ${String(step)} of ${String(steps)}.`;
      return 'Evaluating the loss over both grids…';
  }
}

export default function SurfaceExplorer(): JSX.Element {
  const root = useRef<HTMLElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const [grid, setGrid] = useState<number>(SURFACE_DEFAULTS.grid.resolution);
  const [steps, setSteps] = useState<number>(SURFACE_DEFAULTS.config.steps);
  const [state, dispatch] = useReducer(surfaceReducer, INITIAL_SURFACE_STATE);
  const startedAt = useRef(0);
  const { phase } = state;
  const demo = useJobDemo(
    'surface',
    root,
    { running: phase === 'running', paused: phase === 'paused' },
    dispatch,
    (m) => dispatch({ type: 'failure', message: m }),
  );
  useEffect(() => setHydrated(true), []);

  const spec = surfaceSpec(grid, steps);
  const compute = async (): Promise<void> => {
    startedAt.current = performance.now();
    // The end-to-end tests may shrink the pair further than the menus go (use-job-demo.ts).
    const run = { ...spec, config: withTestConfig(spec.config) };
    dispatch({ type: 'compute', spec: run });
    await demo.start(run);
  };
  const stop = (): void => {
    demo.stop();
    dispatch({ type: 'cancel' });
  };

  const busy = phase === 'loading' || phase === 'running' || phase === 'paused';
  const work = workOf(state);
  const elapsed = busy ? performance.now() - startedAt.current : 0;
  const left = work.done > 0 ? (elapsed * (work.total - work.done)) / work.done : null;
  const results = resultsOf(state);
  const levels = sharedLevels(results.map((r) => r.result));
  const table = alphaTable(results.map((r) => r.result));
  const counts = countsOf(state);
  const why = demo.auto.reason === 'hidden' ? ' while this tab is hidden' : ' while the figure is off-screen';
  const c = spec.config;
  return (
    <section
      ref={root}
      class="demo surface-explorer not-content"
      aria-label={LABEL}
      data-hydrated={hydrated ? 'true' : 'false'}
      data-phase={phase}
    >
      <fieldset class="demo-settings" disabled={busy || !hydrated}>
        <legend>Setting</legend>
        <label>
          Grid
          <select value={grid} onChange={(e) => setGrid(Number(e.currentTarget.value))}>
            {GRID_CHOICES.map((n) => (
              <option key={n} value={n}>{`${String(n)} × ${String(n)}`}</option>
            ))}
          </select>
        </label>
        <label>
          Training steps per network
          <select value={steps} onChange={(e) => setSteps(Number(e.currentTarget.value))}>
            {STEP_CHOICES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <p class="surface-estimate" data-testid="estimate">
        {`Trains plain-${String(c.depths[0])} and ResNet-${String(c.depths[0])} (width ${String(c.width)}, Fashion-MNIST at ` +
          `${String(c.inputSize)}×${String(c.inputSize)}) for ${String(c.steps)} steps each, then the loss on ` +
          `${String(c.trainSubset)} training images at ${String(grid * grid)} points of each slice: about ` +
          `${formatDuration(estimateSeconds(spec) * 1000)} at most on the WASM backend of a busy two-core machine, less on a GPU.`}
      </p>
      <div class="demo-toolbar">
        {busy ? (
          <>
            <button
              type="button"
              disabled={phase === 'loading'}
              onClick={() => (phase === 'paused' ? demo.resume() : demo.pause())}
            >
              {phase === 'paused' ? 'Resume' : 'Pause'}
            </button>
            <button type="button" onClick={stop}>
              Stop
            </button>
          </>
        ) : (
          <button type="button" class="demo-primary" disabled={!hydrated} onClick={() => void compute()}>
            {phase === 'done' ? 'Compute again' : 'Compute the slices'}
          </button>
        )}
        <BackendBadge report={state.backend} />
      </div>
      <div class="demo-progress">
        <progress max={Math.max(1, work.total)} value={work.done} aria-label="Progress of the computation" />
        <span class="demo-progress-text">
          Step <span data-testid="step">{counts.step}</span> of {counts.steps || c.steps} · grid points{' '}
          <span data-testid="points">{counts.points}</span> of {counts.totalPoints || 2 * grid * grid}
          {busy && left !== null ? ` · about ${formatDuration(left)} left` : ''}
        </span>
      </div>
      {results.length > 0 && (
        <div class="surface-panels">
          {results.map(({ info, result }) => (
            <SurfacePlot key={info.key} info={info} result={result} levels={levels} />
          ))}
        </div>
      )}
      {results.length > 0 && (
        <p class="surface-levels">{`${String(levels.length)} levels from ${figure(levels[0] ?? Number.NaN)} to ${figure(levels.at(-1) ?? Number.NaN)}, evenly spaced in log loss, the same in every panel; darker is lower.`}</p>
      )}
      {table.length > 0 && (
        <div class="surface-scroll" tabindex={0} role="group" aria-label="Loss along α, scrollable">
          <table class="surface-table">
            <caption>Loss along α at β = 0</caption>
            <thead>
              <tr>
                <th scope="col">α</th>
                {results.map(({ info }) => (
                  <th key={info.key} scope="col">
                    {netName(info)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.map((row) => (
                <tr key={row.alpha}>
                  <th scope="row">{figure(row.alpha)}</th>
                  {row.losses.map((loss, k) => (
                    <td key={k}>{figure(loss)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="surface-status" role="status" aria-live="polite">
        {statusOf(state, why)}
      </p>
    </section>
  );
}
