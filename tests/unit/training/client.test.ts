/**
 * The LeNet demo's client keeps, for end-to-end tests that ask for it, the ids of requests the
 * session has not answered yet: a test waits on that list to know the demo has settled.
 */
import { describe, expect, it } from 'vitest';
import { EngineClient, type DemoTestHooks } from '../../../src/training/client.ts';
import { LENET_MNIST } from '../../../src/training/presets.ts';
import type { Request, SessionEvent } from '../../../src/training/protocol.ts';

async function clientWith(hooks: DemoTestHooks | undefined) {
  const posted: Request[] = [];
  let deliver: (event: SessionEvent) => void = () => undefined;
  const client = await EngineClient.start({
    preset: LENET_MNIST,
    config: LENET_MNIST.config,
    search: '',
    dataUrl: 'https://example.test/data/',
    onEvent: () => undefined,
    hooks,
    open: (onEvent) => {
      deliver = onEvent;
      return { post: (request) => posted.push(request), close: () => undefined, thread: 'worker' as const };
    },
  });
  return { client, posted, deliver: (event: SessionEvent) => deliver(event) };
}

describe('EngineClient test hooks', () => {
  it('lists every request until an event with its id answers it', async () => {
    const hooks: DemoTestHooks = { events: [], awaiting: [] };
    const { client, posted, deliver } = await clientWith(hooks);
    const start = client.send({ type: 'start' });
    const pause = client.send({ type: 'pause' });
    client.predict(new Float32Array(784));
    expect(posted.map((r) => r.type)).toEqual(['init', 'start', 'pause', 'predict']);
    expect(hooks.awaiting).toEqual(posted.map((r) => r.id));

    // State and run-level errors answer nothing.
    const memory = { numTensors: 0, numBytes: 0, gpuBytes: null };
    deliver({ type: 'state', state: 'running', generation: 1, step: 1, totalSteps: 10, memory });
    deliver({ type: 'error', id: null, message: 'x', kind: 'training', retryable: true });
    expect(hooks.awaiting).toHaveLength(4);

    deliver({ type: 'ack', id: pause });
    deliver({ type: 'error', id: start, message: 'y', kind: 'request', retryable: false });
    const predict = posted[3]?.id ?? -1;
    deliver({ type: 'prediction', id: predict, probabilities: new Float32Array(10), count: 1 });
    expect(hooks.awaiting).toEqual([posted[0]?.id]);
  });

  it('keeps no list when the test did not ask for one', async () => {
    const hooks: DemoTestHooks = { events: [] };
    const { client, posted } = await clientWith(hooks);
    client.send({ type: 'reset' });
    expect(posted).toHaveLength(2);
    expect(hooks).not.toHaveProperty('awaiting');
  });
});
