/**
 * The backend in plain words for the status line of every demo, e.g. "Training on your processor
 * (no usable GPU found) — about 1 min". The raw diagnostic stays available behind "Why?"
 * (./BackendBadge.tsx). DOM-free.
 */
import type { BackendReport } from '../../src/training/backend.ts';

/** "about 1 min", "under a minute" or "about 40 s" from milliseconds. */
export function roughDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 45_000) return ms < 10_000 ? 'a few seconds' : `about ${String(Math.round(ms / 10_000) * 10)} s`;
  return `about ${String(Math.max(1, Math.round(ms / 60_000)))} min`;
}

/** Where training runs, in words a reader knows. */
export function backendSentence(report: BackendReport | null, estimateMs: number | null = null): string {
  if (!report) return 'Trains in your browser when you start it.';
  const gpu = report.backend === 'webgpu' || report.backend === 'webgl';
  const where = gpu ? 'Training on your graphics card' : 'Training on your processor';
  const why = report.forced ? ' (as the address asks)' : !gpu && report.reason ? ' (no usable GPU found)' : '';
  const time = estimateMs === null ? '' : roughDuration(estimateMs);
  return `${where}${why}${time ? ` — ${time}` : ''}`;
}

/** The raw diagnostic: the engine's own name for the backend, the device and the fallback reason. */
export function backendDiagnostic(report: BackendReport): string {
  const parts = [`Backend: ${report.label}${report.forced ? ' (forced)' : ''}`];
  if (report.device) parts.push(`on ${report.device}.`);
  else parts[0] += '.';
  if (report.reason) parts.push(`Not a GPU backend because ${report.reason}.`);
  return parts.join(' ');
}
