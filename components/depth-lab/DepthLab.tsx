/**
 * The depth-degradation lab island: `<DepthLab client:visible />`. The reader picks depths and
 * settings (all mirrored in the address), then plain-d and ResNet-d train interleaved in the
 * training worker (src/lab/lab-session.ts, through src/demos/connect.ts) on identical batches. Charts follow He et al. 2015 Fig. 6 (plain panel,
 * ResNet panel; thin dashed training error, bold test error) with the recorded reference run
 * faint behind; heatmaps show per-layer response std and gradient norms (Fig. 7).
 * TF.js (in the worker) and uPlot load only when the reader presses Train. A hidden tab or the lab
 * scrolled off-screen pauses every network, and the status says why.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type uPlotType from 'uplot';
import { DEFAULT, type ExperimentConfig } from '../../src/lab/config.ts';
import { panelData, type CurveSource } from '../../src/lab/curves.ts';
import type { ProbePoint, RunRecord } from '../../src/lab/experiment.ts';
import type { LabEvent, RunInfo } from '../../src/lab/lab-session.ts';
import type { JobState } from '../../src/training/job-session.ts';
import { useJobDemo } from '../demo/use-job-demo.ts';
import { dataUrl } from '../demo/use-session.ts';
import { mergeLabParams, parseLabParams } from '../../src/lab/url-state.ts';
import { LabChart } from './LabChart.tsx';
import { LabSettings } from './LabSettings.tsx';
import { LayerProbes } from './LayerProbes.tsx';
import './depth-lab.css';

type Phase = 'idle' | 'starting' | 'running' | 'finished' | 'error';

interface LiveRun extends CurveSource {
  readonly info: RunInfo;
  step: number;
  state: JobState;
  readonly curve: RunRecord['curve'];
  readonly evals: RunRecord['evals'];
  readonly probes: ProbePoint[];
}

interface Recorded {
  readonly config: ExperimentConfig;
  readonly date: string;
  readonly environment: { readonly runtime: string; readonly cpu: string; readonly backend: string };
  readonly runs: readonly RunRecord[];
}

function familyName(key: string): string {
  return key.replace(/^plain-/, 'plain-').replace(/^resnet-/, 'ResNet-');
}

/** The lab. Props carry no text; the chapter around it explains what to look for. */
export default function DepthLab() {
  const [config, setConfig] = useState<ExperimentConfig>(DEFAULT);
  const [notices, setNotices] = useState<readonly string[]>([]);
  const [phase, setPhase] = useState<Phase>('idle');
  const [message, setMessage] = useState('');
  const [backend, setBackend] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const [uplot, setUplot] = useState<typeof uPlotType | null>(null);
  const [reference, setReference] = useState<Recorded | null>(null);
  const [version, setVersion] = useState(0);
  const [pausedAll, setPausedAll] = useState(false);
  const runs = useRef<LiveRun[]>([]);
  const root = useRef<HTMLElement>(null);
  const generation = useRef(-1);
  const milestones = useRef(new Map<string, number>());
  const redraw = useRef<number | null>(null);

  // Settings from the address, once, after hydration (never at import time).
  useEffect(() => {
    const parsed = parseLabParams(window.location.search, DEFAULT);
    setConfig(parsed.config);
    setNotices(parsed.notices);
  }, []);

  const update = (next: ExperimentConfig) => {
    setConfig(next);
    const url = `${window.location.pathname}${mergeLabParams(window.location.search, next, DEFAULT)}${window.location.hash}`;
    window.history.replaceState(window.history.state, '', url);
  };

  const scheduleRedraw = () => {
    if (redraw.current !== null) return;
    // Charts redraw at most four times a second, not on every point.
    redraw.current = window.setTimeout(() => {
      redraw.current = null;
      setVersion((v) => v + 1);
    }, 250);
  };

  const onEvent = (event: LabEvent) => {
    switch (event.type) {
      case 'ready':
        setBackend(event.backend.label + (event.backend.reason ? ` (${event.backend.reason})` : ''));
        return;
      case 'loading':
        setMessage(`Loading ${event.what}…`);
        return;
      case 'started':
        generation.current = event.generation;
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
        milestones.current.clear();
        setPhase('running');
        setMessage('');
        setAnnouncement(`Training ${event.jobs.map((r) => familyName(r.key)).join(', ')}.`);
        scheduleRedraw();
        return;
      case 'point': {
        if (event.generation !== generation.current) return;
        const run = runs.current.find((r) => r.key === event.key);
        if (!run) return;
        const { step, curve, evaluation, probe } = event.value;
        run.step = step;
        if (curve) run.curve.push(curve);
        if (evaluation) run.evals.push(evaluation);
        if (probe) run.probes.push(probe);
        const quarter = Math.floor((4 * step) / run.info.steps);
        if (quarter > (milestones.current.get(run.key) ?? 0) && quarter < 4) {
          milestones.current.set(run.key, quarter);
          setAnnouncement(`${familyName(run.key)}: ${quarter * 25}% of its steps done.`);
        }
        scheduleRedraw();
        return;
      }
      case 'state': {
        if (event.generation !== generation.current) return;
        if (event.key === null) {
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

  const demo = useJobDemo(
    'lab',
    root,
    { running: phase === 'running' && !pausedAll, paused: phase === 'running' && pausedAll },
    onEvent,
    (message) => onEvent({ type: 'error', message }),
  );

  // Teardown (the session closes itself): no redraw after removal.
  useEffect(
    () => () => {
      if (redraw.current !== null) window.clearTimeout(redraw.current);
    },
    [],
  );

  /** uPlot and the recorded reference run, once. */
  const loadCharts = async () => {
    const [module] = await Promise.all([
      import('uplot'),
      fetch(`${dataUrl()}runs/default.json`)
        .then((r) => (r.ok ? (r.json() as Promise<Recorded>) : null))
        .then(setReference)
        .catch(() => setReference(null)),
    ]);
    setUplot(() => module.default);
  };

  const start = async () => {
    setPhase('starting');
    setMessage('Loading TF.js and the charts…');
    await Promise.all([uplot ? null : loadCharts(), demo.start(config)]);
  };

  const stop = () => {
    demo.stop();
    generation.current = -1;
    setPausedAll(false);
    for (const run of runs.current) if (run.state === 'running') run.state = 'paused';
    setPhase('finished');
    setAnnouncement('Stopped.');
    scheduleRedraw();
  };

  const toggle = (run: LiveRun) => {
    if (run.state === 'paused') demo.resume(run.key);
    else demo.pause(run.key);
  };

  const busy = phase === 'starting' || phase === 'running';
  const shown = runs.current;
  const referenceRuns = reference?.runs ?? [];
  const panels = useMemo(
    () => ({ plain: panelData('plain', shown, referenceRuns), resnet: panelData('resnet', shown, referenceRuns) }),
    // `version` bumps when live runs change in place.
    [version, reference],
  );

  return (
    <section ref={root} class="depth-lab" aria-label="Depth-degradation lab">
      {notices.length > 0 && (
        <div class="depth-lab__notice" role="alert">
          {notices.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </div>
      )}
      <form
        class="depth-lab__controls"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <LabSettings config={config} disabled={busy} onChange={update} />
        <div class="depth-lab__actions">
          <button type="submit" disabled={busy}>
            {phase === 'idle' ? 'Train' : 'Train again'}
          </button>
          <button type="button" onClick={stop} disabled={!busy}>
            Stop
          </button>
          {backend && <span class="depth-lab__backend">Backend: {backend}</span>}
        </div>
      </form>
      {message && <p class={phase === 'error' ? 'depth-lab__error' : 'depth-lab__message'}>{message}</p>}
      {demo.auto.reason && pausedAll && (
        <p class="depth-lab__message">
          Paused {demo.auto.reason === 'hidden' ? 'while this tab is hidden' : 'while the lab is off-screen'}; it
          carries on when you come back.
        </p>
      )}
      <p class="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
      {shown.length > 0 && (
        <ul class="depth-lab__runs" aria-label="Networks">
          {shown.map((run) => (
            <li key={run.key}>
              <span>
                {familyName(run.key)} ({run.info.params.toLocaleString('en')} parameters):{' '}
                <span data-testid={`step-${run.key}`}>
                  step {run.step} of {run.info.steps}
                </span>
                {run.state === 'done' ? ', finished' : run.state === 'paused' ? ', paused' : ''}
              </span>{' '}
              <button type="button" onClick={() => toggle(run)} disabled={run.state === 'done' || !busy}>
                {run.state === 'paused' ? `Resume ${familyName(run.key)}` : `Pause ${familyName(run.key)}`}
              </button>
            </li>
          ))}
        </ul>
      )}
      {uplot && (
        <div class="depth-lab__charts">
          <LabChart uplot={uplot} title="Plain nets" panel={panels.plain} yLabel="error (%)" />
          <LabChart uplot={uplot} title="Residual nets" panel={panels.resnet} yLabel="error (%)" />
        </div>
      )}
      {reference && uplot && (
        <p class="depth-lab__reference">
          Faint lines: the recorded run of the default settings ({reference.environment.backend} in{' '}
          {reference.environment.runtime}, {reference.date.slice(0, 10)}).
        </p>
      )}
      {shown.some((r) => r.probes.length > 0) && (
        <div class="depth-lab__inside">
          <LayerProbes
            title="Response std per layer (after BN, before ReLU), at initialisation and now"
            measure="responseStd"
            rows={shown.map((r) => ({ key: r.key, label: familyName(r.key), layers: r.info.layers, probes: r.probes }))}
          />
          <LayerProbes
            title="Weight-gradient norm per layer, at initialisation and now"
            measure="gradNorm"
            rows={shown.map((r) => ({ key: r.key, label: familyName(r.key), layers: r.info.layers, probes: r.probes }))}
          />
        </div>
      )}
    </section>
  );
}
