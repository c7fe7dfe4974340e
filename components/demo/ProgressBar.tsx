/** Training progress: a native progress bar with step count, elapsed time and ETA. */

export interface ProgressBarProps {
  readonly step: number;
  readonly totalSteps: number;
  readonly elapsedMs: number;
  /** null before the first measurement. */
  readonly etaMs: number | null;
  readonly label: string;
}

/** "1:05" from milliseconds. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

export function ProgressBar({ step, totalSteps, elapsedMs, etaMs, label }: ProgressBarProps) {
  return (
    <div class="demo-progress">
      <progress max={Math.max(1, totalSteps)} value={step} aria-label={label} />
      <span class="demo-progress-text" data-testid="progress-text">
        Step <span data-testid="step">{step}</span> of {totalSteps} · {formatDuration(elapsedMs)} elapsed
        {etaMs !== null && step < totalSteps ? ` · about ${formatDuration(etaMs)} left` : ''}
      </span>
    </div>
  );
}
