/**
 * An island whose experiment runs as jobs in the training worker (the depth lab, the block
 * playground): its session (./use-session.ts), pausing while hidden or off-screen
 * (./use-auto-pause.ts), and the reader's commands. Every command the reader gives also ends a
 * self-pause, so the demo never resumes behind the reader's back.
 */
import type { RefObject } from 'preact';
import type { Services } from '../../src/demos/services.ts';
import type { DemoTestHooks } from '../../src/training/client.ts';
import { useAutoPause, type AutoPause } from './use-auto-pause.ts';
import { backendRequest, dataUrl, useSession } from './use-session.ts';

/** Services whose requests are the job session's (src/training/job-session.ts). */
type JobService = 'lab' | 'block' | 'surface';

/** Spec of one experiment of service `N`. */
type SpecOf<N extends JobService> = Extract<Services[N]['request'], { type: 'start' }>['spec'];

/** What the island tells the hook about itself. */
export interface JobDemoState {
  /** The experiment is training now (not paused as a whole). */
  readonly running: boolean;
  /** The experiment is paused as a whole and can resume. */
  readonly paused: boolean;
}

/** The reader's commands, and why the demo paused itself. */
export interface JobDemo<N extends JobService> {
  readonly auto: AutoPause;
  /** Opens the session on first use (backend, data URL) and starts an experiment. */
  start(spec: SpecOf<N>): Promise<void>;
  /** Pauses or resumes job `key`, or the whole experiment. */
  pause(key?: string): void;
  resume(key?: string): void;
  /** Ends the experiment and frees its tensors. */
  stop(): void;
}

export function useJobDemo<N extends JobService>(
  name: N,
  root: RefObject<Element>,
  state: JobDemoState,
  onEvent: (event: Services[N]['event']) => void,
  onFailure: (message: string) => void,
): JobDemo<N> {
  const session = useSession(name, onEvent, onFailure);
  // The job session's requests are the same for every job service.
  const post = (request: Services['lab' | 'block']['request']) => session.post(request);
  const auto = useAutoPause(root, {
    ...state,
    pause: () => post({ type: 'pause' }),
    resume: () => post({ type: 'resume' }),
  });
  const reader =
    <A extends unknown[]>(command: (...args: A) => void) =>
    (...args: A) => {
      auto.readerActed();
      command(...args);
    };
  return {
    auto,
    async start(spec) {
      auto.readerActed();
      const { port, fresh } = await session.open();
      if (fresh) port.post({ type: 'init', ...backendRequest(), dataUrl: dataUrl() });
      port.post({ type: 'start', spec } as Services[N]['request']);
    },
    pause: reader((key?: string) => post(key === undefined ? { type: 'pause' } : { type: 'pause', key })),
    resume: reader((key?: string) => post(key === undefined ? { type: 'resume' } : { type: 'resume', key })),
    stop: reader(() => post({ type: 'stop' })),
  };
}

/** `config` with the end-to-end tests' overrides (`window.__demoTestHooks.jobConfig`), if any. */
export function withTestConfig<T extends object>(config: T): T {
  const hooks = (window as { __demoTestHooks?: DemoTestHooks }).__demoTestHooks;
  return hooks?.jobConfig ? { ...config, ...hooks.jobConfig } : config;
}
