/**
 * The depth-degradation lab island: `<DepthLab client:visible />`. The result comes first: the
 * plain and residual panels side by side (He et al. 2015 Fig. 6), showing the recorded run of the
 * default settings before Train, then the reader's own nets as they train in the worker
 * (src/lab/lab-session.ts) on identical batches. One progress bar covers the whole run; its time
 * estimate comes from a warm-up measured at the start (src/lab/estimate.ts), and a long run waits
 * for the reader's go-ahead. Settings are mirrored in the address; per-network pauses and the
 * per-layer probes (Fig. 7) sit below. TF.js loads only on Train; a hidden tab or the lab scrolled
 * off-screen pauses every network, and the status says why.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { DEFAULT, PAPER_GPU, sameExperiment, type ExperimentConfig } from '../../src/lab/config.ts';
import { panelLines } from '../../src/lab/curves.ts';
import { formatEstimate, LONG_RUN_MS, remainingMs } from '../../src/lab/estimate.ts';
import type { RunRecord } from '../../src/lab/experiment.ts';
import { mergeLabParams, parseLabParams } from '../../src/lab/url-state.ts';
import { formatDuration } from '../demo/ProgressBar.tsx';
import { useJobDemo } from '../demo/use-job-demo.ts';
import { dataUrl } from '../demo/use-session.ts';
import { LabChart } from './LabChart.tsx';
import { LabSettings } from './LabSettings.tsx';
import { useResultSentence } from './use-result-sentence.ts';
import type * as ProbesModule from './LayerProbes.tsx';
import { familyName, useLabRuns, type LiveRun } from './use-lab-runs.ts';
import './depth-lab.css';

interface Recorded {
  readonly config: ExperimentConfig;
  readonly date: string;
  readonly wallSeconds: number;
  readonly environment: { readonly runtime: string; readonly cores: number; readonly backend: string };
  readonly runs: readonly RunRecord[];
}

/** The lab. Props carry no text; the chapter around it explains what to look for. */
export default function DepthLab() {
  const [config, setConfig] = useState<ExperimentConfig>(DEFAULT);
  const [notices, setNotices] = useState<readonly string[]>([]);
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  /** The reader has agreed to a long run (or it is short). */
  const [confirmed, setConfirmed] = useState(false);
  const [hydrated, setHydrated] = useState(false);
  const root = useRef<HTMLElement>(null);
  const lab = useLabRuns(config);
  // The probes' view loads once there is something to show (it is not needed before Train).
  const [probes, setProbes] = useState<typeof ProbesModule | null>(null);
  const probed = lab.runs.some((r) => r.probes.length > 0);
  useEffect(() => {
    if (probed && !probes) void import('./LayerProbes.tsx').then(setProbes);
  }, [probed]);

  // Settings from the address and the recorded run, once, after hydration (never at import time).
  useEffect(() => {
    const parsed = parseLabParams(window.location.search, DEFAULT);
    setConfig(parsed.config);
    setNotices(parsed.notices);
    setHydrated(true);
    fetch(`${dataUrl()}runs/default.json`)
      .then((r) => (r.ok ? (r.json() as Promise<Recorded>) : null))
      .then(setRecorded)
      .catch(() => setRecorded(null));
  }, []);

  // Changes arrive as functions of the latest settings: two quick edits (a field, then a checkbox)
  // can come before a render, and a change built from the rendered settings would undo the first.
  const update = (change: (prev: ExperimentConfig) => ExperimentConfig) => {
    setConfig((prev) => {
      const next = change(prev);
      const url = `${window.location.pathname}${mergeLabParams(window.location.search, next, DEFAULT)}${window.location.hash}`;
      window.history.replaceState(window.history.state, '', url);
      return next;
    });
  };

  const demo = useJobDemo(
    'lab',
    root,
    { running: lab.phase === 'running' && !lab.pausedAll, paused: lab.phase === 'running' && lab.pausedAll },
    lab.onEvent,
    (message) => lab.onEvent({ type: 'error', message }),
  );

  // A long run waits, paused, until the reader has seen its estimate and agreed.
  const waiting = lab.estimate !== null && lab.estimate.totalMs > LONG_RUN_MS && !confirmed && lab.phase === 'running';
  useEffect(() => {
    if (waiting) demo.pause();
  }, [waiting]);

  const start = async (next = config) => {
    setConfirmed(false);
    lab.setPhase('starting');
    lab.setMessage('Loading TF.js…');
    await demo.start(next);
  };

  const stop = () => {
    demo.stop();
    lab.stopped();
  };

  const toggle = (run: LiveRun) => (run.state === 'paused' ? demo.resume(run.key) : demo.pause(run.key));

  const busy = lab.phase === 'starting' || lab.phase === 'running';
  const runs = lab.runs;
  const matches = recorded !== null && sameExperiment(config, recorded.config);
  const behind = matches ? recorded.runs : [];
  const maxStep = runs.length > 0 ? Math.max(...runs.map((r) => r.info.steps)) : config.steps;
  const total = runs.reduce((n, r) => n + r.info.steps, 0);
  const done = runs.reduce((n, r) => n + r.step, 0);
  const gpu = lab.backend !== null && (lab.backend.backend === 'webgpu' || lab.backend.backend === 'webgl');
  const where = gpu ? `on your GPU (${lab.backend?.label ?? ''})` : 'on your processor';
  const result = useResultSentence(lab.phase === 'finished', runs);
  const left = lab.estimate && total > 0 ? remainingMs(lab.estimate, done / total, lab.trainingMs()) : null;

  return (
    <section
      ref={root}
      class="depth-lab not-content"
      aria-label="Depth-degradation lab"
      data-hydrated={hydrated ? 'true' : 'false'}
      data-phase={lab.phase === 'finished' ? 'done' : lab.phase}
    >
      {notices.length > 0 && (
        <div class="depth-lab__notice" role="alert">
          {notices.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </div>
      )}
      <div class="depth-lab__charts">
        <LabChart title="Plain nets" lines={panelLines('plain', runs, behind)} maxStep={maxStep} />
        <LabChart title="Residual nets" lines={panelLines('resnet', runs, behind)} maxStep={maxStep} />
      </div>
      <p class="depth-lab__caption" data-testid="recorded-note">
        Dashed: training error; solid: test error; darker shades are deeper nets.{' '}
        {recorded === null
          ? ''
          : matches
            ? `Faint lines: the run recorded with these settings (${recorded.environment.backend.toUpperCase()}, ${recorded.environment.cores} cores, ${Math.round(recorded.wallSeconds / 60)} min, ${recorded.date.slice(0, 10)}).`
            : 'The recorded run used the default settings, so it is hidden while yours differ.'}
      </p>
      <p class="depth-lab__result" data-testid="result">
        {lab.phase === 'finished' ? result : ''}
      </p>
      <div class="depth-lab__run">
        <div class="depth-lab__actions">
          <button type="button" class="depth-lab__primary" onClick={() => void start()} disabled={busy}>
            {lab.phase === 'idle' ? 'Train' : 'Train again'}
          </button>
          <button type="button" onClick={stop} disabled={!busy}>
            Stop
          </button>
          {gpu && (
            <button type="button" disabled={busy} onClick={() => update(() => PAPER_GPU)}>
              Paper scale (GPU)
            </button>
          )}
        </div>
        {runs.length > 0 && (
          <div class="depth-lab__progress">
            <progress max={Math.max(1, total)} value={done} aria-label="Training progress, all networks" />
            <span data-testid="lab-progress">
              {Math.floor((100 * done) / Math.max(1, total))}% · {formatDuration(lab.trainingMs())} elapsed
              {lab.estimate === null
                ? ' · measuring the speed…'
                : ` · whole run ${formatEstimate(lab.estimate.totalMs)} ${where}${left !== null && done < total ? `, ${formatEstimate(left)} left` : ''}`}
            </span>
          </div>
        )}
        {waiting && lab.estimate && (
          <div class="depth-lab__confirm" role="alertdialog" aria-label="Long run">
            <p data-testid="lab-estimate">
              This run will take {formatEstimate(lab.estimate.totalMs)} {where}.
            </p>
            <button
              type="button"
              class="depth-lab__primary"
              onClick={() => {
                setConfirmed(true);
                demo.resume();
              }}
            >
              Continue
            </button>
            <button type="button" onClick={stop}>
              Stop and change settings
            </button>
          </div>
        )}
        {lab.message && <p class={lab.phase === 'error' ? 'depth-lab__error' : 'depth-lab__message'}>{lab.message}</p>}
        {demo.auto.reason && lab.pausedAll && (
          <p class="depth-lab__message">
            Paused {demo.auto.reason === 'hidden' ? 'while this tab is hidden' : 'while the lab is off-screen'}; it
            carries on when you come back.
          </p>
        )}
        {lab.backend && (
          <details class="depth-lab__backend">
            <summary>
              Training {where}
              {lab.backend.reason ? ' (no usable GPU found)' : ''}. Why?
            </summary>
            <p>
              Backend: {lab.backend.label}
              {lab.backend.device ? ` on ${lab.backend.device}` : ''}.{' '}
              {lab.backend.reason ? `Not a GPU backend because ${lab.backend.reason}.` : ''}
            </p>
          </details>
        )}
      </div>
      <p class="sr-only" role="status" aria-live="polite">
        {lab.announcement}
      </p>
      <LabSettings config={config} disabled={busy} onChange={update} />
      {runs.length > 0 && (
        <details class="depth-lab__nets">
          <summary>Each network: steps and pause</summary>
          <ul aria-label="Networks">
            {runs.map((run) => (
              <li key={run.key}>
                <span>
                  {familyName(run.key)} ({run.info.params.toLocaleString('en')} parameters):{' '}
                  <span data-testid={`step-${run.key}`}>
                    step {run.step} of {run.info.steps}
                  </span>
                  {run.state === 'done' ? ', finished' : run.state === 'paused' ? ', paused' : ''}
                </span>
                <button type="button" onClick={() => toggle(run)} disabled={run.state === 'done' || !busy}>
                  {run.state === 'paused' ? `Resume ${familyName(run.key)}` : `Pause ${familyName(run.key)}`}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
      {probes && (
        <probes.LabProbes
          rows={runs.map((r) => ({ key: r.key, label: familyName(r.key), layers: r.info.layers, probes: r.probes }))}
        />
      )}
    </section>
  );
}
