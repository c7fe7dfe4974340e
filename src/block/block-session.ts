/**
 * The block playground's experiments (learning the identity, the lesion study) as jobs of the
 * engine's job session (src/training/job-session.ts), so they train in the worker like every
 * other demo. DOM-free.
 */
import type { JobEvent, JobHost, JobRequest } from '../training/job-session.ts';
import { JobSession } from '../training/job-session.ts';
import { IdentityExperiment, identityJob, type IdentityConfig, type IdentityPoint } from './identity-experiment.ts';
import { LesionExperiment, lesionJob, type LesionConfig, type LesionProgress } from './lesion.ts';

/** One experiment of the playground. */
export type BlockSpec =
  | { readonly experiment: 'identity'; readonly config: IdentityConfig }
  | { readonly experiment: 'lesion'; readonly config: LesionConfig };

/** What the page knows about the experiment before it runs. */
export interface BlockInfo {
  readonly key: BlockSpec['experiment'];
  readonly steps: number;
}

/** A measurement: both losses (identity), or progress and, at the end, the lesion curves. */
export type BlockPoint = IdentityPoint | LesionProgress;

export type BlockRequest = JobRequest<BlockSpec>;
export type BlockEvent = JobEvent<BlockInfo, BlockPoint>;

/** The playground's host: the engine's, with the playground's jobs. */
export type BlockHost = Omit<JobHost<BlockSpec, BlockInfo, BlockPoint>, 'createJobs'>;

/** The one job of an experiment. */
export const createBlockJobs: JobHost<BlockSpec, BlockInfo, BlockPoint>['createJobs'] = async (spec, context) => {
  if (spec.experiment === 'identity') {
    const experiment = new IdentityExperiment(context.tf, spec.config);
    return [{ key: 'identity', info: { key: 'identity', steps: spec.config.steps }, job: identityJob(experiment) }];
  }
  const experiment = new LesionExperiment(context.tf, await context.dataset('mnist'), spec.config);
  return [{ key: 'lesion', info: { key: 'lesion', steps: experiment.totalSteps }, job: lesionJob(experiment) }];
};

/** The playground's session. */
export function createBlockSession(host: BlockHost): JobSession<BlockSpec, BlockInfo, BlockPoint> {
  return new JobSession({ ...host, createJobs: createBlockJobs });
}
