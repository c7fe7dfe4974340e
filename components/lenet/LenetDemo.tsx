/**
 * The LeNet-5 demo island: trains the model zoo's modern LeNet-5 on the MNIST subset in the
 * reader's browser. Renders its full markup on the server with the controls disabled; TF.js, the
 * worker and the charts load only when the reader presses Train. Removing the island closes the
 * worker and frees every tensor.
 *
 * Used in MDX as `<LenetDemo client:visible />`.
 */
import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BackendReport } from '../../src/training/backend.ts';
import type { DemoTestHooks, EngineClient } from '../../src/training/client.ts';
import { RANGES, validateConfig, type ConfigIssue, type NumericField, type TrainingConfig } from '../../src/training/hyperparams.ts';
import { LENET_MNIST } from '../../src/training/presets.ts';
import type { MetricsEvent, Sample, SessionEvent } from '../../src/training/protocol.ts';
import { BackendBadge } from '../demo/BackendBadge.tsx';
import { ChartSeries } from '../demo/chart-data.ts';
import { LiveChart } from '../demo/LiveChart.tsx';
import { formatDuration, ProgressBar } from '../demo/ProgressBar.tsx';
import type { LenetResultsProps } from './LenetResults.tsx';
import '../demo/demo.css';
import './lenet.css';

type Phase = 'idle' | 'loading' | 'ready' | 'running' | 'paused' | 'done' | 'error';

/** Settings the reader can change, in display order. */
const FIELDS: readonly { field: NumericField; step: string }[] = [
  { field: 'learningRate', step: 'any' },
  { field: 'batchSize', step: '1' },
  { field: 'epochs', step: '1' },
  { field: 'seed', step: '1' },
];

const SAMPLE_COUNT = 24;
/** Training images of the MNIST subset (public/data/manifest.json), for the step count before loading. */
const TRAIN_COUNT = 8000;
/** Minimum time between two renders of the numbers and charts. */
const RENDER_MS = 250;

