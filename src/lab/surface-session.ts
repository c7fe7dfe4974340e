/**
 * The reader's own loss-surface slices (why-it-works): a plain and a residual net of the lab's
 * convolutional family, trained exactly as the lab trains them ({@link LabRun}), then each one's
 * slice (src/training/loss-surface.ts) evaluated one row of the grid per step. Both phases are one
 * job per network of the engine's job session, so the pair trains in the one worker, pauses,
 * cancels and reports progress like every other demo. DOM-free.
 */
import type { Job } from '../training/driver.ts';
import type { JobEvent, JobHost, JobRequest, PlannedJob } from '../training/job-session.ts';
import { JobSession } from '../training/job-session.ts';
import {
  SurfaceScan,
  localMinima,
  roughness,
  validateSurfaceOptions,
  type Surface,
  type SurfaceOptions,
} from '../training/loss-surface.ts';
import type * as Tf from '../training/tf.ts';
import type { Family } from './config.ts';
import { LabRun, prepareDataset, runKey } from './experiment.ts';
import type { SurfaceSpec } from './surface-spec.ts';

export * from './surface-spec.ts';

/** What the page knows about one network before it trains. */
export interface SurfaceInfo {
  readonly key: string;
  readonly family: Family;
  readonly depth: number;
  readonly steps: number;
  /** Grid points of its slice. */
  readonly points: number;
}

/** A finished slice with its measures. */
export interface SurfaceResult {
  readonly surface: Surface;
  readonly roughness: number;
  readonly localMinima: number;
}

/** A measurement: the training loss now and then, then the slice's progress, then the slice. */
export type SurfacePoint =
  | { readonly phase: 'train'; readonly step: number; readonly steps: number; readonly trainLoss: number }
  | {
      readonly phase: 'surface';
      readonly done: number;
      readonly total: number;
      /** The slice, with the measurement that completes it; null before. */
      readonly result: SurfaceResult | null;
    };

export type SurfaceRequest = JobRequest<SurfaceSpec>;
export type SurfaceEvent = JobEvent<SurfaceInfo, SurfacePoint>;

/** The island's host: the engine's, with these jobs. */
export type SurfaceHost = Omit<JobHost<SurfaceSpec, SurfaceInfo, SurfacePoint>, 'createJobs'>;

/**
 * One network as a job: `run`'s training steps (a loss read every `metricsEvery`), then one row of
 * its slice per step, on the run's fixed training subset. Disposing the job writes the trained
 * weights back and frees the run.
 */
export function surfaceJob(tf: typeof Tf, run: LabRun, grid: SurfaceOptions, metricsEvery: number): Job<SurfacePoint> {
  let scan: SurfaceScan | null = null;
  let result: SurfaceResult | null = null;
  return {
    get finished() {
      return result !== null;
    },
    step() {
      if (!run.finished) {
        run.trainStep();
        return;
      }
      scan ??= new SurfaceScan(tf, run.model, run.subset, grid);
      scan.queueRow();
    },
    due() {
      if (scan) return scan.rowQueued;
      return run.step > 0 && (run.step % metricsEvery === 0 || run.finished);
    },
    async measure() {
      if (scan) {
        const progress = await scan.readRow();
        if (scan.finished) {
          const surface = scan.result();
          result = { surface, roughness: roughness(surface), localMinima: localMinima(surface) };
          scan.dispose();
        }
        return { losses: [], value: { phase: 'surface', ...progress, result } };
      }
      const { trainLoss } = await run.run.readWindow();
      return { losses: [trainLoss], value: { phase: 'train', step: run.step, steps: run.steps, trainLoss } };
    },
    dispose() {
      scan?.dispose();
      run.dispose();
    },
  };
}

/** The pair of `spec` as jobs, plain first. */
export const createSurfaceJobs: JobHost<SurfaceSpec, SurfaceInfo, SurfacePoint>['createJobs'] = async (
  spec,
  context,
) => {
  validateSurfaceOptions(spec.grid);
  const [depth, ...others] = spec.config.depths;
  if (depth === undefined || others.length > 0)
    throw new Error(`A surface is computed for one depth (got ${spec.config.depths.join(', ') || 'none'}).`);
  const dataset = prepareDataset(await context.dataset(spec.config.dataset), spec.config);
  const jobs: PlannedJob<SurfaceInfo, SurfacePoint>[] = [];
  for (const family of spec.config.families) {
    const run = new LabRun(context.tf, dataset, spec.config, family, depth);
    const key = runKey(family, depth);
    const info = { key, family, depth, steps: run.steps, points: spec.grid.resolution ** 2 };
    jobs.push({ key, info, job: surfaceJob(context.tf, run, spec.grid, spec.config.metricsEvery) });
  }
  return jobs;
};

/** The island's session. */
export function createSurfaceSession(host: SurfaceHost): JobSession<SurfaceSpec, SurfaceInfo, SurfacePoint> {
  return new JobSession({ ...host, createJobs: createSurfaceJobs });
}
