/**
 * The job driver with fake jobs and a yield the test controls: no TF.js, no timers, no sleeps.
 * Each `await flush()` lets the loop run until it next yields.
 */
import { describe, expect, it } from 'vitest';
import { JobDriver, NON_FINITE_LOSS, type Job, type RunOutcome } from '../../../src/training/driver.ts';
import { manualYield, settle } from '../support/manual-yield.ts';

interface FakeJob extends Job<number> {
  steps: number;
  disposed: boolean;
  measuredAt: number[];
}

/** A job of `total` steps, measured every `every` steps (and before the first), losses from `loss`. */
function fakeJob(total: number, every: number, loss: (step: number) => number = () => 1): FakeJob {
  const job: FakeJob = {
    steps: 0,
    disposed: false,
    measuredAt: [],
    get finished() {
      return job.steps >= total;
    },
    step: () => {
      job.steps += 1;
    },
    due: () => job.steps % every === 0 || job.steps === total,
    measure: () => {
      job.measuredAt.push(job.steps);
      return Promise.resolve({ losses: [loss(job.steps)], value: job.steps });
    },
    dispose: () => {
      job.disposed = true;
    },
  };
  return job;
}

describe('JobDriver', () => {
  it('measures before the first step and whenever due, and finishes every job', async () => {
    const measured: [string, number][] = [];
    const done: string[] = [];
    const driver = new JobDriver<number>(() => Promise.resolve(), {
      measured: (key, value) => measured.push([key, value]),
      jobDone: (key) => done.push(key),
    });
    const a = fakeJob(6, 3);
    const b = fakeJob(4, 2);
    const outcome = await driver.run([
      ['a', a],
      ['b', b],
    ]);
    expect(outcome).toBe('finished');
    expect(a.measuredAt).toEqual([0, 3, 6]);
    expect(b.measuredAt).toEqual([0, 2, 4]);
    expect(done).toEqual(['b', 'a']);
    expect(measured.filter(([key]) => key === 'a').map(([, v]) => v)).toEqual([0, 3, 6]);
    expect(driver.looping).toBe(false);
    // Finished jobs stay owned (a trained model still answers) until clear.
    expect(a.disposed).toBe(false);
    driver.clear();
    expect(a.disposed && b.disposed).toBe(true);
  });

  it('interleaves jobs one step each and yields after every step', async () => {
    const clock = manualYield();
    const driver = new JobDriver<number>(clock.yieldNow);
    const a = fakeJob(10, 100);
    const b = fakeJob(10, 100);
    void driver.run([
      ['a', a],
      ['b', b],
    ]);
    await clock.flush(0);
    await settle();
    expect([a.steps, b.steps]).toEqual([1, 0]);
    await clock.flush(1);
    expect([a.steps, b.steps]).toEqual([1, 1]);
    await clock.flush(3);
    expect([a.steps, b.steps]).toEqual([3, 2]);
    driver.clear();
  });

  it('pause freezes the step count without spinning; resume carries on', async () => {
    const clock = manualYield();
    const driver = new JobDriver<number>(clock.yieldNow);
    const job = fakeJob(100, 10);
    const outcome = driver.run([['run', job]]);
    await clock.flush(3);
    expect(driver.pause()).toBe(true);
    expect(driver.pause()).toBe(false);
    await clock.flush(5);
    const frozen = job.steps;
    await clock.flush(5);
    await settle();
    expect(job.steps).toBe(frozen);
    // Parked on the resume promise, not on a yield: nothing to release.
    expect(clock.parked).toBe(0);
    expect(driver.isPaused()).toBe(true);
    expect(driver.resume()).toBe(true);
    await clock.flush(3);
    expect(job.steps).toBeGreaterThan(frozen);
    driver.stop();
    await clock.flush(1);
    expect(await outcome).toBe('stopped');
  });

  it('pauses one job while the others go on', async () => {
    const clock = manualYield();
    const driver = new JobDriver<number>(clock.yieldNow);
    const a = fakeJob(100, 10);
    const b = fakeJob(100, 10);
    void driver.run([
      ['a', a],
      ['b', b],
    ]);
    await clock.flush(2);
    expect(driver.pause('a')).toBe(true);
    expect(driver.isPaused('a')).toBe(true);
    expect(driver.isPaused('b')).toBe(false);
    const frozen = a.steps;
    const before = b.steps;
    await clock.flush(6);
    expect(a.steps).toBe(frozen);
    expect(b.steps).toBeGreaterThan(before + 4);
    expect(driver.resume('a')).toBe(true);
    await clock.flush(4);
    expect(a.steps).toBeGreaterThan(frozen);
    expect(driver.pause('nobody')).toBe(false);
    driver.clear();
  });

  it('stop ends the loop at its next check and keeps the jobs; clear disposes them', async () => {
    const clock = manualYield();
    const measured: number[] = [];
    const driver = new JobDriver<number>(clock.yieldNow, { measured: (_key, v) => measured.push(v) });
    const job = fakeJob(100, 1);
    const outcome = driver.run([['run', job]]);
    await clock.flush(3);
    const generation = driver.generation;
    driver.stop();
    expect(driver.generation).toBe(generation + 1);
    await clock.flush(3);
    expect(await outcome).toBe('stopped');
    const steps = job.steps;
    const count = measured.length;
    await clock.flush(3);
    expect(job.steps).toBe(steps);
    expect(measured.length).toBe(count);
    expect(job.disposed).toBe(false);
    driver.clear();
    expect(job.disposed).toBe(true);
  });

  it('a new run replaces the previous one: the old loop exits and its jobs are disposed', async () => {
    const clock = manualYield();
    const driver = new JobDriver<number>(clock.yieldNow);
    const old = fakeJob(100, 10);
    const first = driver.run([['run', old]]);
    await clock.flush(2);
    const next = fakeJob(2, 1);
    const second = driver.run([['run', next]]);
    expect(old.disposed).toBe(true);
    await clock.flush(4);
    expect(await first).toBe('stopped');
    expect(await second).toBe('finished');
    const oldSteps = old.steps;
    await clock.flush(2);
    expect(old.steps).toBe(oldSteps);
  });

  it('a measurement that lands after a stop is dropped', async () => {
    let release: (() => void) | null = null;
    const measured: number[] = [];
    const driver = new JobDriver<number>(() => Promise.resolve(), { measured: (_key, v) => measured.push(v) });
    const job = fakeJob(10, 1);
    job.measure = () =>
      new Promise((resolve) => {
        release = () => resolve({ losses: [1], value: job.steps });
      });
    const outcome = driver.run([['run', job]]);
    await settle();
    driver.stop();
    (release as (() => void) | null)?.();
    expect(await outcome).toBe('stopped');
    expect(measured).toEqual([]);
  });

  it('stops on a loss that is not finite and names the job', async () => {
    const failures: [string, string][] = [];
    const driver = new JobDriver<number>(() => Promise.resolve(), {
      failed: (error, key) => failures.push([key, error.message]),
    });
    const good = fakeJob(20, 2);
    const bad = fakeJob(20, 2, (step) => (step >= 4 ? Number.NaN : 1));
    const outcome: RunOutcome = await driver.run([
      ['good', good],
      ['bad', bad],
    ]);
    expect(outcome).toBe('failed');
    expect(failures).toEqual([['bad', NON_FINITE_LOSS]]);
    expect(bad.steps).toBe(4);
    expect(driver.looping).toBe(false);
    driver.clear();
  });

  it('a job that throws fails the run with its error', async () => {
    const failures: string[] = [];
    const driver = new JobDriver<number>(() => Promise.resolve(), { failed: (error) => failures.push(error.message) });
    const job = fakeJob(5, 1);
    job.step = () => {
      throw new Error('out of memory');
    };
    expect(await driver.run([['run', job]])).toBe('failed');
    expect(failures).toEqual(['out of memory']);
  });
});
