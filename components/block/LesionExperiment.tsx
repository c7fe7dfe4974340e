/**
 * The lesion experiment (Veit et al. 2016): train a plain and a residual net in the page, then
 * delete one block at a time and plot test accuracy per deleted block. TF.js and the data load on
 * Start; the experiment is ../../src/block/lesion.ts.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { BackendBadge } from '../demo/BackendBadge.tsx';
import type { LesionCurve, LesionExperiment as Experiment } from '../../src/block/lesion.ts';
import type { BackendReport } from '../../src/training/backend.ts';
import { nextFrame, useGeneration } from './use-experiment-loop.ts';

interface Props {
  /** URL of the folder holding manifest.json. Default "/data/". */
  readonly dataUrl?: string;
}

type Phase = 'idle' | 'loading' | 'training' | 'lesioning' | 'done' | 'error';

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** Grouped bars: accuracy with each block deleted, plain vs residual, and the intact nets as lines. */
function LesionChart({ plain, resnet }: { plain: LesionCurve; resnet: LesionCurve }): JSX.Element {
  const n = plain.deleted.length;
  const w = 480;
  const h = 220;
  const left = 40;
  const bottom = 190;
  const slot = (w - left - 10) / n;
  const y = (acc: number): number => bottom - acc * 160;
  return (
    <svg
      class="block-chart"
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label="Test accuracy with each block deleted, plain and residual"
    >
      {[0, 0.5, 1].map((t) => (
        <g key={t}>
          <line x1={left} x2={w - 10} y1={y(t)} y2={y(t)} stroke="currentColor" stroke-opacity="0.2" />
          <text x={left - 4} y={y(t) + 4} text-anchor="end">
            {`${t * 100}%`}
          </text>
        </g>
      ))}
      {[plain, resnet].map((curve) => (
        <line
          key={`${curve.family}-intact`}
          class={curve.family === 'plain' ? 'plain' : 'residual'}
          x1={left}
          x2={w - 10}
          y1={y(curve.intact)}
          y2={y(curve.intact)}
          stroke-dasharray="4 3"
        />
      ))}
      <rect class="plain" x={left + 10} y="4" width="10" height="10" />
      <text x={left + 24} y="13">
        plain (dashed: intact)
      </text>
      <rect class="residual" x={left + 180} y="4" width="10" height="10" />
      <text x={left + 194} y="13">
        residual (dashed: intact)
      </text>
      {plain.deleted.map((d, i) => {
        const r = resnet.deleted[i];
        const x = left + i * slot + slot * 0.15;
        const bw = slot * 0.33;
        return (
          <g key={d.blockId}>
            <rect class="plain" x={x} y={y(d.accuracy)} width={bw} height={bottom - y(d.accuracy)} />
            {r && <rect class="residual" x={x + bw} y={y(r.accuracy)} width={bw} height={bottom - y(r.accuracy)} />}
            <text x={x + bw} y={bottom + 16} text-anchor="middle">
              {i + 1}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export default function LesionExperiment({ dataUrl = '/data/' }: Props): JSX.Element {
  const [hydrated, setHydrated] = useState(false);
  const [phase, setPhase] = useState<Phase>('idle');
  const [message, setMessage] = useState('Not started.');
  const [report, setReport] = useState<BackendReport | null>(null);
  const [progress, setProgress] = useState({ step: 0, total: 0 });
  const [curves, setCurves] = useState<{ plain: LesionCurve; resnet: LesionCurve } | null>(null);
  const experiment = useRef<Experiment | null>(null);
  const generation = useGeneration();

  useEffect(() => setHydrated(true), []);
  useEffect(
    () => () => {
      experiment.current?.dispose();
      experiment.current = null;
    },
    [],
  );

  const start = async (): Promise<void> => {
    const g = generation.next();
    experiment.current?.dispose();
    experiment.current = null;
    setCurves(null);
    setPhase('loading');
    setMessage('Loading TensorFlow.js and the MNIST digits…');
    try {
      const [{ startEngine }, lesion, { loadDataset }] = await Promise.all([
        import('../../src/block/engine.ts'),
        import('../../src/block/lesion.ts'),
        import('../../src/training/dataset.ts'),
      ]);
      const engine = await startEngine();
      setReport(engine.report);
      const dataset = await loadDataset({
        baseUrl: new URL(dataUrl, location.href).href,
        datasetId: 'mnist',
        fetch: globalThis.fetch.bind(globalThis),
      });
      if (!generation.isCurrent(g)) return;
      const run = new lesion.LesionExperiment(engine.tf, dataset);
      experiment.current = run;
      setPhase('training');
      setMessage(`Training both nets on ${engine.report.label}…`);
      while (run.step < run.totalSteps) {
        for (let k = 0; k < 4 && run.step < run.totalSteps; k += 1) run.trainStep();
        await run.runs.resnet.readWindow();
        await run.runs.plain.readWindow();
        if (!generation.isCurrent(g)) return;
        setProgress({ step: run.step, total: run.totalSteps });
        await nextFrame();
      }
      setPhase('lesioning');
      setMessage('Deleting one block at a time…');
      const plain = await run.lesion('plain');
      const resnet = await run.lesion('resnet');
      if (!generation.isCurrent(g)) return;
      setCurves({ plain, resnet });
      setPhase('done');
      const worst = (c: LesionCurve): number => Math.min(...c.deleted.map((d) => d.accuracy));
      setMessage(
        `Done. Intact: plain ${pct(plain.intact)}, residual ${pct(resnet.intact)}. ` +
          `Worst single deletion: plain ${pct(worst(plain))}, residual ${pct(worst(resnet))}.`,
      );
    } catch (error) {
      if (!generation.isCurrent(g)) return;
      setPhase('error');
      setMessage(`Could not run: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const cancel = (): void => {
    generation.next();
    experiment.current?.dispose();
    experiment.current = null;
    setPhase('idle');
    setProgress({ step: 0, total: 0 });
    setMessage('Stopped. Not started.');
  };

  const busy = phase === 'loading' || phase === 'training' || phase === 'lesioning';
  return (
    <div class="block-island lesion-experiment" data-ready={hydrated ? 'true' : 'false'} data-phase={phase}>
      <div class="block-controls">
        {busy ? (
          <button type="button" onClick={cancel}>
            Stop
          </button>
        ) : (
          <button type="button" onClick={() => void start()} disabled={!hydrated}>
            {phase === 'done' ? 'Train again' : 'Train and lesion'}
          </button>
        )}
        <progress max={Math.max(1, progress.total)} value={progress.step} aria-label="Training progress" />
        <span class="block-step">
          Step <span data-testid="lesion-step">{progress.step}</span> of {progress.total}
        </span>
      </div>
      <BackendBadge report={report} />
      {curves && (
        <>
          <LesionChart plain={curves.plain} resnet={curves.resnet} />
          <div class="block-scroll">
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
      )}
      <p class="block-status" role="status" aria-live="polite">
        {message}
      </p>
    </div>
  );
}
