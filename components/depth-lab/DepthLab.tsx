/**
 * The depth-degradation lab island: `<DepthLab client:visible />`. The reader picks depths and
 * settings (all mirrored in the address), then plain-d and ResNet-d train interleaved in a worker
 * (src/lab/lab-worker.ts) on identical batches. Charts follow He et al. 2015 Fig. 6 (plain panel,
 * ResNet panel; thin dashed training error, bold test error) with the recorded reference run
 * faint behind; heatmaps show per-layer response std and gradient norms (Fig. 7).
 * TF.js (in the worker) and uPlot load only when the reader presses Train.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type uPlotType from 'uplot';
import { parseBackendParam } from '../../src/training/backend.ts';
import { ARCHITECTURES, DATASETS, DEFAULT, type ExperimentConfig } from '../../src/lab/config.ts';
import { panelData, type CurveSource } from '../../src/lab/curves.ts';
import type { ProbePoint, RunRecord } from '../../src/lab/experiment.ts';
import type { LabEvent, LabRequest, RunInfo, RunState } from '../../src/lab/lab-session.ts';
import { DEPTH_CHOICES, MAX_DEPTHS, NUMBER_PARAMS, mergeLabParams, parseLabParams } from '../../src/lab/url-state.ts';
import { sitePath } from '../../src/lib/site-path.ts';
import { LabChart } from './LabChart.tsx';
import { LayerProbes } from './LayerProbes.tsx';
import './depth-lab.css';

type Phase = 'idle' | 'starting' | 'running' | 'finished' | 'error';

interface LiveRun extends CurveSource {
  readonly info: RunInfo;
  step: number;
  state: RunState;
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

const LABELS = {
  width: 'Width (units or first-stage filters)',
  lr: 'Learning rate',
  momentum: 'Momentum',
  batch: 'Batch size',
  steps: 'Steps per network',
  seed: 'Seed',
} as const;

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
  const runs = useRef<LiveRun[]>([]);
  const worker = useRef<Worker | null>(null);
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

  const post = (request: LabRequest) => worker.current?.postMessage(request);

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
        runs.current = event.runs.map((info) => ({
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
        setAnnouncement(`Training ${event.runs.map((r) => familyName(r.key)).join(', ')}.`);
        scheduleRedraw();
        return;
      case 'point': {
        if (event.generation !== generation.current) return;
        const run = runs.current.find((r) => r.key === event.key);
        if (!run) return;
        run.step = event.step;
        if (event.curve) run.curve.push(event.curve);
        if (event.evaluation) run.evals.push(event.evaluation);
        if (event.probe) run.probes.push(event.probe);
        const quarter = Math.floor((4 * event.step) / run.info.steps);
        if (quarter > (milestones.current.get(run.key) ?? 0) && quarter < 4) {
          milestones.current.set(run.key, quarter);
          setAnnouncement(`${familyName(run.key)}: ${quarter * 25}% of its steps done.`);
        }
        scheduleRedraw();
        return;
      }
      case 'state': {
        if (event.generation !== generation.current) return;
        const run = runs.current.find((r) => r.key === event.key);
        if (!run) return;
        run.state = event.state;
        run.step = event.step;
        if (event.state !== 'running')
          setAnnouncement(
            `${familyName(run.key)} ${event.state === 'done' ? 'finished' : 'paused'} at step ${event.step}.`,
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

  // Teardown: stop the loop, free the tensors and end the worker.
  useEffect(
    () => () => {
      if (redraw.current !== null) window.clearTimeout(redraw.current);
      worker.current?.postMessage({ type: 'dispose' } satisfies LabRequest);
      worker.current?.terminate();
      worker.current = null;
    },
    [],
  );

  // A hidden tab pauses the runs it interrupted and resumes them when visible again.
  useEffect(() => {
    const controller = new AbortController();
    const hiddenPaused = new Set<string>();
    document.addEventListener(
      'visibilitychange',
      () => {
        if (document.hidden) {
          for (const run of runs.current.filter((r) => r.state === 'running')) {
            hiddenPaused.add(run.key);
            post({ type: 'pause', key: run.key });
          }
        } else {
          for (const key of hiddenPaused) post({ type: 'resume', key });
          hiddenPaused.clear();
        }
      },
      { signal: controller.signal },
    );
    return () => controller.abort();
  }, []);

  const start = async () => {
    setPhase('starting');
    setMessage('Loading TF.js and the charts…');
    if (!worker.current) {
      const w = new Worker(new URL('../../src/lab/lab-worker.ts', import.meta.url), {
        type: 'module',
        name: 'depth-lab',
      });
      w.addEventListener('message', (e: MessageEvent<LabEvent>) => onEvent(e.data));
      w.addEventListener('error', (e) =>
        onEvent({ type: 'error', message: e.message || 'The training worker failed to start.' }),
      );
      worker.current = w;
      const request = parseBackendParam(window.location.search);
      post({
        type: 'init',
        backend: request.requested,
        backendNotice: request.notice,
        dataUrl: new URL(sitePath('data/'), window.location.href).href,
      });
      const [module] = await Promise.all([
        import('uplot'),
        fetch(sitePath('data/runs/default.json'))
          .then((r) => (r.ok ? (r.json() as Promise<Recorded>) : null))
          .then(setReference)
          .catch(() => setReference(null)),
      ]);
      setUplot(() => module.default);
    }
    post({ type: 'start', config });
  };

  const stop = () => {
    post({ type: 'stop' });
    generation.current = -1;
    for (const run of runs.current) if (run.state === 'running') run.state = 'paused';
    setPhase('finished');
    setAnnouncement('Stopped.');
    scheduleRedraw();
  };

  const toggle = (run: LiveRun) => {
    post({ type: run.state === 'paused' ? 'resume' : 'pause', key: run.key });
  };

  const setDepth = (depth: number, on: boolean) => {
    const depths = on ? [...config.depths, depth].sort((a, b) => a - b) : config.depths.filter((d) => d !== depth);
    if (depths.length >= 1 && depths.length <= MAX_DEPTHS) update({ ...config, depths });
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
    <section class="depth-lab" aria-label="Depth-degradation lab">
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
        <fieldset disabled={busy}>
          <legend>Networks</legend>
          <label>
            Data set{' '}
            <select
              value={config.dataset}
              onChange={(e) => update({ ...config, dataset: e.currentTarget.value as ExperimentConfig['dataset'] })}
            >
              {DATASETS.map((d) => (
                <option key={d} value={d}>
                  {d === 'mnist' ? 'MNIST' : 'Fashion-MNIST'}
                </option>
              ))}
            </select>
          </label>
          <label>
            Layers{' '}
            <select
              value={config.architecture}
              onChange={(e) =>
                update({ ...config, architecture: e.currentTarget.value as ExperimentConfig['architecture'] })
              }
            >
              {ARCHITECTURES.map((a) => (
                <option key={a} value={a}>
                  {a === 'mlp' ? 'fully connected' : 'convolutional'}
                </option>
              ))}
            </select>
          </label>
          <fieldset class="depth-lab__depths">
            <legend>Depths (up to {MAX_DEPTHS})</legend>
            {DEPTH_CHOICES.map((d) => (
              <label key={d}>
                <input
                  type="checkbox"
                  checked={config.depths.includes(d)}
                  onChange={(e) => setDepth(d, e.currentTarget.checked)}
                />{' '}
                {d}
              </label>
            ))}
          </fieldset>
          {(Object.keys(LABELS) as (keyof typeof LABELS)[]).map((name) => {
            const rule = NUMBER_PARAMS[name];
            if (!rule) return null;
            return (
              <label key={name}>
                {LABELS[name]}{' '}
                <input
                  type="number"
                  name={name}
                  min={rule.min}
                  max={rule.max}
                  step={rule.integer ? 1 : 'any'}
                  value={String(config[rule.key])}
                  onChange={(e) => {
                    const value = Number(e.currentTarget.value);
                    const ok =
                      Number.isFinite(value) &&
                      value >= rule.min &&
                      value <= rule.max &&
                      (!rule.integer || Number.isInteger(value));
                    if (ok) update({ ...config, [rule.key]: value });
                  }}
                />
              </label>
            );
          })}
        </fieldset>
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
