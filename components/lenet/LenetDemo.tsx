/**
 * The LeNet-5 demo island: trains the model zoo's modern LeNet-5 on the MNIST subset in the
 * reader's browser. Renders its full markup on the server with the controls disabled; TF.js, the
 * worker and the charts load only when the reader presses Train (./use-lenet-engine.ts). Training
 * pauses while the tab is hidden or the demo is scrolled off-screen, and the status line says so.
 * Removing the island closes the worker and frees every tensor.
 *
 * Used in MDX as `<LenetDemo client:visible lookFor="…" />`.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { BackendBadge } from '../demo/BackendBadge.tsx';
import { Button, LookFor } from '../demo/controls.tsx';
import { LenetLive } from './LenetLive.tsx';
import { LenetSettings } from './LenetSettings.tsx';
import { useLenetEngine } from './use-lenet-engine.ts';
import manifest from '../../public/data/manifest.json';
import '../demo/demo.css';
import './lenet.css';

/** Training images of the MNIST subset (public/data/manifest.json), for the step count before loading. */
const TRAIN_COUNT = manifest.datasets.mnist.splits.train.count;

export interface LenetDemoProps {
  /** The chapter's one-line prompt of what to watch, shown before the Train button. */
  readonly lookFor?: string;
}

export default function LenetDemo({ lookFor }: LenetDemoProps) {
  const [hydrated, setHydrated] = useState(false);
  const section = useRef<HTMLElement>(null);
  const engine = useLenetEngine(section);
  const { phase, error, config, Results, samples } = engine;

  useEffect(() => setHydrated(true), []);

  const running = phase === 'running';
  const busy = phase === 'loading' || running;
  const settingsLocked = !hydrated || busy || phase === 'paused';
  const trainLabel =
    phase === 'paused'
      ? 'Resume'
      : phase === 'done'
        ? 'Train again'
        : phase === 'error'
          ? error?.deviceLost
            ? 'Restart on WASM'
            : 'Retry'
          : 'Train';

  return (
    <section
      ref={section}
      class="demo lenet-demo not-content"
      aria-label="LeNet-5 trains on MNIST"
      data-phase={phase}
      data-hydrated={hydrated ? 'true' : 'false'}
    >
      <LookFor text={lookFor} />
      <div class="demo-toolbar">
        <Button primary disabled={!hydrated || busy} onClick={() => void engine.train()}>
          {trainLabel}
        </Button>
        <Button disabled={!running} onClick={engine.pause}>
          Pause
        </Button>
        <Button
          disabled={!engine.client || !(running || phase === 'paused' || phase === 'done')}
          onClick={engine.reset}
        >
          Reset
        </Button>
        <BackendBadge report={engine.backend} />
      </div>

      <LenetSettings
        config={config}
        disabled={settingsLocked}
        issues={engine.issues}
        onIssues={engine.setIssues}
        onChange={engine.configure}
      />

      {error ? (
        <p class="demo-error" role="alert">
          {error.message}
        </p>
      ) : null}
      <LenetLive
        live={engine.live}
        phase={phase}
        autoPause={engine.auto.reason}
        loading={engine.loading}
        plannedSteps={Math.floor(TRAIN_COUNT / config.batchSize) * config.epochs}
        loss={engine.loss}
        accuracy={engine.accuracy}
      />

      <div class="lenet-after" data-filled={Results && samples && phase === 'done' ? 'true' : 'false'}>
        {Results && samples && phase === 'done' ? (
          <Results
            samples={samples}
            classes={engine.classes}
            probabilities={engine.probabilities}
            predict={(pixels) => engine.client?.predict(pixels)}
            onCleared={engine.clearPrediction}
          />
        ) : (
          <p class="demo-placeholder">After training, test digits and a drawing pad to try the network appear here.</p>
        )}
      </div>
    </section>
  );
}
