/**
 * The depth lab as jobs of the engine's job session (src/training/job-session.ts): each network of
 * an experiment is a {@link LabRun} job, trained interleaved on identical batches, paused one by
 * one or all together. This file only says what an experiment is; the session, the driver and
 * the port are the engine's. DOM-free.
 */
import type { JobEvent, JobHost, JobRequest, PlannedJob } from '../training/job-session.ts';
import { JobSession } from '../training/job-session.ts';
import type { ExperimentConfig, Family } from './config.ts';
import { LabRun, labJob, prepareDataset, type LabPoint } from './experiment.ts';

/** What the page needs to know about one network before it trains. */
export interface RunInfo {
  readonly key: string;
  readonly family: Family;
  readonly depth: number;
  readonly params: number;
  readonly layers: readonly string[];
  readonly steps: number;
}

/** Main thread to the lab's session. */
export type LabRequest = JobRequest<ExperimentConfig>;

/** The lab's session to the main thread. */
export type LabEvent = JobEvent<RunInfo, LabPoint>;

/** The lab's host: the engine's, with the lab's jobs. */
export type LabHost = Omit<JobHost<ExperimentConfig, RunInfo, LabPoint>, 'createJobs'>;

/** Every network of `config` (depths x families), as jobs. */
export const createLabJobs: JobHost<ExperimentConfig, RunInfo, LabPoint>['createJobs'] = async (config, context) => {
  // The prepared copy at the size the nets train on, where there is one: a fraction of the bytes.
  const dataset = prepareDataset(await context.dataset(config.dataset, config.inputSize), config);
  const jobs: PlannedJob<RunInfo, LabPoint>[] = [];
  for (const depth of config.depths) {
    for (const family of config.families) {
      const run = new LabRun(context.tf, dataset, config, family, depth);
      const { key, params, layers } = run.record;
      jobs.push({ key, info: { key, family, depth, params, layers, steps: run.steps }, job: labJob(run) });
    }
  }
  return jobs;
};

/** The lab's session. */
export function createLabSession(host: LabHost): JobSession<ExperimentConfig, RunInfo, LabPoint> {
  return new JobSession({ ...host, createJobs: createLabJobs });
}
