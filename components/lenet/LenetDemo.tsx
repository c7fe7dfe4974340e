/**
 * The LeNet-5 demo island: trains the model zoo's modern LeNet-5 on the MNIST subset in the
 * reader's browser. Renders its full markup on the server with the controls disabled; TF.js, the
 * worker and the charts load only when the reader presses Train. Training pauses while the tab is
 * hidden or the demo is scrolled off-screen, and the status line says so. Removing the island
 * closes the worker and frees every tensor.
 *
 * Used in MDX as `<LenetDemo client:visible />`.
 */
import type { ComponentType } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { BackendReport } from '../../src/training/backend.ts';
import type { DemoTestHooks, EngineClient } from '../../src/training/client.ts';
import type { ConfigIssue, TrainingConfig } from '../../src/training/hyperparams.ts';
import { LENET_MNIST } from '../../src/training/presets.ts';
import type { MetricsEvent, Sample, SessionEvent } from '../../src/training/protocol.ts';
import { BackendBadge } from '../demo/BackendBadge.tsx';
import { useAutoPause } from '../demo/use-auto-pause.ts';
import { dataUrl } from '../demo/use-session.ts';
import { ChartSeries } from '../demo/chart-data.ts';
import { LiveValue } from '../demo/live-value.ts';
import { EMPTY_SNAPSHOT, LenetLive, type LiveSnapshot, type Phase } from './LenetLive.tsx';
import type { LenetResultsProps } from './LenetResults.tsx';
import { LenetSettings } from './LenetSettings.tsx';
import manifest from '../../public/data/manifest.json';
import '../demo/demo.css';
import './lenet.css';

const SAMPLE_COUNT = 24;
/** Training images of the MNIST subset, read from the data manifest, for the step count before loading. */
const TRAIN_COUNT = manifest.datasets.mnist.splits.train.count;
/** Minimum time between two renders of the numbers and charts. */
const RENDER_MS = 250;

