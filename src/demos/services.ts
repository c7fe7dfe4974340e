/**
 * Every training session a demo can open, by name, with its typed requests and events: the one
 * registry behind the worker entry (./worker.ts) and its main-thread fallback (./connect.ts).
 * The top of the logic layers: it may import src/training, src/lab and src/block, and nothing
 * imports it but the wiring of this folder.
 */
import { createBlockSession, type BlockEvent, type BlockRequest } from '../block/block-session.ts';
import { createLabSession, type LabEvent, type LabRequest } from '../lab/lab-session.ts';
import { createSurfaceSession, type SurfaceEvent, type SurfaceRequest } from '../lab/surface-session.ts';
import { BROWSER_JOB_HOST, createBrowserSession } from '../training/browser-host.ts';
import type { PortService } from '../training/port.ts';
import type { Request, SessionEvent } from '../training/protocol.ts';

/** Requests and events of each service. */
export interface Services {
  /** The LeNet demo: one model, predictions, samples (src/training/protocol.ts). */
  readonly lenet: { readonly request: Request; readonly event: SessionEvent };
  /** The depth lab's networks (src/lab/lab-session.ts). */
  readonly lab: { readonly request: LabRequest; readonly event: LabEvent };
  /** The block playground's experiments (src/block/block-session.ts). */
  readonly block: { readonly request: BlockRequest; readonly event: BlockEvent };
  /** The reader's own loss-surface slices (src/lab/surface-session.ts). */
  readonly surface: { readonly request: SurfaceRequest; readonly event: SurfaceEvent };
}

/** A service name. */
export type ServiceName = keyof Services;

/** Whether `value` names a service. */
export function isServiceName(value: unknown): value is ServiceName {
  return value === 'lenet' || value === 'lab' || value === 'block' || value === 'surface';
}

/** Starts service `name` in this thread; it posts its events to `post`. */
export function createService<N extends ServiceName>(
  name: N,
  post: (event: Services[N]['event']) => void,
): PortService<Services[N]['request']> {
  switch (name) {
    case 'lenet':
      return createBrowserSession(post);
    case 'lab':
      return createLabSession({ ...BROWSER_JOB_HOST, post });
    case 'surface':
      return createSurfaceSession({ ...BROWSER_JOB_HOST, post });
    default:
      return createBlockSession({ ...BROWSER_JOB_HOST, post });
  }
}
