/**
 * Time bookkeeping of a run: elapsed time without pauses, images per second over the last
 * window, and an ETA. The clock is injected so tests can drive it.
 */

/** Milliseconds from an arbitrary origin, like `performance.now`. */
export type Clock = () => number;

/** Tracks one run's timing. */
export class RunMeter {
  private readonly clock: Clock;
  private activeSince: number | null = null;
  private accumulated = 0;
  private windowStartMs = 0;
  private windowStartStep = 0;
  private smoothedMsPerStep: number | null = null;
  /** True while the only rate measured is the first window, which carries the warm-up. */
  private warmup = true;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  /** Starts or resumes the clock at `step`. */
  resume(step: number): void {
    if (this.activeSince !== null) return;
    this.activeSince = this.clock();
    this.windowStartMs = this.elapsedMs();
    this.windowStartStep = step;
  }

  /** Stops the clock; paused time never counts. */
  pause(): void {
    if (this.activeSince === null) return;
    this.accumulated += this.clock() - this.activeSince;
    this.activeSince = null;
  }

  /** Milliseconds spent running. */
  elapsedMs(): number {
    return this.accumulated + (this.activeSince === null ? 0 : this.clock() - this.activeSince);
  }

  /**
   * Closes a measurement window at `step` (call right after a device read-back, when the queued
   * work has really finished) and returns the rates.
   */
  mark(
    step: number,
    totalSteps: number,
    batchSize: number,
  ): { imagesPerSecond: number; etaMs: number; elapsedMs: number } {
    const now = this.elapsedMs();
    const steps = step - this.windowStartStep;
    const ms = now - this.windowStartMs;
    if (steps > 0 && ms > 0) {
      const msPerStep = ms / steps;
      // The first window includes the warm-up (kernel compilation, first uploads) and runs several
      // times slower than the rest: the second window replaces it outright. After that,
      // exponential smoothing keeps the ETA from jumping with one slow window.
      if (this.smoothedMsPerStep === null) this.smoothedMsPerStep = msPerStep;
      else if (this.warmup) {
        this.smoothedMsPerStep = msPerStep;
        this.warmup = false;
      } else this.smoothedMsPerStep = 0.7 * this.smoothedMsPerStep + 0.3 * msPerStep;
    }
    this.windowStartMs = now;
    this.windowStartStep = step;
    const msPerStep = this.smoothedMsPerStep ?? 0;
    return {
      imagesPerSecond: msPerStep > 0 ? (1000 * batchSize) / msPerStep : 0,
      etaMs: Math.max(0, totalSteps - step) * msPerStep,
      elapsedMs: now,
    };
  }
}
