/**
 * The parts of the LeNet-5 demo that change while it trains: progress, status line, numbers and
 * curves. They read a {@link LiveValue} that LenetDemo publishes at a throttled rate, so a metrics
 * message re-renders this view alone, never the settings or the rest of the island.
 */
import type { PauseReason } from '../../src/training/auto-pause.ts';
import type { MetricsEvent } from '../../src/training/protocol.ts';
import type { ChartSeries } from '../demo/chart-data.ts';
import { LiveChart } from '../demo/LiveChart.tsx';
import { useLiveValue, type LiveValue } from '../demo/live-value.ts';
import { formatDuration, ProgressBar } from '../demo/ProgressBar.tsx';
import { lenetResult } from '../demo/result-text.ts';

/** What the live view shows, as LenetDemo publishes it. */
export interface LiveSnapshot {
  readonly metrics: MetricsEvent | null;
  readonly testAccuracy: number | null;
  readonly step: number;
  /** 0 until the engine has planned the run. */
  readonly totalSteps: number;
  /** Bumped when the chart series change. */
  readonly chartVersion: number;
}

/** Nothing measured yet. */
export const EMPTY_SNAPSHOT: LiveSnapshot = {
  metrics: null,
  testAccuracy: null,
  step: 0,
  totalSteps: 0,
  chartVersion: 0,
};

/** The demo's lifecycle as the view needs it. */
export type Phase = 'idle' | 'loading' | 'ready' | 'running' | 'paused' | 'done' | 'error';

/** Why training paused by itself, if it did. */
export type AutoPause = PauseReason | null;

export interface LenetLiveProps {
  readonly live: LiveValue<LiveSnapshot>;
  readonly phase: Phase;
  readonly autoPause: AutoPause;
  /** Bytes of the data set loaded so far, while loading. */
  readonly loading: { readonly loaded: number; readonly total: number } | null;
  /** Steps the current settings would take, shown before the engine reports its plan. */
  readonly plannedSteps: number;
  readonly loss: ChartSeries;
  readonly accuracy: ChartSeries;
}

const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)}%`;

const AUTO_PAUSE_TEXT: Record<Exclude<AutoPause, null>, string> = {
  hidden: ' while this tab is hidden; it carries on when you come back',
  offscreen: ' while the demo is off-screen; it carries on when you scroll back to it',
};

function statusText(
  phase: Phase,
  snapshot: LiveSnapshot,
  autoPause: AutoPause,
  loading: LenetLiveProps['loading'],
): string {
  switch (phase) {
    case 'idle':
      return 'Not started.';
    case 'loading':
      return loading
        ? `Loading the MNIST digits: ${(loading.loaded / 1e6).toFixed(1)} of ${(loading.total / 1e6).toFixed(1)} MB.`
        : 'Loading the training engine.';
    case 'ready':
      return 'Ready.';
    case 'running':
      return 'Training.';
    case 'paused':
      return `Paused at step ${snapshot.step}${autoPause ? AUTO_PAUSE_TEXT[autoPause] : ''}.`;
    case 'done':
      return `Done: test accuracy ${percent(snapshot.testAccuracy)} after ${snapshot.step} steps in ${formatDuration(snapshot.metrics?.elapsedMs ?? 0)}.`;
    case 'error':
      return 'Stopped by an error.';
  }
}

export function LenetLive({ live, phase, autoPause, loading, plannedSteps, loss, accuracy }: LenetLiveProps) {
  const snapshot = useLiveValue(live);
  const { metrics, testAccuracy } = snapshot;
  const totalSteps = snapshot.totalSteps || plannedSteps;
  return (
    <div class="demo-live">
      <ProgressBar
        step={snapshot.step}
        totalSteps={totalSteps}
        elapsedMs={metrics?.elapsedMs ?? 0}
        etaMs={metrics ? metrics.etaMs : null}
        label="Training progress"
      />
      <p class="demo-status" role="status" data-testid="status">
        {statusText(phase, snapshot, autoPause, loading)}
      </p>

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
      </dl>

      <div class="demo-charts">
        <LiveChart
          title="Training loss"
          data={loss}
          version={snapshot.chartVersion}
          lines={[{ label: 'training loss', tone: 'neutral', kind: 'train' }]}
          yLabel="cross-entropy"
          summary={
            metrics
              ? `Training loss ${loss.ys[0]?.[0]?.toFixed(3) ?? '–'} at the first measurement, ${metrics.trainLoss.toFixed(3)} at step ${metrics.step}.`
              : 'No measurements yet.'
          }
        />
        <LiveChart
          title="Accuracy"
          data={accuracy}
          version={snapshot.chartVersion}
          lines={[
            { label: 'training', tone: 'neutral', kind: 'train' },
            { label: 'test', tone: 'neutral', kind: 'test' },
          ]}
          yLabel="accuracy"
          yRange={[0, 1]}
          format={(value) => percent(value)}
          summary={
            metrics
              ? `Training accuracy ${percent(metrics.trainAccuracy)}, test accuracy ${percent(testAccuracy)} at step ${metrics.step}.`
              : 'No measurements yet.'
          }
        />
      </div>
      <p class="demo-result" data-testid="result">
        {phase === 'done'
          ? lenetResult({
              firstLoss: loss.ys[0]?.[0] ?? null,
              lastLoss: metrics?.trainLoss ?? null,
              testAccuracy,
              steps: snapshot.step,
              elapsed: formatDuration(metrics?.elapsedMs ?? 0),
            })
          : ''}
      </p>
    </div>
  );
}
