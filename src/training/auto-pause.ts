/**
 * When a demo pauses itself: while its tab is hidden or it is scrolled off-screen, and only if it
 * was training. It resumes once no reason is left, and only if it paused itself (a reader's own
 * Pause is never undone). A pure reducer: the island hook (components/demo/use-auto-pause.ts) feeds
 * it the page's visibility and the demo's running state, and carries out the command it returns.
 */

/** Why a demo paused itself. */
export type PauseReason = 'hidden' | 'offscreen';

/** What the demo knows about itself and the page. */
export interface AutoPauseState {
  /** The tab is hidden. */
  readonly hidden: boolean;
  /** The demo is scrolled out of view. */
  readonly offscreen: boolean;
  /** The demo is training now. */
  readonly running: boolean;
  /** Why the demo paused itself, or null when it did not. */
  readonly pausedFor: PauseReason | null;
}

/** Events of the page and the demo. */
export type AutoPauseEvent =
  | { readonly type: 'visibility'; readonly hidden?: boolean; readonly offscreen?: boolean }
  /** The demo started or stopped training (by the reader, by the end of the run, or by an error). */
  | { readonly type: 'running'; readonly running: boolean }
  /** The reader took over (Train, Reset, Pause): forget any self-pause. */
  | { readonly type: 'reader' };

/** What the demo must do after an event. */
export type AutoPauseCommand = 'pause' | 'resume' | null;

/** A visible, idle demo. */
export const VISIBLE: AutoPauseState = { hidden: false, offscreen: false, running: false, pausedFor: null };

/** The reason to be paused now, if any (a hidden tab first: it also hides the demo). */
export function pauseReason(state: Pick<AutoPauseState, 'hidden' | 'offscreen'>): PauseReason | null {
  return state.hidden ? 'hidden' : state.offscreen ? 'offscreen' : null;
}

/** The next state, and the command to carry out. */
export function autoPause(
  state: AutoPauseState,
  event: AutoPauseEvent,
): { state: AutoPauseState; command: AutoPauseCommand } {
  let next: AutoPauseState;
  switch (event.type) {
    case 'visibility':
      next = { ...state, hidden: event.hidden ?? state.hidden, offscreen: event.offscreen ?? state.offscreen };
      break;
    case 'running':
      // Running again after a self-pause means it was resumed: the reason is gone.
      next = { ...state, running: event.running, pausedFor: event.running ? null : state.pausedFor };
      break;
    case 'reader':
      return { state: { ...state, pausedFor: null }, command: null };
  }
  const reason = pauseReason(next);
  if (reason && next.running) return { state: { ...next, running: false, pausedFor: reason }, command: 'pause' };
  if (next.pausedFor && reason !== next.pausedFor) {
    // A different reason keeps it paused and says why; no reason left resumes it.
    return { state: { ...next, pausedFor: reason }, command: reason ? null : 'resume' };
  }
  return { state: next, command: null };
}
