/**
 * Learning the identity: a plain and a residual stack of the same depth trained side by side to
 * reproduce their input. The training runs in the training worker (src/block/block-session.ts)
 * and loads on Start; a hidden tab or the figure scrolled away pauses it.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { IDENTITY_DEFAULTS, type IdentityPoint } from '../../src/block/identity-experiment.ts';
import type { BlockEvent } from '../../src/block/block-session.ts';
import type { BackendReport } from '../../src/training/backend.ts';
import { BackendBadge } from '../demo/BackendBadge.tsx';
import { ChartSeries } from '../demo/chart-data.ts';
import { Button, LookFor } from '../demo/controls.tsx';
import { LiveChart } from '../demo/LiveChart.tsx';
import { identityResult } from '../demo/result-text.ts';
import { useJobDemo, withTestConfig } from '../demo/use-job-demo.ts';

interface Props {
  /** Two-layer blocks per stack. Default 6. */
  readonly blocks?: number;
  /** Training steps. Default 200. */
  readonly steps?: number;
  readonly seed?: number;
  /** The chapter's one-line prompt of what to watch, shown before the button. */
  readonly lookFor?: string;
}

type Phase = 'idle' | 'loading' | 'running' | 'paused' | 'done' | 'error';

const losses = (p: { plain: number; residual: number }): string =>
  `plain loss ${p.plain.toFixed(4)}, residual loss ${p.residual.toFixed(4)}`;

/** True when the reader asked for less motion. */
function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export default function IdentityExperiment({ blocks, steps, seed, lookFor }: Props): JSX.Element {
  const root = useRef<HTMLDivElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const [phase, setPhase] = useState<Phase>('idle');
  const [step, setStep] = useState(0);
  const [message, setMessage] = useState('Not started.');
  const [report, setReport] = useState<BackendReport | null>(null);
  const [version, setVersion] = useState(0);
  const series = useMemo(() => new ChartSeries(2), []);
  const generation = useRef(-1);
  const [config, setConfig] = useState(() => ({
    ...IDENTITY_DEFAULTS,
    ...(blocks !== undefined ? { blocks } : {}),
    ...(steps !== undefined ? { steps } : {}),
    ...(seed !== undefined ? { seed } : {}),
  }));

  const fail = (text: string): void => {
    setPhase('error');
    setMessage(`Could not run: ${text}`);
  };

  const demo = useJobDemo(
    'block',
    root,
    { running: phase === 'running', paused: phase === 'paused' },
    (event: BlockEvent) => {
      if ('generation' in event && event.generation !== generation.current && event.type !== 'started') return;
      switch (event.type) {
        case 'ready':
          setReport(event.backend);
          setMessage(`Training on ${event.backend.label}…`);
          return;
        case 'started':
          generation.current = event.generation;
          setPhase('running');
          return;
        case 'point': {
          const p = event.value as IdentityPoint;
          series.append(p.step, [p.plain, p.residual]);
          setVersion(series.version);
          setStep(p.step);
          if (p.step > 0) setMessage(`Step ${p.step}: ${losses(p)}.`);
          return;
        }
        case 'state':
          if (event.key === null) setPhase(event.state === 'paused' ? 'paused' : 'running');
          return;
        case 'finished':
          setPhase('done');
          setMessage(
            `Done after ${config.steps} steps: ${losses({ plain: series.last(0) ?? Number.NaN, residual: series.last(1) ?? Number.NaN })}.`,
          );
          return;
        case 'error':
          fail(event.message);
          return;
        case 'loading':
          return;
      }
    },
    fail,
  );

  useEffect(() => {
    setConfig((c) => withTestConfig(c));
    setHydrated(true);
  }, []);

  const start = async (): Promise<void> => {
    generation.current = -1;
    series.clear();
    setVersion(series.version);
    setStep(0);
    setPhase('loading');
    setMessage('Loading TensorFlow.js…');
    await demo.start({ experiment: 'identity', config });
  };

  const reset = (): void => {
    demo.stop();
    generation.current = -1;
    series.clear();
    setVersion(series.version);
    setStep(0);
    setPhase('idle');
    setMessage('Reset. Not started.');
  };

  const why = demo.auto.reason === 'hidden' ? ' while this tab is hidden' : demo.auto.reason ? ' (off-screen)' : '';
  const status = phase === 'paused' ? `Paused at step ${step}${why}.` : message;
  const plain = series.last(0);
  const residual = series.last(1);
  return (
    <div
      class="block-island identity-experiment not-content"
      ref={root}
      data-ready={hydrated ? 'true' : 'false'}
      data-phase={phase}
    >
      <LookFor text={lookFor} />
      <div class="block-controls">
        {phase === 'running' || phase === 'loading' ? (
          <Button onClick={() => demo.pause()} disabled={phase === 'loading'}>
            Pause
          </Button>
        ) : phase === 'paused' ? (
          <Button primary onClick={() => demo.resume()}>
            Resume
          </Button>
        ) : (
          <Button primary onClick={() => void start()} disabled={!hydrated}>
            {phase === 'done' ? 'Train again' : 'Start training'}
          </Button>
        )}
        <Button onClick={reset} disabled={!hydrated || phase === 'idle'}>
          Reset
        </Button>
        <span class="block-step">
          Step <span data-testid="identity-step">{step}</span> of {config.steps}
        </span>
      </div>
      <BackendBadge report={report} />
      <LiveChart
        title="Mean squared error (reproducing the input)"
        data={series}
        version={version}
        lines={[
          { label: 'plain stack', tone: 'plain', kind: 'train' },
          { label: 'residual stack', tone: 'residual', kind: 'train' },
        ]}
        yLabel="mean squared error"
        summary={
          plain === null || residual === null
            ? 'No losses yet.'
            : `Plain ${plain.toFixed(4)}, residual ${residual.toFixed(4)}.`
        }
        throttleMs={prefersReducedMotion() ? 1000 : 250}
      />
      <p class="block-status" role="status" aria-live="polite">
        {status}
      </p>
      <p class="demo-result" data-testid="result">
        {phase === 'done' && plain !== null && residual !== null ? identityResult(plain, residual, config.steps) : ''}
      </p>
    </div>
  );
}
