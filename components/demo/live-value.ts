/**
 * A value that changes while a demo trains (progress, latest metrics), held outside Preact state
 * so that only the views that show it re-render, never the whole island. Updates are coalesced:
 * `schedule` publishes at most once per `intervalMs`, in a task of its own, so the main thread's
 * work per metrics message stays a few array appends.
 */
import { useEffect, useState } from 'preact/hooks';

/** The current value of something that updates often, and who to tell when it changes. */
export class LiveValue<T> {
  private value: T;
  private readonly listeners = new Set<(value: T) => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pending: (() => T) | null = null;
  private lastPublished = Number.NEGATIVE_INFINITY;
  private readonly intervalMs: number;

  constructor(initial: T, intervalMs = 250) {
    this.value = initial;
    this.intervalMs = intervalMs;
  }

  get(): T {
    return this.value;
  }

  /** Publishes `value` now, dropping any scheduled update. */
  set(value: T): void {
    this.cancel();
    this.publish(value);
  }

  /**
   * Publishes `next()` within `intervalMs`: calls made before then are merged into one update,
   * and `next` runs only when the update is published.
   */
  schedule(next: () => T): void {
    this.pending = next;
    if (this.timer !== null) return;
    const wait = Math.max(0, this.lastPublished + this.intervalMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      const make = this.pending;
      this.pending = null;
      if (make) this.publish(make());
    }, wait);
  }

  /** Drops a scheduled update (on reset and teardown). */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }

  /** Calls `listener` on every published value; returns the unsubscribe function. */
  subscribe(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private publish(value: T): void {
    this.value = value;
    this.lastPublished = performance.now();
    for (const listener of this.listeners) listener(value);
  }
}

/** The current value of `live`; the calling component re-renders (alone) when it changes. */
export function useLiveValue<T>(live: LiveValue<T>): T {
  const [value, setValue] = useState(() => live.get());
  useEffect(() => {
    setValue(live.get());
    return live.subscribe(setValue);
  }, [live]);
  return value;
}
