/**
 * An island's training session: opened through the one port (src/demos/connect.ts) when the
 * reader first starts the demo, never before, and closed (worker ended, tensors freed) when the
 * island is removed. Events go to the island's latest handler.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { ServiceName, Services } from '../../src/demos/services.ts';
import { parseBackendParam } from '../../src/training/backend.ts';
import type { Port } from '../../src/training/port.ts';

/** The site's data folder (with manifest.json) as an absolute URL, honouring the base path. */
export function dataUrl(): string {
  return new URL(`${import.meta.env.BASE_URL.replace(/\/?$/, '/')}data/`, window.location.href).href;
}

/** The backend asked for in the address (`?backend=`), for a session's init request. */
export function backendRequest(): {
  backend: ReturnType<typeof parseBackendParam>['requested'];
  backendNotice: string | null;
} {
  const request = parseBackendParam(window.location.search);
  return { backend: request.requested, backendNotice: request.notice };
}

/** What an island does with its session. */
export interface Session<N extends ServiceName> {
  /** Opens the session on first use; `fresh` is true when this call opened it. */
  open(): Promise<{ port: Port<Services[N]['request']>; fresh: boolean }>;
  /** Posts to the open session (nothing before it is open). */
  post(request: Services[N]['request']): void;
}

export function useSession<N extends ServiceName>(
  name: N,
  onEvent: (event: Services[N]['event']) => void,
  onFailure: (message: string) => void,
): Session<N> {
  const port = useRef<Port<Services[N]['request']> | null>(null);
  const handlers = useRef({ onEvent, onFailure });
  handlers.current = { onEvent, onFailure };
  useEffect(
    () => () => {
      port.current?.close();
      port.current = null;
    },
    [],
  );
  return {
    async open() {
      if (port.current) return { port: port.current, fresh: false };
      const { connect } = await import('../../src/demos/connect.ts');
      // Another open may have finished while this one loaded the module.
      if (port.current) return { port: port.current, fresh: false };
      const opened = connect(name, (event) => handlers.current.onEvent(event), {
        onFailure: (message) => handlers.current.onFailure(message),
      });
      port.current = opened;
      return { port: opened, fresh: true };
    },
    post(request) {
      port.current?.post(request);
    },
  };
}
