/**
 * The lesion experiment (Veit et al. 2016): train a plain and a residual net, then delete one
 * block at a time and plot test accuracy per deleted block. The experiment
 * (../../src/block/lesion.ts) runs in the training worker; TF.js and the data load on Start, and a
 * hidden tab or the figure scrolled away pauses the training.
 */
import type { JSX } from 'preact';
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import { INITIAL_LESION_STATE, lesionBusy, lesionReducer, lesionStatus } from '../../src/block/lesion-state.ts';
import { LESION_DEFAULTS } from '../../src/block/lesion-config.ts';
import { BackendBadge } from '../demo/BackendBadge.tsx';
import { Button, LookFor } from '../demo/controls.tsx';
import { lesionResult } from '../demo/result-text.ts';
import { useJobDemo, withTestConfig } from '../demo/use-job-demo.ts';
import { LesionFigure } from './LesionFigure.tsx';

export default function LesionExperiment({ lookFor }: { readonly lookFor?: string }): JSX.Element {
  const root = useRef<HTMLDivElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const [state, dispatch] = useReducer(lesionReducer, INITIAL_LESION_STATE);
  const { phase, step, totalSteps, curves } = state;
  const demo = useJobDemo(
    'block',
    root,
    { running: phase === 'training', paused: phase === 'paused' },
    dispatch,
    (message) => dispatch({ type: 'failure', message }),
  );

  useEffect(() => setHydrated(true), []);

  const start = async (): Promise<void> => {
    dispatch({ type: 'train' });
    await demo.start({ experiment: 'lesion', config: withTestConfig(LESION_DEFAULTS) });
  };

  const stop = (): void => {
    demo.stop();
    dispatch({ type: 'stop' });
  };

  return (
    <div
      ref={root}
      class="block-island lesion-experiment not-content"
      data-ready={hydrated ? 'true' : 'false'}
      data-phase={phase}
    >
      <LookFor text={lookFor} />
      <div class="block-controls">
        {lesionBusy(state) ? (
          <Button onClick={stop}>Stop</Button>
        ) : (
          <Button primary onClick={() => void start()} disabled={!hydrated}>
            {phase === 'done' ? 'Train again' : 'Train and lesion'}
          </Button>
        )}
        <progress max={Math.max(1, totalSteps)} value={step} aria-label="Training progress" />
        <span class="block-step">
          Step <span data-testid="lesion-step">{step}</span> of {totalSteps}
        </span>
      </div>
      <BackendBadge report={state.backend} />
      <div class="lesion-figure" data-filled={curves ? 'true' : 'false'}>
        {curves ? (
          <LesionFigure curves={curves} />
        ) : (
          <p class="demo-placeholder">The accuracy of each network with one block deleted appears here.</p>
        )}
      </div>
      <p class="block-status" role="status" aria-live="polite">
        {lesionStatus(state, demo.auto.reason)}
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
