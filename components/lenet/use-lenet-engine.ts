/**
 * The LeNet-5 demo's engine as a hook: opens the training session when the reader first presses
 * Train (TF.js, the worker and the data load only then), turns its events into state for the
 * view, and closes it (worker ended, tensors freed) when the island is removed. The live numbers
 * and curves go to a {@link LiveValue} at a throttled rate, never through the island's state.
 */
import type { ComponentType, RefObject } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { BackendReport } from '../../src/training/backend.ts';
import type { EngineClient } from '../../src/training/client.ts';
import type { ConfigIssue, TrainingConfig } from '../../src/training/hyperparams.ts';
import { LENET_MNIST } from '../../src/training/presets.ts';
import type { MetricsEvent, Sample, SessionEvent } from '../../src/training/protocol.ts';
import { ChartSeries } from '../demo/chart-data.ts';
import { LiveValue } from '../demo/live-value.ts';
import { useAutoPause, type AutoPause } from '../demo/use-auto-pause.ts';
import { EMPTY_SNAPSHOT, type LiveSnapshot, type Phase } from './LenetLive.tsx';
import type { LenetResultsProps } from './LenetResults.tsx';
import { openLenetClient } from './open-client.ts';

const SAMPLE_COUNT = 24;
/** Minimum time between two renders of the numbers and charts. */
const RENDER_MS = 250;

/** A fault the reader is told about. */
export interface EngineError {
  readonly message: string;
  readonly retryable: boolean;
  readonly deviceLost: boolean;
}

export interface LenetEngine {
  readonly phase: Phase;
  readonly backend: BackendReport | null;
  readonly config: TrainingConfig;
  readonly issues: readonly ConfigIssue[];
  readonly loading: { readonly loaded: number; readonly total: number } | null;
  readonly error: EngineError | null;
  readonly classes: readonly string[];
  readonly samples: readonly Sample[] | null;
  readonly probabilities: Float32Array | null;
  /** The results view, loaded once a model exists. */
  readonly Results: ComponentType<LenetResultsProps> | null;
  readonly live: LiveValue<LiveSnapshot>;
  readonly loss: ChartSeries;
  readonly accuracy: ChartSeries;
  readonly auto: AutoPause;
  readonly client: EngineClient | null;
  readonly train: () => Promise<void>;
  readonly pause: () => void;
  readonly reset: () => void;
  readonly setIssues: (issues: readonly ConfigIssue[]) => void;
  readonly configure: (config: TrainingConfig, raw: Partial<Record<keyof TrainingConfig, string>>) => void;
  readonly clearPrediction: () => void;
}

export function useLenetEngine(section: RefObject<HTMLElement>): LenetEngine {
  const [phase, setPhase] = useState<Phase>('idle');
  const [backend, setBackend] = useState<BackendReport | null>(null);
  const [config, setConfig] = useState<TrainingConfig>(LENET_MNIST.config);
  const [issues, setIssues] = useState<readonly ConfigIssue[]>([]);
  const [loading, setLoading] = useState<{ loaded: number; total: number } | null>(null);
  const [error, setError] = useState<EngineError | null>(null);
  const [classes, setClasses] = useState<readonly string[]>([]);
  const [samples, setSamples] = useState<readonly Sample[] | null>(null);
  const [probabilities, setProbabilities] = useState<Float32Array | null>(null);
  const [Results, setResults] = useState<ComponentType<LenetResultsProps> | null>(null);
  const client = useRef<EngineClient | null>(null);
  const startWhenReady = useRef(false);
  const generation = useRef(0);
  const latestMetrics = useRef<MetricsEvent | null>(null);
  const latestTest = useRef<number | null>(null);
  const loss = useRef(new ChartSeries(1));
  const accuracy = useRef(new ChartSeries(2));
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

  useEffect(
    () => () => {
      live.cancel();
      client.current?.close();
      client.current = null;
    },
    [],
  );

  const open = async () => {
    client.current = await openLenetClient(config, (event) => onEventRef.current(event));
  };

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
    try {
      await open();
    } catch (failure) {
      setError({
        message: `The training engine could not load (${String(failure)}).`,
        retryable: true,
        deviceLost: false,
      });
      setPhase('error');
    }
  };

  return {
    phase,
    backend,
    config,
    issues,
    loading,
    error,
    classes,
    samples,
    probabilities,
    Results,
    live,
    loss: loss.current,
    accuracy: accuracy.current,
    auto,
    client: client.current,
    train,
    pause: () => {
      auto.readerActed();
      client.current?.send({ type: 'pause' });
    },
    reset: () => client.current?.send({ type: 'reset' }),
    setIssues,
    configure: (next, raw) => {
      setConfig(next);
      client.current?.send({ type: 'configure', config: raw });
    },
    clearPrediction: () => setProbabilities(null),
  };
}
