/**
 * The job driver: the one training loop of the site. Every demo that trains (the LeNet run, the
 * depth lab's networks, the identity and lesion experiments) is a {@link Job}; the driver runs
 * jobs, and nothing else loops over training steps.
 *
 * Lifecycle of one `run(jobs)`:
 * 1. Each job whose `due()` holds before its first step is measured (the curve's step 0).
 * 2. Round-robin, one step of each unpaused, unfinished job in turn: `step()`, then `measure()`
 *    when `due()`, then a yield so that requests (pause, stop) and rendering get a turn.
 * 3. A measured training loss that is not finite stops the run with an error naming the job.
 * 4. A job is done when `finished` holds; the run is done when every job is.
 *
 * Cancellation is a generation counter: `stop()` and `clear()` bump it, and the loop checks it after
 * every await, so a superseded loop exits without touching the next run. Pausing (one job, or all)
 * parks the loop on a promise that a resume or a stop settles; it never spins.
 *
 * The driver owns the jobs of its current run: `clear()` or the next `run()` disposes them;
 * `stop()` ends the loop but keeps them, so a finished model can still answer questions.
 * DOM-free: the host passes the yield (a macrotask in the browser, anything in tests).
 */

import { messageOf } from './errors.ts';

/** What one measurement read back. */
export interface Measurement<M> {
  /** Training losses read in this measurement; a value that is not finite fails the run. */
  readonly losses: readonly number[];
  readonly value: M;
}

/** One experiment as the driver sees it. */
export interface Job<M> {
  /** True once the job has done all its steps. */
  readonly finished: boolean;
  /** One synchronous step: queues device work, reads nothing back. */
  step(): void;
  /** Whether a measurement is due now (also asked once before the first step). */
  due(): boolean;
  /** Reads the measurements due now (`await t.data()`, never a synchronous read). */
  measure(): Promise<Measurement<M>>;
  /** Frees every tensor the job owns. */
  dispose(): void;
}

/** How a run ended. */
export type RunOutcome = 'finished' | 'stopped' | 'failed';

/** What the driver tells its owner. Called synchronously from the loop. */
export interface DriverListener<M> {
  /** A measurement of job `key`. */
  measured?(key: string, value: M): void;
  /** Job `key` has done all its steps (after its last measurement). */
  jobDone?(key: string): void;
  /** The run failed; `key` names the job whose step or measurement threw. */
  failed?(error: Error, key: string): void;
}

/** The message of a run stopped by a loss that is not a finite number. */
export const NON_FINITE_LOSS = 'the loss is not a finite number; try a smaller learning rate.';

interface Entry<M> {
  readonly key: string;
  readonly job: Job<M>;
  paused: boolean;
}

/** Runs jobs; one run at a time. */
export class JobDriver<M> {
  private readonly yieldNow: () => Promise<void>;
  private readonly listener: DriverListener<M>;
  private entries: Entry<M>[] = [];
  private generationValue = 0;
  private pausedAll = false;
  private wake: (() => void) | null = null;
  private active = false;

  constructor(yieldNow: () => Promise<void>, listener: DriverListener<M> = {}) {
    this.yieldNow = yieldNow;
    this.listener = listener;
  }

  /** Bumped by every run, stop and clear; events of an older generation are stale. */
  get generation(): number {
    return this.generationValue;
  }

  /** True while a loop is going (running or paused). */
  get looping(): boolean {
    return this.active;
  }

  /** The job of `key` in the current run. */
  job(key: string): Job<M> | undefined {
    return this.entries.find((e) => e.key === key)?.job;
  }

  /** Whether job `key` (or, without a key, the whole run) is paused. */
  isPaused(key?: string): boolean {
    if (key === undefined) return this.pausedAll;
    return this.pausedAll || this.entries.find((e) => e.key === key)?.paused === true;
  }

