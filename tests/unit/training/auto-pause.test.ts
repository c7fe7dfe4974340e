import { describe, expect, it } from 'vitest';
import { autoPause, VISIBLE, type AutoPauseEvent, type AutoPauseState } from '../../../src/training/auto-pause.ts';

/** Applies events in order; returns the final state and every command issued. */
function play(events: AutoPauseEvent[], from: AutoPauseState = VISIBLE) {
  let state = from;
  const commands: string[] = [];
  for (const event of events) {
    const result = autoPause(state, event);
    state = result.state;
    if (result.command) commands.push(result.command);
  }
  return { state, commands };
}

describe('autoPause', () => {
  it('pauses a running demo when the tab is hidden and resumes it when the tab returns', () => {
    const { state, commands } = play([
      { type: 'running', running: true },
      { type: 'visibility', hidden: true },
      { type: 'visibility', hidden: false },
    ]);
    expect(commands).toEqual(['pause', 'resume']);
    expect(state.pausedFor).toBeNull();
  });

  it('says why: off-screen, then hidden, then off-screen again, resuming only when both are gone', () => {
    let state = play([{ type: 'running', running: true }]).state;
    const step = (event: AutoPauseEvent) => {
      const result = autoPause(state, event);
      state = result.state;
      return [result.command, state.pausedFor];
    };
    expect(step({ type: 'visibility', offscreen: true })).toEqual(['pause', 'offscreen']);
    expect(step({ type: 'visibility', hidden: true })).toEqual([null, 'hidden']);
    expect(step({ type: 'visibility', hidden: false })).toEqual([null, 'offscreen']);
    expect(step({ type: 'visibility', offscreen: false })).toEqual(['resume', null]);
  });

  it('never pauses an idle demo and never resumes a pause the reader chose', () => {
    expect(
      play([
        { type: 'visibility', hidden: true },
        { type: 'visibility', hidden: false },
      ]).commands,
    ).toEqual([]);
    const readerPaused = play([
      { type: 'running', running: true },
      { type: 'running', running: false },
      { type: 'visibility', offscreen: true },
      { type: 'visibility', offscreen: false },
    ]);
    expect(readerPaused.commands).toEqual([]);
  });

  it('a demo started while hidden pauses at once', () => {
    expect(
      play([
        { type: 'visibility', hidden: true },
        { type: 'running', running: true },
      ]).commands,
    ).toEqual(['pause']);
  });

  it('the reader taking over forgets the self-pause', () => {
    const { state, commands } = play([
      { type: 'running', running: true },
      { type: 'visibility', offscreen: true },
      { type: 'reader' },
      { type: 'visibility', offscreen: false },
    ]);
    expect(commands).toEqual(['pause']);
    expect(state.pausedFor).toBeNull();
  });
});
