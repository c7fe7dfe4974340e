/**
 * The lesion experiment (Veit et al. 2016): train a plain and a residual net, then delete one
 * block at a time and plot test accuracy per deleted block. The experiment
 * (../../src/block/lesion.ts) runs in the training worker; TF.js and the data load on Start, and a
 * hidden tab or the figure scrolled away pauses the training.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BlockEvent } from '../../src/block/block-session.ts';
import { LESION_DEFAULTS, type LesionCurve, type LesionProgress } from '../../src/block/lesion.ts';
import type { BackendReport } from '../../src/training/backend.ts';
import { BackendBadge } from '../demo/BackendBadge.tsx';
import { Button, LookFor } from '../demo/controls.tsx';
import { lesionResult } from '../demo/result-text.ts';
import { useJobDemo, withTestConfig } from '../demo/use-job-demo.ts';

type Phase = 'idle' | 'loading' | 'training' | 'paused' | 'done' | 'error';

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** Grouped bars: accuracy with each block deleted, plain vs residual, and the intact nets as lines. */
function LesionChart({ plain, resnet }: { plain: LesionCurve; resnet: LesionCurve }): JSX.Element {
  const n = plain.deleted.length;
  // Drawn at 300 user units, a little under its width on a phone, so 12-unit text stays 11 px or
  // more there; on a wide screen it grows to 24rem at most (block.css).
  const w = 300;
  const h = 230;
  const left = 44;
  const right = 8;
  const bottom = 186;
  const slot = (w - left - right) / n;
  const y = (acc: number): number => bottom - acc * 150;
  return (
    <svg
      class="block-chart"
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label="Test accuracy with each block deleted, plain and residual"
    >
      {[0, 0.5, 1].map((t) => (
        <g key={t}>
          <line x1={left} x2={w - right} y1={y(t)} y2={y(t)} stroke="currentColor" stroke-opacity="0.2" />
          <text x={left - 4} y={y(t) + 4} text-anchor="end">
            {`${t * 100}%`}
          </text>
        </g>
      ))}
      {[plain, resnet].map((curve) => (
        <line
          key={`${curve.family}-intact`}
          class={curve.family === 'plain' ? 'plain' : 'residual'}
          data-tone={curve.family === 'plain' ? 'plain' : 'residual'}
          x1={left}
          x2={w - right}
          y1={y(curve.intact)}
          y2={y(curve.intact)}
          stroke-width="1.5"
        />
      ))}
      {plain.deleted.map((d, i) => {
        const r = resnet.deleted[i];
        const x = left + i * slot + slot * 0.15;
        const bw = slot * 0.33;
        return (
          <g key={d.blockId}>
            <rect class="plain" data-tone="plain" x={x} y={y(d.accuracy)} width={bw} height={bottom - y(d.accuracy)} />
            {r && (
              <rect
                class="residual"
                data-tone="residual"
                x={x + bw}
                y={y(r.accuracy)}
                width={bw}
                height={bottom - y(r.accuracy)}
              />
            )}
            <text x={x + bw} y={bottom + 16} text-anchor="middle">
              {i + 1}
            </text>
          </g>
        );
      })}
      <text x={left + (w - left - right) / 2} y={bottom + 34} text-anchor="middle">
        deleted block
      </text>
      <text x="12" y={y(0.5)} text-anchor="middle" transform={`rotate(-90 12 ${y(0.5)})`}>
        test accuracy
      </text>
    </svg>
  );
}

/** The chart's key: bars per family, and the (test, so solid) line of each intact net. */
function LesionKey(): JSX.Element {
  const sample = (tone: 'plain' | 'residual', bar: boolean) => (
    <svg class="demo-line-sample" width="24" height="10" viewBox="0 0 24 10" aria-hidden="true">
      {bar ? (
        <rect x="7" y="0" width="10" height="10" fill={`var(--wrw-${tone})`} />
      ) : (
        <line x1="1" x2="23" y1="5" y2="5" stroke={`var(--wrw-${tone})`} stroke-width="2" />
      )}
    </svg>
  );
  return (
    <ul class="demo-chart-key">
      <li>{sample('plain', true)}plain, one block deleted</li>
      <li>{sample('residual', true)}residual, one block deleted</li>
      <li>
        {sample('plain', false)}
        {sample('residual', false)}intact
      </li>
    </ul>
  );
}

