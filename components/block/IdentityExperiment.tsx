/**
 * Learning the identity: a plain and a residual stack of the same depth trained side by side to
 * reproduce their input. TF.js loads on Start (dynamic import); the training code is
 * ../../src/block/identity-experiment.ts.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { BackendBadge } from '../demo/BackendBadge.tsx';
import { ChartSeries } from '../demo/chart-data.ts';
import { LiveChart } from '../demo/LiveChart.tsx';
import type { IdentityExperiment as Experiment } from '../../src/block/identity-experiment.ts';
import type { BackendReport } from '../../src/training/backend.ts';
import { nextFrame, prefersReducedMotion, useGeneration, useOnScreen } from './use-experiment-loop.ts';

interface Props {
  /** Two-layer blocks per stack. Default 6. */
  readonly blocks?: number;
  /** Training steps. Default 200. */
  readonly steps?: number;
  readonly seed?: number;
}

type Phase = 'idle' | 'loading' | 'running' | 'paused' | 'done' | 'error';

const READ_EVERY = 5;

export default function IdentityExperiment({ blocks, steps, seed }: Props): JSX.Element {
  const root = useRef<HTMLDivElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const [phase, setPhase] = useState<Phase>('idle');
  const [step, setStep] = useState(0);
  const [message, setMessage] = useState('Not started.');
  const [report, setReport] = useState<BackendReport | null>(null);
  const [version, setVersion] = useState(0);
  const series = useMemo(() => new ChartSeries(2), []);
  const experiment = useRef<Experiment | null>(null);
  const generation = useGeneration();
  const onScreen = useOnScreen(root);
  const wantRun = useRef(false);
  const totalSteps = useRef(steps ?? 200);

  useEffect(() => setHydrated(true), []);
  useEffect(
    () => () => {
      experiment.current?.dispose();
      experiment.current = null;
    },
    [],
  );

  const record = (p: { step: number; plain: number; residual: number }): void => {
    series.append(p.step, [p.plain, p.residual]);
    setVersion(series.version);
    setStep(p.step);
  };

  const loop = async (g: number): Promise<void> => {
    const run = experiment.current;
    if (!run) return;
    setPhase('running');
    while (generation.isCurrent(g) && wantRun.current && run.step < run.config.steps) {
      for (let k = 0; k < READ_EVERY && run.step < run.config.steps; k += 1) run.trainStep();
      const p = await run.losses();
      if (!generation.isCurrent(g)) return;
      record(p);
      setMessage(`Step ${p.step}: plain loss ${p.plain.toFixed(4)}, residual loss ${p.residual.toFixed(4)}.`);
      await nextFrame();
    }
    if (!generation.isCurrent(g)) return;
    if (run.step >= run.config.steps) {
      const last = { plain: series.last(0) ?? Number.NaN, residual: series.last(1) ?? Number.NaN };
      setPhase('done');
      setMessage(
        `Done after ${run.step} steps: plain loss ${last.plain.toFixed(4)}, residual loss ${last.residual.toFixed(4)}.`,
      );
    } else {
      setPhase('paused');
    }
  };

  const start = async (): Promise<void> => {
    const g = generation.next();
    wantRun.current = true;
    setPhase('loading');
    setMessage('Loading TensorFlow.js…');
    try {
      const [{ startEngine }, { IdentityExperiment: Make, IDENTITY_DEFAULTS }] = await Promise.all([
        import('../../src/block/engine.ts'),
        import('../../src/block/identity-experiment.ts'),
      ]);
      const engine = await startEngine();
      if (!generation.isCurrent(g)) return;
      setReport(engine.report);
      experiment.current?.dispose();
      const config = {
        ...IDENTITY_DEFAULTS,
        ...(blocks !== undefined ? { blocks } : {}),
        ...(steps !== undefined ? { steps } : {}),
        ...(seed !== undefined ? { seed } : {}),
      };
      totalSteps.current = config.steps;
      const run = new Make(engine.tf, config);
      experiment.current = run;
      series.clear();
      record(await run.losses());
      setMessage(`Training on ${engine.report.label}…`);
      await loop(g);
    } catch (error) {
      if (!generation.isCurrent(g)) return;
      setPhase('error');
      setMessage(`Could not run: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const pause = (): void => {
    wantRun.current = false;
    generation.next();
    setPhase('paused');
    setMessage(`Paused at step ${experiment.current?.step ?? 0}.`);
  };

  const resume = (): void => {
    wantRun.current = true;
    void loop(generation.next());
  };

  const reset = (): void => {
    generation.next();
    wantRun.current = false;
    experiment.current?.dispose();
    experiment.current = null;
    series.clear();
    setVersion(series.version);
    setStep(0);
    setPhase('idle');
    setMessage('Reset. Not started.');
  };

  // Pause while off-screen or in a hidden tab; resume when back, if the reader had it running.
  useEffect(() => {
    if (!onScreen && phase === 'running') {
      generation.next();
      setPhase('paused');
      setMessage(`Paused at step ${experiment.current?.step ?? 0} (off-screen).`);
    } else if (onScreen && phase === 'paused' && wantRun.current) {
      void loop(generation.next());
    }
    // Only visibility changes matter here.
  }, [onScreen]);

  const plain = series.last(0);
  const residual = series.last(1);
  return (
    <div
      class="block-island identity-experiment"
      ref={root}
      data-ready={hydrated ? 'true' : 'false'}
      data-phase={phase}
    >
      <div class="block-controls">
        {phase === 'running' || phase === 'loading' ? (
          <button type="button" onClick={pause} disabled={phase === 'loading'}>
            Pause
          </button>
        ) : phase === 'paused' ? (
          <button type="button" onClick={resume}>
            Resume
          </button>
        ) : (
          <button type="button" onClick={() => void start()} disabled={!hydrated}>
            {phase === 'done' ? 'Train again' : 'Start training'}
          </button>
        )}
        <button type="button" onClick={reset} disabled={!hydrated || phase === 'idle'}>
          Reset
        </button>
        <span class="block-step">
          Step <span data-testid="identity-step">{step}</span> of {totalSteps.current}
        </span>
      </div>
      <BackendBadge report={report} />
      <LiveChart
        title="Mean squared error (reproducing the input)"
        data={series}
        version={version}
        seriesLabels={['plain stack', 'residual stack']}
        summary={
          plain === null || residual === null
            ? 'No losses yet.'
            : `Plain ${plain.toFixed(4)}, residual ${residual.toFixed(4)}.`
        }
        throttleMs={prefersReducedMotion() ? 1000 : 250}
      />
      <p class="block-status" role="status" aria-live="polite">
        {message}
      </p>
    </div>
  );
}
