/**
 * The depth lab's view of its running experiment: the networks and their measurements as the
 * worker reports them (src/lab/lab-session.ts), the warm-up clock readings that give the run's
 * estimate (src/lab/estimate.ts), the training time without pauses, and the announcements for
 * screen readers. Charts redraw at most four times a second, not on every point.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ExperimentConfig } from '../../src/lab/config.ts';
import type { CurveSource } from '../../src/lab/curves.ts';
import { estimateRun, WARMUP_MARKS, type RunEstimate } from '../../src/lab/estimate.ts';
import type { ProbePoint, RunRecord } from '../../src/lab/experiment.ts';
import type { LabEvent, RunInfo } from '../../src/lab/lab-session.ts';
import type { BackendReport } from '../../src/training/backend.ts';
import type { JobState } from '../../src/training/job-session.ts';

export type Phase = 'idle' | 'starting' | 'running' | 'finished' | 'error';

export interface LiveRun extends CurveSource {
  readonly info: RunInfo;
  step: number;
  state: JobState;
  readonly curve: RunRecord['curve'];
  readonly evals: RunRecord['evals'];
  readonly probes: ProbePoint[];
}

/** "plain-8", "ResNet-20". */
export function familyName(key: string): string {
  return key.replace(/^resnet-/, 'ResNet-');
}

export function useLabRuns(config: ExperimentConfig) {
  const [phase, setPhase] = useState<Phase>('idle');
  const [message, setMessage] = useState('');
  const [backend, setBackend] = useState<BackendReport | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [pausedAll, setPausedAll] = useState(false);
  const [estimate, setEstimate] = useState<RunEstimate | null>(null);
  const [, setVersion] = useState(0);
  const runs = useRef<LiveRun[]>([]);
  const generation = useRef(-1);
  const clock = useRef({ started: 0, firstRound: 0, pausedMs: 0, pausedAt: 0, config });
  const redraw = useRef<number | null>(null);

  useEffect(
    () => () => {
      if (redraw.current !== null) window.clearTimeout(redraw.current);
    },
    [],
  );

  const scheduleRedraw = () => {
    if (redraw.current !== null) return;
    redraw.current = window.setTimeout(() => {
      redraw.current = null;
      setVersion((v) => v + 1);
    }, 250);
  };

  /** Every network has reached `step` (paused ones too, or the warm-up would wait for them). */
  const allAt = (step: number) => runs.current.every((r) => r.step >= step || r.state !== 'running');

  const onPoint = (run: LiveRun, value: Extract<LabEvent, { type: 'point' }>['value']) => {
    const { step, curve, evaluation, probe } = value;
    const before = run.step;
    run.step = step;
    if (curve) run.curve.push(curve);
    if (evaluation) run.evals.push(evaluation);
    if (probe) run.probes.push(probe);
    const c = clock.current;
    if (step === WARMUP_MARKS[0] && before < step && allAt(step)) c.firstRound = performance.now();
    if (step === WARMUP_MARKS[1] && before < step && allAt(step) && c.firstRound > 0)
      setEstimate(estimateRun(c.config, { started: c.started, firstRound: c.firstRound, warm: performance.now() }));
    const quarter = Math.floor((4 * step) / run.info.steps);
    if (quarter > Math.floor((4 * before) / run.info.steps) && quarter < 4)
      setAnnouncement(`${familyName(run.key)}: ${quarter * 25}% of its steps done.`);
    scheduleRedraw();
  };

  const onEvent = (event: LabEvent) => {
    switch (event.type) {
      case 'ready':
        setBackend(event.backend);
        return;
      case 'loading':
        setMessage(`Loading the ${event.what === 'mnist' ? 'MNIST' : 'Fashion-MNIST'} digits…`);
        return;
      case 'started':
        generation.current = event.generation;
        clock.current = { started: performance.now(), firstRound: 0, pausedMs: 0, pausedAt: 0, config };
        setEstimate(null);
        setPausedAll(false);
        runs.current = event.jobs.map((info) => ({
          info,
          key: info.key,
          family: info.family,
          depth: info.depth,
          step: 0,
          state: 'running',
          curve: [],
          evals: [],
          probes: [],
        }));
        setPhase('running');
        setMessage('');
        setAnnouncement(`Training ${event.jobs.map((r) => familyName(r.key)).join(', ')}.`);
        scheduleRedraw();
        return;
      case 'point': {
        const run = runs.current.find((r) => r.key === event.key);
        if (event.generation === generation.current && run) onPoint(run, event.value);
        return;
      }
      case 'state': {
        if (event.generation !== generation.current) return;
        if (event.key === null) {
          const c = clock.current;
          if (event.state === 'paused') c.pausedAt = performance.now();
          else if (c.pausedAt > 0) [c.pausedMs, c.pausedAt] = [c.pausedMs + performance.now() - c.pausedAt, 0];
          setPausedAll(event.state === 'paused');
          return;
        }
        const run = runs.current.find((r) => r.key === event.key);
        if (!run) return;
        run.state = event.state;
        if (event.state !== 'running')
          setAnnouncement(
            `${familyName(run.key)} ${event.state === 'done' ? 'finished' : 'paused'} at step ${run.step}.`,
          );
        scheduleRedraw();
        return;
      }
      case 'finished':
        if (event.generation !== generation.current) return;
        setPhase('finished');
        setAnnouncement('All networks finished.');
        scheduleRedraw();
        return;
      case 'error':
        setPhase('error');
        setMessage(event.message);
        setAnnouncement(`Error: ${event.message}`);
        return;
    }
  };

  /** Training time so far, without the time spent paused as a whole. */
  const trainingMs = () => {
    const c = clock.current;
    const now = performance.now();
    return now - c.started - c.pausedMs - (c.pausedAt > 0 ? now - c.pausedAt : 0);
  };

  const stopped = () => {
    generation.current = -1;
    setPausedAll(false);
    for (const run of runs.current) if (run.state === 'running') run.state = 'paused';
    setPhase('finished');
    setAnnouncement('Stopped.');
    scheduleRedraw();
  };

  return {
    runs: runs.current,
    phase,
    setPhase,
    message,
    setMessage,
    backend,
    announcement,
    pausedAll,
    estimate,
    onEvent,
    trainingMs,
    stopped,
  };
}
