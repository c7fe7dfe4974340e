/**
 * Where a demo trains, in plain words ("Training on your processor (no usable GPU found)"), with
 * the engine's raw diagnostic behind a "Why?" disclosure. The one status component of every demo.
 */
import type { BackendReport } from '../../src/training/backend.ts';
import { backendDiagnostic, backendSentence } from './backend-text.ts';

/** The "Why?" text before the engine has chosen. */
const BEFORE_START =
  'The backend is chosen when you start: your graphics card (WebGPU) where the browser offers a real one, otherwise your processor (WASM).';

export interface BackendBadgeProps {
  /** null until the engine has chosen. */
  readonly report: BackendReport | null;
  /** How long the run should take (or still takes), when known. */
  readonly estimateMs?: number | null;
}

export function BackendBadge({ report, estimateMs = null }: BackendBadgeProps) {
  return (
    <div class="demo-backend" data-testid="backend" data-backend={report?.backend ?? 'none'}>
      <span class="demo-backend-where">{backendSentence(report, estimateMs)}</span>
      {report?.notice ? (
        <span class="demo-backend-notice" role="note">
          {report.notice}
        </span>
      ) : null}
      <details class="demo-backend-why">
        <summary>Why?</summary>
        <span>{report ? backendDiagnostic(report) : BEFORE_START}</span>
      </details>
    </div>
  );
}
