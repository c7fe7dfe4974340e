/**
 * Runs lab experiments in Node: the prepared data sets read from public/data/ through the engine's
 * verifying loader, the WASM backend (about 20x faster here than the plain-JS CPU backend), and a
 * description of the machine for recorded runs. Node-only; the site never imports this module.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { trimmedWasmDir } from '../lib/wasm-trim.ts';
import { tfActivator } from '../training/backend.ts';
import { loadDataset, type Dataset } from '../training/dataset.ts';
import * as tf from '../training/tf.ts';
import type { ExperimentConfig } from './config.ts';
import { prepareDataset, runExperiment, type ExperimentProgress, type RunRecord } from './experiment.ts';

/** A `fetch` that serves files under `root` (Node's own fetch has no file: URLs). */
function fileFetch(root: string): typeof fetch {
  const serve = async (input: string | URL | Request): Promise<Response> => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const path = join(root, decodeURIComponent(url.pathname));
    try {
      return new Response(await readFile(path));
    } catch {
      return new Response(null, { status: 404 });
    }
  };
  return serve;
}

/** Loads and verifies a data set from `<repo>/public/data/`. */
export async function loadDatasetFromDisk(repoRoot: string, datasetId: string): Promise<Dataset> {
  const dataRoot = join(repoRoot, 'public', 'data');
  return loadDataset({ baseUrl: 'http://local/', datasetId, fetch: fileFetch(dataRoot) });
}

/**
 * Makes the WASM backend (with the engine's Conv2DBackpropFilter kernel) current, on the same
 * binaries, cut down to the demos' kernels, that the site serves (src/lib/wasm-trim.ts).
 */
export async function activateWasm(): Promise<void> {
  await tfActivator(tf, trimmedWasmDir())('wasm');
}

/** Where and how a run was made. */
export interface RunEnvironment {
  readonly runtime: string;
  readonly backend: string;
  readonly tfjs: string;
  readonly os: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  /** 1-minute load average when the run started: wall time is only meaningful on an idle machine. */
  readonly loadAverage: number;
}

/** Describes this process and machine. */
export function environment(): RunEnvironment {
  return {
    runtime: `Node ${process.version}`,
    backend: tf.getBackend(),
    tfjs: tf.version_core,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: Math.round((os.loadavg()[0] ?? 0) * 10) / 10,
  };
}

/** A recorded run, as written to public/data/runs/<name>.json. */
export interface RecordedRun {
  readonly version: 1;
  readonly name: string;
  readonly config: ExperimentConfig;
  readonly environment: RunEnvironment;
  /** ISO 8601 time at which the run started. */
  readonly date: string;
  readonly wallSeconds: number;
  /** CPU time of this process (all threads), independent of other load on the machine. */
  readonly cpuSeconds: number;
  readonly runs: readonly RunRecord[];
}

/** Runs `config` on WASM and returns the full record. */
export async function recordExperiment(
  repoRoot: string,
  name: string,
  config: ExperimentConfig,
  onProgress?: (progress: ExperimentProgress) => void,
): Promise<RecordedRun> {
  await activateWasm();
  const dataset = prepareDataset(await loadDatasetFromDisk(repoRoot, config.dataset), config);
  const date = new Date().toISOString();
  const where = environment();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const runs = await runExperiment(tf, dataset, config, onProgress);
  const used = process.cpuUsage(cpu);
  return {
    version: 1,
    name,
    config,
    environment: where,
    date,
    wallSeconds: Math.round((performance.now() - started) / 100) / 10,
    cpuSeconds: Math.round((used.user + used.system) / 1e5) / 10,
    runs,
  };
}

/** Rounds to 4 significant digits, keeping the recorded file small. */
function round4(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(4)) : value;
}

/** The record with its measurements rounded to 4 significant digits, for writing to disk. */
export function roundRecorded(recorded: RecordedRun): RecordedRun {
  return {
    ...recorded,
    runs: recorded.runs.map((run) => ({
      ...run,
      curve: run.curve.map((p) => ({ step: p.step, trainLoss: round4(p.trainLoss), trainError: round4(p.trainError) })),
      evals: run.evals.map((p) => ({
        step: p.step,
        testError: round4(p.testError),
        subsetLoss: round4(p.subsetLoss),
        subsetError: round4(p.subsetError),
      })),
      probes: run.probes.map((p) => ({
        step: p.step,
        gradNorm: p.gradNorm.map(round4),
        responseStd: p.responseStd.map(round4),
      })),
    })),
  };
}

export { CONFIGS } from './config.ts';
export { finalTrainLoss } from './experiment.ts';
export { WASM_KERNEL_SET } from '../training/wasm-kernels.ts';
