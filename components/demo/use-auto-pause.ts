/**
 * The one lifecycle hook of the demos: pauses a training demo while its tab is hidden or it is
 * scrolled off-screen, says why, and resumes it when both are back (src/training/auto-pause.ts
 * decides; this hook only listens to the page). Listeners are removed on teardown with one
 * AbortController; nothing touches `document` before the effect runs.
 */
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { autoPause, VISIBLE, type AutoPauseEvent, type PauseReason } from '../../src/training/auto-pause.ts';

/** What the hook needs from its demo. */
export interface AutoPauseControls {
  /** The demo is training now. */
  readonly running: boolean;
  /** The demo is paused and can resume (false once it is reset, done or failed). */
  readonly paused: boolean;
  pause(): void;
  resume(): void;
}

/** What the hook gives back. */
export interface AutoPause {
  /** Why the demo paused itself (for its status line), or null. */
  readonly reason: PauseReason | null;
  /** The reader took over (Train, Pause, Reset): forget the self-pause. */
  readonly readerActed: () => void;
}

export function useAutoPause(root: RefObject<Element>, controls: AutoPauseControls): AutoPause {
  const state = useRef(VISIBLE);
  const latest = useRef(controls);
  latest.current = controls;
  const [reason, setReason] = useState<PauseReason | null>(null);

  const dispatch = (event: AutoPauseEvent): void => {
    const result = autoPause(state.current, event);
    state.current = result.state;
    setReason(result.state.pausedFor);
    if (result.command === 'pause') latest.current.pause();
    else if (result.command === 'resume') latest.current.resume();
  };

  useEffect(() => {
    if (state.current.running !== controls.running) dispatch({ type: 'running', running: controls.running });
    // Reset, finished or failed while paused by itself: nothing is left to resume.
    if (!controls.running && !controls.paused) dispatch({ type: 'reader' });
  }, [controls.running, controls.paused]);

  useEffect(() => {
    const controller = new AbortController();
    const visibility = () => dispatch({ type: 'visibility', hidden: document.visibilityState === 'hidden' });
    document.addEventListener('visibilitychange', visibility, { signal: controller.signal });
    const observer = new IntersectionObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (entry) dispatch({ type: 'visibility', offscreen: !entry.isIntersecting });
    });
    if (root.current) observer.observe(root.current);
    return () => {
      controller.abort();
      observer.disconnect();
    };
  }, []);

  return { reason, readerActed: () => dispatch({ type: 'reader' }) };
}