export default function LesionExperiment({ lookFor }: { readonly lookFor?: string }): JSX.Element {
  const root = useRef<HTMLDivElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const [phase, setPhase] = useState<Phase>('idle');
  const [message, setMessage] = useState('Not started.');
  const [report, setReport] = useState<BackendReport | null>(null);
  const [progress, setProgress] = useState({ step: 0, total: 0 });
  const [curves, setCurves] = useState<{ plain: LesionCurve; resnet: LesionCurve } | null>(null);
  const generation = useRef(-1);

  const fail = (text: string): void => {
    setPhase('error');
    setMessage(`Could not run: ${text}`);
  };

  const finish = ({ plain, resnet }: { plain: LesionCurve; resnet: LesionCurve }): void => {
    setCurves({ plain, resnet });
    setPhase('done');
    const worst = (c: LesionCurve): number => Math.min(...c.deleted.map((d) => d.accuracy));
    setMessage(
      `Done. Intact: plain ${pct(plain.intact)}, residual ${pct(resnet.intact)}. ` +
        `Worst single deletion: plain ${pct(worst(plain))}, residual ${pct(worst(resnet))}.`,
    );
  };

  const demo = useJobDemo(
    'block',
    root,
    { running: phase === 'training', paused: phase === 'paused' },
    (event: BlockEvent) => {
      if ('generation' in event && event.generation !== generation.current && event.type !== 'started') return;
      switch (event.type) {
        case 'ready':
          setReport(event.backend);
          setMessage(`Training both nets on ${event.backend.label}…`);
          return;
        case 'started':
          generation.current = event.generation;
          setProgress({ step: 0, total: event.jobs[0]?.steps ?? 0 });
          setPhase('training');
          return;
        case 'point': {
          const p = event.value as LesionProgress;
          setProgress({ step: p.step, total: p.totalSteps });
          if (p.curves) finish(p.curves);
          return;
        }
        case 'state':
          if (event.key === null) setPhase(event.state === 'paused' ? 'paused' : 'training');
          return;
        case 'error':
          fail(event.message);
          return;
        case 'loading':
        case 'finished':
          return;
      }
    },
    fail,
  );

  useEffect(() => setHydrated(true), []);

  const start = async (): Promise<void> => {
    generation.current = -1;
    setCurves(null);
    setPhase('loading');
    setMessage('Loading TensorFlow.js and the MNIST digits…');
    await demo.start({ experiment: 'lesion', config: withTestConfig(LESION_DEFAULTS) });
  };

  const cancel = (): void => {
    demo.stop();
    generation.current = -1;
    setPhase('idle');
    setProgress({ step: 0, total: 0 });
    setMessage('Stopped. Not started.');
  };

  const busy = phase === 'loading' || phase === 'training' || phase === 'paused';
  const why = demo.auto.reason === 'hidden' ? ' while this tab is hidden' : ' while the figure is off-screen';
  const status = phase === 'paused' ? `Paused at step ${progress.step}${why}.` : message;
  return (
    <div
      ref={root}
      class="block-island lesion-experiment not-content"
      data-ready={hydrated ? 'true' : 'false'}
      data-phase={phase}
    >
      <LookFor text={lookFor} />
      <div class="block-controls">
        {busy ? (
          <Button onClick={cancel}>Stop</Button>
        ) : (
          <Button primary onClick={() => void start()} disabled={!hydrated}>
            {phase === 'done' ? 'Train again' : 'Train and lesion'}
          </Button>
        )}
        <progress max={Math.max(1, progress.total)} value={progress.step} aria-label="Training progress" />
        <span class="block-step">
          Step <span data-testid="lesion-step">{progress.step}</span> of {progress.total}
        </span>
      </div>
      <BackendBadge report={report} />
      <div class="lesion-figure" data-filled={curves ? 'true' : 'false'}>
        {curves ? (
          <>
            <LesionKey />
            <LesionChart plain={curves.plain} resnet={curves.resnet} />
            <div
              class="block-scroll wrw-scroll"
              tabIndex={0}
              role="group"
              aria-label="Accuracy per deleted block, a table that scrolls sideways"
            >
              <table class="block-table">
                <caption>Test accuracy with one block deleted</caption>
                <thead>
                  <tr>
                    <th scope="col">Deleted block</th>
                    <th scope="col">Plain</th>
                    <th scope="col">Residual</th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">none (intact)</th>
                    <td>{pct(curves.plain.intact)}</td>
                    <td>{pct(curves.resnet.intact)}</td>
                  </tr>
                  {curves.plain.deleted.map((d, i) => (
                    <tr key={d.blockId}>
                      <th scope="row">{d.label}</th>
                      <td>{pct(d.accuracy)}</td>
                      <td>{pct(curves.resnet.deleted[i]?.accuracy ?? Number.NaN)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <p class="demo-placeholder">The accuracy of each network with one block deleted appears here.</p>
        )}
      </div>
      <p class="block-status" role="status" aria-live="polite">
        {status}
      </p>
      <p class="demo-result" data-testid="result">
        {phase === 'done' && curves
          ? lesionResult(
              { intact: curves.plain.intact, deleted: curves.plain.deleted.map((d) => d.accuracy) },
              { intact: curves.resnet.intact, deleted: curves.resnet.deleted.map((d) => d.accuracy) },
            )
          : ''}
      </p>
    </div>
  );
}