  /**
   * Runs `jobs`, interleaved, replacing and disposing those of the previous run. Resolves when they
   * have all finished, or the run was stopped (or superseded), or it failed.
   */
  async run(jobs: readonly (readonly [key: string, job: Job<M>])[]): Promise<RunOutcome> {
    this.clear();
    const generation = this.generationValue;
    this.entries = jobs.map(([key, job]) => ({ key, job, paused: false }));
    this.pausedAll = false;
    this.active = true;
    try {
      return await this.loop(generation, this.entries);
    } finally {
      if (generation === this.generationValue) this.active = false;
    }
  }

  private async loop(generation: number, entries: readonly Entry<M>[]): Promise<RunOutcome> {
    const live = () => generation === this.generationValue;
    let current: Entry<M> | null = null;
    try {
      for (const entry of entries) {
        current = entry;
        if (!entry.job.due()) continue;
        await this.measure(entry);
        if (!live()) return 'stopped';
      }
      for (const entry of entries) if (entry.job.finished) this.listener.jobDone?.(entry.key);
      while (live()) {
        const ready = entries.filter((e) => !e.job.finished && !e.paused && !this.pausedAll);
        if (ready.length === 0) {
          if (entries.every((e) => e.job.finished)) return 'finished';
          // Everything left is paused: sleep until a resume or a stop.
          let wake: (() => void) | null = null;
          await new Promise<void>((resolve) => (this.wake = wake = resolve));
          // A newer loop may be the sleeper by now; leave its wake alone.
          if (this.wake === wake) this.wake = null;
          continue;
        }
        for (const entry of ready) {
          if (!live()) return 'stopped';
          if (entry.paused || this.pausedAll) continue;
          current = entry;
          entry.job.step();
          if (entry.job.due()) {
            await this.measure(entry);
            if (!live()) return 'stopped';
          }
          if (entry.job.finished) this.listener.jobDone?.(entry.key);
          await this.yieldNow();
        }
      }
      return 'stopped';
    } catch (error) {
      if (!live()) return 'stopped';
      this.generationValue += 1;
      this.active = false;
      this.listener.failed?.(error instanceof Error ? error : new Error(messageOf(error)), current?.key ?? '');
      return 'failed';
    }
  }

  private async measure(entry: Entry<M>): Promise<void> {
    const generation = this.generationValue;
    const { losses, value } = await entry.job.measure();
    if (generation !== this.generationValue) return;
    if (losses.some((loss) => !Number.isFinite(loss))) throw new Error(NON_FINITE_LOSS);
    this.listener.measured?.(entry.key, value);
  }

  /** Pauses job `key`, or every job. Returns false when there is nothing to pause. */
  pause(key?: string): boolean {
    if (key === undefined) {
      if (!this.active || this.pausedAll) return false;
      this.pausedAll = true;
      return true;
    }
    const entry = this.entries.find((e) => e.key === key);
    if (!entry || entry.paused || entry.job.finished) return false;
    entry.paused = true;
    return true;
  }

  /** Resumes job `key`, or the whole run. Returns false when there is nothing to resume. */
  resume(key?: string): boolean {
    let changed = false;
    if (key === undefined) {
      changed = this.pausedAll;
      this.pausedAll = false;
    } else {
      const entry = this.entries.find((e) => e.key === key);
      if (entry && entry.paused && !entry.job.finished) {
        entry.paused = false;
        changed = true;
      }
    }
    if (changed) this.wake?.();
    return changed;
  }

  /** Ends the loop; the jobs stay (and stay owned) until `clear()` or the next run. */
  stop(): void {
    this.generationValue += 1;
    this.active = false;
    this.wake?.();
  }

  /** Ends the loop and disposes every job. */
  clear(): void {
    this.stop();
    // Forget the jobs first: a dispose that throws (a lost GPU device) must not leave them behind.
    const entries = this.entries;
    this.entries = [];
    this.pausedAll = false;
    for (const entry of entries) entry.job.dispose();
  }
}