const percent = (value: number | null | undefined) => (value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)}%`);

function dataUrl(): string {
  const base = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
  return new URL(`${base}data/`, window.location.origin).href;
}

export default function LenetDemo() {
  const [hydrated, setHydrated] = useState(false);
  const [phase, setPhase] = useState<Phase>('idle');
  const [backend, setBackend] = useState<BackendReport | null>(null);
  const [config, setConfig] = useState<TrainingConfig>(LENET_MNIST.config);
  const [drafts, setDrafts] = useState<Partial<Record<NumericField, string>>>({});
  const [issues, setIssues] = useState<readonly ConfigIssue[]>([]);
  const [loading, setLoading] = useState<{ loaded: number; total: number } | null>(null);
  const [metrics, setMetrics] = useState<MetricsEvent | null>(null);
  const [progress, setProgress] = useState({ step: 0, totalSteps: 0 });
  const [testAccuracy, setTestAccuracy] = useState<number | null>(null);
  const [error, setError] = useState<{ message: string; retryable: boolean } | null>(null);
  const [classes, setClasses] = useState<readonly string[]>([]);
  const [samples, setSamples] = useState<readonly Sample[] | null>(null);
  const [probabilities, setProbabilities] = useState<Float32Array | null>(null);
  const [Results, setResults] = useState<ComponentType<LenetResultsProps> | null>(null);
  const [chartVersion, setChartVersion] = useState(0);
  const client = useRef<EngineClient | null>(null);
  const startWhenReady = useRef(false);
  const generation = useRef(0);
  const autoPaused = useRef(false);
  const phaseRef = useRef<Phase>('idle');
  phaseRef.current = phase;
  const latestMetrics = useRef<MetricsEvent | null>(null);
  const latestTest = useRef<number | null>(null);
  const renderTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const loss = useRef(new ChartSeries(1));
  const accuracy = useRef(new ChartSeries(2));

  /** Shows the latest metrics at most every RENDER_MS, so the main thread stays idle while training. */
  const flushMetrics = () => {
    renderTimer.current = null;
    const event = latestMetrics.current;
    if (!event) return;
    setMetrics(event);
    setTestAccuracy(latestTest.current);
    setProgress({ step: event.step, totalSteps: event.totalSteps });
    setChartVersion(loss.current.version);
  };
  const scheduleRender = () => {
    if (!renderTimer.current) renderTimer.current = setTimeout(flushMetrics, RENDER_MS);
  };

  const clearCharts = () => {
    if (renderTimer.current) clearTimeout(renderTimer.current);
    renderTimer.current = null;
    latestMetrics.current = null;
    latestTest.current = null;
    loss.current.clear();
    accuracy.current.clear();
    setChartVersion((v) => v + 1);
    setMetrics(null);
    setTestAccuracy(null);
    setSamples(null);
    setProbabilities(null);
  };

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
        if (renderTimer.current) {
          clearTimeout(renderTimer.current);
          flushMetrics();
        }
        setProgress({ step: event.step, totalSteps: event.totalSteps });
        if (event.state === 'done') {
          setPhase('done');
          client.current?.send({ type: 'samples', count: SAMPLE_COUNT });
          if (!Results) void import('./LenetResults.tsx').then((m) => setResults(() => m.default));
        } else if (event.state === 'ready' || event.state === 'running' || event.state === 'paused' || event.state === 'error') {
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
        scheduleRender();
        return;
      case 'samples':
        setSamples(event.samples);
        return;
      case 'prediction':
        setProbabilities(event.probabilities);
        return;
      case 'error':
        setError({ message: event.message, retryable: event.retryable });
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
    const controller = new AbortController();
    // A hidden tab pauses training and resumes it when the reader comes back.
    document.addEventListener(
      'visibilitychange',
      () => {
        if (document.hidden && phaseRef.current === 'running') {
          autoPaused.current = true;
          client.current?.send({ type: 'pause' });
        } else if (!document.hidden && autoPaused.current) {
          autoPaused.current = false;
          client.current?.send({ type: 'start' });
        }
      },
      { signal: controller.signal },
    );
    return () => {
      controller.abort();
      if (renderTimer.current) clearTimeout(renderTimer.current);
      client.current?.close();
      client.current = null;
    };
  }, []);

  const train = async () => {
    setError(null);
    if (client.current) {
      if (phase === 'error') {
        startWhenReady.current = true;
        setPhase('loading');
        client.current.retry();
        return;
      }
      client.current.send({ type: 'start' });
      return;
    }
    setPhase('loading');
    startWhenReady.current = true;
    const hooks = (window as { __demoTestHooks?: DemoTestHooks }).__demoTestHooks;
    try {
      const { EngineClient } = await import('../../src/training/client.ts');
      client.current = await EngineClient.start({
        preset: LENET_MNIST,
        config: { ...config, ...hooks?.config },
        search: window.location.search,
        dataUrl: dataUrl(),
        onEvent: (event) => onEventRef.current(event),
        hooks,
      });
    } catch (failure) {
      setError({ message: `The training engine could not load (${String(failure)}).`, retryable: true });
      setPhase('error');
    }
  };

  const changeSetting = (field: NumericField, raw: string) => {
    setDrafts({ ...drafts, [field]: raw });
    const result = validateConfig({ [field]: raw }, config);
    setIssues(result.issues);
    if (result.issues.length === 0) {
      setConfig(result.config);
      client.current?.send({ type: 'configure', config: { [field]: raw } });
    }
  };

  const changeChoice = (field: 'optimizer' | 'schedule', value: string) => {
    const result = validateConfig({ [field]: value }, config);
    setConfig(result.config);
    client.current?.send({ type: 'configure', config: { [field]: value } });
  };

  const running = phase === 'running';
  const busy = phase === 'loading' || running;
  const settingsLocked = !hydrated || busy || phase === 'paused';
  const totalSteps = progress.totalSteps || Math.floor(TRAIN_COUNT / config.batchSize) * config.epochs;
  const trainLabel = phase === 'paused' ? 'Resume' : phase === 'done' ? 'Train again' : phase === 'error' ? 'Retry' : 'Train';
  const status =
    phase === 'idle'
      ? 'Not started.'
      : phase === 'loading'
        ? loading
          ? `Loading MNIST: ${(loading.loaded / 1e6).toFixed(1)} of ${(loading.total / 1e6).toFixed(1)} MB.`
          : 'Loading the training engine.'
        : phase === 'ready'
          ? 'Ready.'
          : phase === 'running'
            ? 'Training.'
            : phase === 'paused'
              ? `Paused at step ${progress.step}.`
              : phase === 'done'
                ? `Done: test accuracy ${percent(testAccuracy)} after ${progress.step} steps in ${formatDuration(metrics?.elapsedMs ?? 0)}.`
                : 'Stopped by an error.';

  return (
    <section class="demo lenet-demo" aria-label="LeNet-5 trains on MNIST" data-phase={phase} data-hydrated={hydrated ? 'true' : 'false'}>
      <div class="demo-toolbar">
        <button type="button" class="demo-primary" disabled={!hydrated || busy} onClick={() => void train()}>
          {trainLabel}
        </button>
        <button type="button" disabled={!running} onClick={() => client.current?.send({ type: 'pause' })}>
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

      <fieldset class="demo-settings" disabled={settingsLocked}>
        <legend>Settings</legend>
        <label>
          Optimizer
          <select value={config.optimizer} onChange={(e) => changeChoice('optimizer', (e.currentTarget).value)}>
            <option value="adam">Adam</option>
            <option value="sgd">SGD with momentum</option>
          </select>
        </label>
        <label>
          Schedule
          <select value={config.schedule} onChange={(e) => changeChoice('schedule', (e.currentTarget).value)}>
            <option value="constant">Constant</option>
            <option value="cosine">Cosine decay</option>
          </select>
        </label>
        {FIELDS.map(({ field, step }) => (
          <label key={field}>
            {RANGES[field].label}
            <input
              type="number"
              inputMode="decimal"
              min={RANGES[field].min}
              max={RANGES[field].max}
              step={step}
              value={drafts[field] ?? String(config[field])}
              onChange={(e) => changeSetting(field, (e.currentTarget).value)}
            />
          </label>
        ))}
        {issues.length > 0 ? (
          <ul class="demo-issues" role="alert">
            {issues.map((issue) => (
              <li key={issue.field}>{issue.message}</li>
            ))}
          </ul>
        ) : null}
      </fieldset>

      <ProgressBar
        step={progress.step}
        totalSteps={totalSteps}
        elapsedMs={metrics?.elapsedMs ?? 0}
        etaMs={metrics ? metrics.etaMs : null}
        label="Training progress"
      />
      <p class="demo-status" role="status" data-testid="status">
        {status}
      </p>
      {error ? (
        <p class="demo-error" role="alert">
          {error.message}
        </p>
      ) : null}

      <dl class="demo-stats">
        <div>
          <dt>Training loss</dt>
          <dd data-testid="train-loss">{metrics ? metrics.trainLoss.toFixed(3) : '–'}</dd>
        </div>
        <div>
          <dt>Training accuracy</dt>
          <dd>{percent(metrics?.trainAccuracy)}</dd>
        </div>
        <div>
          <dt>Test accuracy</dt>
          <dd data-testid="test-accuracy">{percent(testAccuracy)}</dd>
        </div>
        <div>
          <dt>Images per second</dt>
          <dd>{metrics ? Math.round(metrics.imagesPerSecond) : '–'}</dd>
        </div>
        <div>
          <dt>Tensors in memory</dt>
          <dd data-testid="tensors">{metrics ? metrics.memory.numTensors : '–'}</dd>
        </div>
      </dl>

      {phase === 'idle' ? null : (
        <div class="demo-charts">
          <LiveChart
            title="Training loss"
            data={loss.current}
            version={chartVersion}
            seriesLabels={['training loss']}
            summary={
              metrics
                ? `Training loss ${loss.current.ys[0]?.[0]?.toFixed(3) ?? '–'} at the first measurement, ${metrics.trainLoss.toFixed(3)} at step ${metrics.step}.`
                : 'No measurements yet.'
            }
          />
          <LiveChart
            title="Accuracy"
            data={accuracy.current}
            version={chartVersion}
            seriesLabels={['training', 'test']}
            yRange={[0, 1]}
            summary={metrics ? `Training accuracy ${percent(metrics.trainAccuracy)}, test accuracy ${percent(testAccuracy)} at step ${metrics.step}.` : 'No measurements yet.'}
          />
        </div>
      )}

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
