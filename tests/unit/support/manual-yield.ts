/**
 * A yield that the test controls, for loops that take `yieldNow`: the loop parks at each yield
 * until the test releases it, so a test can say "three more steps" without sleeping.
 */
export interface ManualYield {
  readonly yieldNow: () => Promise<void>;
  /** Releases the loop `times` times, letting it run to its next yield each time. */
  flush(times?: number): Promise<void>;
  /** Loops waiting at a yield. */
  readonly parked: number;
}

/** Lets pending promise callbacks run (a fixed number of microtask turns, no timers). */
export async function settle(turns = 50): Promise<void> {
  for (let k = 0; k < turns; k += 1) await Promise.resolve();
}

export function manualYield(): ManualYield {
  const waiting: (() => void)[] = [];
  return {
    yieldNow: () => new Promise<void>((resolve) => waiting.push(resolve)),
    async flush(times = 1) {
      for (let i = 0; i < times; i += 1) {
        for (let k = 0; k < 20 && waiting.length === 0; k += 1) await Promise.resolve();
        waiting.shift()?.();
        await settle(20);
      }
    },
    get parked() {
      return waiting.length;
    },
  };
}
