/**
 * Opens the LeNet demo's training session: loads the engine client and the session connector on
 * demand (never with the page), with the end-to-end tests' overrides (`window.__demoTestHooks`),
 * and reports a failed connection as a retryable training error.
 */
import type { DemoTestHooks, EngineClient } from '../../src/training/client.ts';
import type { TrainingConfig } from '../../src/training/hyperparams.ts';
import { LENET_MNIST } from '../../src/training/presets.ts';
import type { SessionEvent } from '../../src/training/protocol.ts';
import { dataUrl } from '../demo/use-session.ts';

export async function openLenetClient(
  config: TrainingConfig,
  onEvent: (event: SessionEvent) => void,
): Promise<EngineClient> {
  const hooks = (window as { __demoTestHooks?: DemoTestHooks }).__demoTestHooks;
  const [{ EngineClient }, { connect }] = await Promise.all([
    import('../../src/training/client.ts'),
    import('../../src/demos/connect.ts'),
  ]);
  return EngineClient.start({
    preset: LENET_MNIST,
    config: { ...config, ...hooks?.config },
    search: window.location.search,
    dataUrl: dataUrl(),
    onEvent,
    hooks,
    open: (receive) =>
      connect('lenet', receive, {
        mainThread: hooks?.mainThread === true,
        onFailure: (message) =>
          onEvent({
            type: 'error',
            id: null,
            message: `Training stopped: ${message}.`,
            kind: 'training',
            retryable: true,
          }),
      }),
  });
}
