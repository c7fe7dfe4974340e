/** Which TF.js backend runs, and why a better one was not used. */
import type { BackendReport } from '../../src/training/backend.ts';

export interface BackendBadgeProps {
  /** null until the engine has chosen. */
  readonly report: BackendReport | null;
}

/** A badge such as "WASM" with the fallback reason beside it. */
export function BackendBadge({ report }: BackendBadgeProps) {
  if (!report) {
    return (
      <p class="demo-backend" data-testid="backend">
        <span class="demo-badge" data-backend="none">
          Backend: not started
        </span>
      </p>
    );
  }
  return (
    <p class="demo-backend" data-testid="backend">
      <span class="demo-badge" data-backend={report.backend}>
        Backend: {report.label}
        {report.forced ? ' (forced)' : ''}
      </span>
      {report.device ? <span class="demo-backend-device"> on {report.device}</span> : null}
      {report.reason ? <span class="demo-backend-reason"> Not a GPU backend because {report.reason}.</span> : null}
      {report.notice ? (
        <span class="demo-backend-notice" role="note">
          {' '}
          {report.notice}
        </span>
      ) : null}
    </p>
  );
}
