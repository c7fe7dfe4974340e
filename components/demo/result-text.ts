/**
 * The one sentence each demo writes after a run, from that run's own numbers. DOM-free, so a unit
 * test can check each sentence against the numbers it reads.
 */

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

/** A ratio as "40×" or "2.5×". */
function ratio(high: number, low: number): string {
  return `${high / low >= 10 ? (high / low).toFixed(0) : (high / low).toFixed(1)}×`;
}

/** After the identity experiment: which stack reproduced its input better, and by how much. */
export function identityResult(plain: number, residual: number, steps: number): string {
  if (!Number.isFinite(plain) || !Number.isFinite(residual)) return '';
  const after = `After ${String(steps)} steps`;
  if (Math.max(plain, residual) <= 1.1 * Math.min(plain, residual))
    return `${after} both stacks copy their input about equally well (error ${plain.toPrecision(2)} plain, ${residual.toPrecision(2)} residual).`;
  if (residual < plain)
    return `${after} the residual stack's error is ${ratio(plain, residual)} lower than the plain stack's (${residual.toPrecision(2)} against ${plain.toPrecision(2)}): its shortcuts carry the input through.`;
  return `${after} the plain stack's error is ${ratio(residual, plain)} lower than the residual stack's (${plain.toPrecision(2)} against ${residual.toPrecision(2)}), unusually: try another seed.`;
}

/** Accuracy of a net intact and with each single block deleted. */
export interface LesionSummary {
  readonly intact: number;
  readonly deleted: readonly number[];
}

/** After the lesion experiment: the worst single deletion of each net, in accuracy points lost. */
export function lesionResult(plain: LesionSummary, residual: LesionSummary): string {
  const worst = (s: LesionSummary): number => Math.max(0, s.intact - Math.min(s.intact, ...s.deleted));
  const [p, r] = [worst(plain), worst(residual)];
  const points = (x: number): string => `${(100 * x).toFixed(1)} points`;
  const verdict =
    r < p
      ? 'the residual net shrugs off a missing block'
      : p < r
        ? 'here the plain net coped better'
        : 'both coped alike';
  return `Deleting one block cost the residual net at most ${points(r)} of test accuracy (from ${pct(residual.intact)}) and the plain net up to ${points(p)} (from ${pct(plain.intact)}): ${verdict}.`;
}

/** After the LeNet run: how far the loss fell and how many unseen digits the net now labels. */
export function lenetResult(run: {
  readonly firstLoss: number | null;
  readonly lastLoss: number | null;
  readonly testAccuracy: number | null;
  readonly steps: number;
  readonly elapsed: string;
}): string {
  const loss =
    run.firstLoss !== null && run.lastLoss !== null
      ? `the training loss fell from ${run.firstLoss.toFixed(2)} to ${run.lastLoss.toFixed(2)}`
      : 'the network trained';
  const test =
    run.testAccuracy === null
      ? ''
      : `, and it now labels ${pct(run.testAccuracy)} of test digits it never saw correctly`;
  return `In ${String(run.steps)} steps (${run.elapsed}) ${loss}${test}.`;
}

/** One network of a depth-lab run, as far as its result sentence needs it. */
export interface LabRunSummary {
  readonly family: 'plain' | 'resnet';
  readonly depth: number;
  /** Training error (0..1) as the chart ends on it: the last measured point. */
  readonly curve: readonly { readonly step: number; readonly trainError: number }[];
}

/**
 * After the depth lab: how the deepest net of each family ended against the shallowest, in
 * training error, and which family depth cost more. With one depth there is nothing to compare.
 */
export function labResult(runs: readonly LabRunSummary[]): string {
  const last = (r: LabRunSummary): number => r.curve.at(-1)?.trainError ?? Number.NaN;
  const measured = runs.filter((r) => Number.isFinite(last(r)));
  const steps = Math.max(0, ...measured.map((r) => r.curve.at(-1)?.step ?? 0));
  const ends = (family: LabRunSummary['family']) =>
    measured.filter((r) => r.family === family).sort((a, b) => a.depth - b.depth);
  const [plain, residual] = [ends('plain'), ends('resnet')];
  const [ps, pd, rs, rd] = [plain[0], plain.at(-1), residual[0], residual.at(-1)];
  if (!ps || !pd || !rs || !rd) return '';
  const name = (r: LabRunSummary): string => `${r.family === 'plain' ? 'plain' : 'ResNet'}-${String(r.depth)}`;
  const after = `After ${String(steps)} steps`;
  if (ps === pd || rs === rd)
    return `${after} ${name(pd)} is at ${pct(last(pd))} training error and ${name(rd)} at ${pct(last(rd))}; tick a second depth to see what depth does.`;
  const [p, r] = [last(pd) - last(ps), last(rd) - last(rs)];
  const verdict =
    Math.abs(p - r) < 0.005
      ? 'depth made about the same difference to both'
      : p > r
        ? 'depth cost the plain nets more than the residual ones'
        : 'here depth cost the residual nets more, unusually: try more steps';
  return `${after} ${name(pd)} is at ${pct(last(pd))} training error against ${pct(last(ps))} for ${name(ps)}, and ${name(rd)} at ${pct(last(rd))} against ${pct(last(rs))} for ${name(rs)}: ${verdict}.`;
}
