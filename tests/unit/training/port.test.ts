/**
 * The port with a fake worker and a fake main-thread session: requests reach the worker; a worker
 * that fails before it answers is replaced by the main-thread session, which gets every request
 * sent so far, in order; events arrive asynchronously from either side; close ends both.
 */
import { describe, expect, it } from 'vitest';
import { openPort, type PortService, type WorkerLike } from '../../../src/training/port.ts';
import { settle } from '../support/manual-yield.ts';

type Req = { readonly n: number };
type Ev = { readonly echo: number };

class FakeWorker implements WorkerLike {
  readonly received: unknown[] = [];
  terminated = false;
  private readonly listeners = new Map<string, ((event: never) => void)[]>();
  postMessage(message: unknown): void {
    this.received.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  addEventListener(type: string, listener: (event: never) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  emit(type: 'message' | 'error', event: object): void {
    for (const listener of this.listeners.get(type) ?? []) (listener as (e: object) => void)(event);
  }
  answer(data: Ev): void {
    this.emit('message', { data });
  }
  fail(message: string): void {
    this.emit('error', { message, preventDefault: () => undefined });
  }
}

/** A main-thread session that echoes every request as an event. */
function echoService() {
  const handled: number[] = [];
  let disposed = false;
  let started = 0;
  const start = (post: (event: Ev) => void): Promise<PortService<Req>> => {
    started += 1;
    return Promise.resolve({
      handle: (request: Req) => {
        handled.push(request.n);
        post({ echo: request.n });
      },
      dispose: () => {
        disposed = true;
      },
    });
  };
  return {
    start,
    handled,
    get disposed() {
      return disposed;
    },
    get started() {
      return started;
    },
  };
}

describe('openPort', () => {
  it('sends requests to the worker and relays its events', () => {
    const worker = new FakeWorker();
    const service = echoService();
    const events: Ev[] = [];
    const port = openPort<Req, Ev>({
      startWorker: () => worker,
      startMainThread: service.start,
      onEvent: (e) => events.push(e),
    });
    port.post({ n: 1 });
    worker.answer({ echo: 1 });
    port.post({ n: 2 });
    expect(worker.received).toEqual([{ n: 1 }, { n: 2 }]);
    expect(events).toEqual([{ echo: 1 }]);
    expect(port.thread).toBe('worker');
    expect(service.started).toBe(0);
    port.close();
    expect(worker.terminated).toBe(true);
    worker.answer({ echo: 2 });
    expect(events).toEqual([{ echo: 1 }]);
  });

  it('falls back to the main thread when the worker fails before answering, replaying every request', async () => {
    const worker = new FakeWorker();
    const service = echoService();
    const events: Ev[] = [];
    const reasons: string[] = [];
    const port = openPort<Req, Ev>({
      startWorker: () => worker,
      startMainThread: service.start,
      onEvent: (e) => events.push(e),
      onFallback: (reason) => reasons.push(reason),
    });
    port.post({ n: 1 });
    port.post({ n: 2 });
    worker.fail('module workers are not supported');
    expect(worker.terminated).toBe(true);
    expect(port.thread).toBe('main');
    // Posted while the main-thread session loads: queued behind the replay.
    port.post({ n: 3 });
    await settle();
    expect(service.handled).toEqual([1, 2, 3]);
    expect(events).toEqual([{ echo: 1 }, { echo: 2 }, { echo: 3 }]);
    expect(reasons).toEqual(['module workers are not supported']);
    port.post({ n: 4 });
    // Events from the main thread arrive in a microtask, never inside post().
    expect(events).toHaveLength(3);
    await settle();
    expect(events.at(-1)).toEqual({ echo: 4 });
    port.close();
    expect(service.disposed).toBe(true);
  });

  it('a worker that cannot even be constructed falls back at once', async () => {
    const service = echoService();
    const events: Ev[] = [];
    const port = openPort<Req, Ev>({
      startWorker: () => {
        throw new Error('no module workers');
      },
      startMainThread: service.start,
      onEvent: (e) => events.push(e),
    });
    port.post({ n: 7 });
    await settle();
    expect(port.thread).toBe('main');
    expect(events).toEqual([{ echo: 7 }]);
  });

  it('without a worker, the main thread serves from the start, silently', async () => {
    const service = echoService();
    const reasons: string[] = [];
    const events: Ev[] = [];
    const port = openPort<Req, Ev>({
      startWorker: null,
      startMainThread: service.start,
      onEvent: (e) => events.push(e),
      onFallback: (reason) => reasons.push(reason),
    });
    port.post({ n: 1 });
    await settle();
    expect(events).toEqual([{ echo: 1 }]);
    expect(reasons).toEqual([]);
  });

  it('a worker that fails after it answered is reported, not replaced', async () => {
    const worker = new FakeWorker();
    const service = echoService();
    const failures: string[] = [];
    const port = openPort<Req, Ev>({
      startWorker: () => worker,
      startMainThread: service.start,
      onEvent: () => undefined,
      onFailure: (message) => failures.push(message),
    });
    port.post({ n: 1 });
    worker.answer({ echo: 1 });
    worker.fail('out of memory');
    await settle();
    expect(failures).toEqual(['out of memory']);
    expect(port.thread).toBe('worker');
    expect(service.started).toBe(0);
  });

  it('closing while the main-thread session loads disposes it when it arrives', async () => {
    const service = echoService();
    const port = openPort<Req, Ev>({ startWorker: null, startMainThread: service.start, onEvent: () => undefined });
    port.post({ n: 1 });
    port.close();
    await settle();
    expect(service.disposed).toBe(true);
    expect(service.handled).toEqual([]);
  });
});