export default function LenetDemo() {
  const [hydrated, setHydrated] = useState(false);
  const [phase, setPhase] = useState<Phase>('idle');
  const [backend, setBackend] = useState<BackendReport | null>(null);
  const [config, setConfig] = useState<TrainingConfig>(LENET_MNIST.config);
  const [issues, setIssues] = useState<readonly ConfigIssue[]>([]);
  const [loading, setLoading] = useState<{ loaded: number; total: number } | null>(null);
  const [error, setError] = useState<{ message: string; retryable: boolean; deviceLost: boolean } | null>(null);
  const [classes, setClasses] = useState<readonly string[]>([]);
  const [samples, setSamples] = useState<readonly Sample[] | null>(null);
  const [probabilities, setProbabilities] = useState<Float32Array | null>(null);
  const [Results, setResults] = useState<ComponentType<LenetResultsProps> | null>(null);
  const client = useRef<EngineClient | null>(null);
  const startWhenReady = useRef(false);
  const generation = useRef(0);
  const section = useRef<HTMLElement>(null);
  const latestMetrics = useRef<MetricsEvent | null>(null);
  const latestTest = useRef<number | null>(null);
  const loss = useRef(new ChartSeries(1));
  const accuracy = useRef(new ChartSeries(2));
  // Progress, numbers and curves: published at most every RENDER_MS to LenetLive alone.
  const live = useMemo(() => new LiveValue<LiveSnapshot>(EMPTY_SNAPSHOT, RENDER_MS), []);

  const snapshot = (step: number, totalSteps: number): LiveSnapshot => ({
    metrics: latestMetrics.current,
    testAccuracy: latestTest.current,
    step,
    totalSteps,
    chartVersion: loss.current.version + accuracy.current.version,
  });

  const clearCharts = () => {
    latestMetrics.current = null;
    latestTest.current = null;
    loss.current.clear();
    accuracy.current.clear();
    live.set(snapshot(0, live.get().totalSteps));
    setSamples(null);
    setProbabilities(null);
  };

  // A hidden tab, or the demo scrolled out of view, pauses training; it resumes when both are back.
  const auto = useAutoPause(section, {
    running: phase === 'running',
    paused: phase === 'paused',
    pause: () => client.current?.send({ type: 'pause' }),
    resume: () => client.current?.send({ type: 'start' }),
  });

  const onEvent = (event: SessionEvent) => {
    switch (event.type) {
      case 'loading':
        setLoading({ loaded: event.loadedBytes, total: event.totalBytes });
        return;
      case 'ready':
        setBackend(event.backend);
        setClasses(event.classes);
        setConfig(event.config);
        setError(null);
        if (startWhenReady.current) {
          startWhenReady.current = false;
          client.current?.send({ type: 'start' });
        }
        return;
      case 'state':
        if (event.generation !== generation.current) {
          generation.current = event.generation;
          clearCharts();
        }
        live.set(snapshot(event.step, event.totalSteps));
        if (event.state === 'done') {
          setPhase('done');
          client.current?.send({ type: 'samples', count: SAMPLE_COUNT });
          if (!Results) void import('./LenetResults.tsx').then((m) => setResults(() => m.default));
        } else if (
          event.state === 'ready' ||
          event.state === 'running' ||
          event.state === 'paused' ||
          event.state === 'error'
        ) {
          setPhase(event.state);
        }
        return;
      case 'configured':
        setConfig(event.config);
        setIssues(event.issues);
        return;
      case 'metrics':
        if (event.generation !== generation.current) return;
        loss.current.append(event.step, [event.trainLoss]);
        accuracy.current.append(event.step, [event.trainAccuracy, event.testAccuracy]);
        if (event.testAccuracy !== null) latestTest.current = event.testAccuracy;
        latestMetrics.current = event;
        live.schedule(() => snapshot(event.step, event.totalSteps));
        return;
      case 'samples':
        setSamples(event.samples);
        return;
      case 'prediction':
        setProbabilities(event.probabilities);
        return;
      case 'error':
        setError({ message: event.message, retryable: event.retryable, deviceLost: event.kind === 'device-lost' });
        if (event.id === null || event.retryable) setPhase('error');
        return;
      case 'ack':
        return;
    }
  };
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;

  useEffect(() => {
    setHydrated(true);
    return () => {
      live.cancel();
      client.current?.close();
      client.current = null;
    };
  }, []);

  const train = async () => {
    // After a lost GPU device, the retry runs on WASM: the GPU cannot be trusted again this visit.
    const fallback = error?.deviceLost ? 'wasm' : undefined;
    setError(null);
    auto.readerActed();
    if (client.current) {
      if (phase === 'error') {
        startWhenReady.current = true;
        setPhase('loading');
        client.current.retry(fallback);
        return;
      }
      client.current.send({ type: 'start' });
      return;
    }
    setPhase('loading');
    startWhenReady.current = true;
    const hooks = (window as { __demoTestHooks?: DemoTestHooks }).__demoTestHooks;
    try {
      const [{ EngineClient }, { connect }] = await Promise.all([
        import('../../src/training/client.ts'),
        import('../../src/demos/connect.ts'),
      ]);
      const onEvent = (event: SessionEvent) => onEventRef.current(event);
      client.current = await EngineClient.start({
        preset: LENET_MNIST,
        config: { ...config, ...hooks?.config },
        search: window.location.search,
        dataUrl: dataUrl(),
        onEvent,
        hooks,
        open: (receive) =>
          connect('lenet', receive, {
            mainThread: hooks?.mainThread === true,
            onFailure: (message) =>
              onEvent({
                type: 'error',
                id: null,
                message: `Training stopped: ${message}.`,
                kind: 'training',
                retryable: true,
              }),
          }),
      });
    } catch (failure) {
      setError({
        message: `The training engine could not load (${String(failure)}).`,
        retryable: true,
        deviceLost: false,
      });
      setPhase('error');
    }
  };

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
      class="demo lenet-demo"
      aria-label="LeNet-5 trains on MNIST"
      data-phase={phase}
      data-hydrated={hydrated ? 'true' : 'false'}
    >
      <div class="demo-toolbar">
        <button type="button" class="demo-primary" disabled={!hydrated || busy} onClick={() => void train()}>
          {trainLabel}
        </button>
        <button
          type="button"
          disabled={!running}
          onClick={() => {
            auto.readerActed();
            client.current?.send({ type: 'pause' });
          }}
        >
          Pause
        </button>
        <button
          type="button"
          disabled={!client.current || !(phase === 'running' || phase === 'paused' || phase === 'done')}
          onClick={() => client.current?.send({ type: 'reset' })}
        >
          Reset
        </button>
        <BackendBadge report={backend} />
      </div>

      <LenetSettings
        config={config}
        disabled={settingsLocked}
        issues={issues}
        onIssues={setIssues}
        onChange={(next, raw) => {
          setConfig(next);
          client.current?.send({ type: 'configure', config: raw });
        }}
      />

      {error ? (
        <p class="demo-error" role="alert">
          {error.message}
        </p>
      ) : null}
      <LenetLive
        live={live}
        phase={phase}
        autoPause={auto.reason}
        loading={loading}
        plannedSteps={Math.floor(TRAIN_COUNT / config.batchSize) * config.epochs}
        loss={loss.current}
        accuracy={accuracy.current}
      />

      {Results && samples && phase === 'done' ? (
        <Results
          samples={samples}
          classes={classes}
          probabilities={probabilities}
          predict={(pixels) => client.current?.predict(pixels)}
          onCleared={() => setProbabilities(null)}
        />
      ) : null}
    </section>
  );
}
