/**
 * The lesion experiment's figure: grouped bars of test accuracy with each block deleted, plain vs
 * residual, with the intact nets as lines, its key, and the same numbers as a table. A pure view
 * of the experiment's curves.
 */
import type { JSX } from 'preact';
import { formatAccuracy as pct, type LesionCurves } from '../../src/block/lesion-state.ts';
import type { LesionCurve } from '../../src/block/lesion.ts';

/** Grouped bars: accuracy with each block deleted, plain vs residual, and the intact nets as lines. */
function LesionChart({ plain, resnet }: { plain: LesionCurve; resnet: LesionCurve }): JSX.Element {
  const n = plain.deleted.length;
  // Drawn at 300 user units, a little under its width on a phone, so 12-unit text stays 11 px or
  // more there; on a wide screen it grows to 24rem at most (block.css).
  const w = 300;
  const h = 230;
  const left = 44;
  const right = 8;
  const bottom = 186;
  const slot = (w - left - right) / n;
  const y = (acc: number): number => bottom - acc * 150;
  return (
    <svg
      class="block-chart"
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label="Test accuracy with each block deleted, plain and residual"
    >
      {[0, 0.5, 1].map((t) => (
        <g key={t}>
          <line x1={left} x2={w - right} y1={y(t)} y2={y(t)} stroke="currentColor" stroke-opacity="0.2" />
          <text x={left - 4} y={y(t) + 4} text-anchor="end">
            {`${t * 100}%`}
          </text>
        </g>
      ))}
      {[plain, resnet].map((curve) => (
        <line
          key={`${curve.family}-intact`}
          class={curve.family === 'plain' ? 'plain' : 'residual'}
          data-tone={curve.family === 'plain' ? 'plain' : 'residual'}
          x1={left}
          x2={w - right}
          y1={y(curve.intact)}
          y2={y(curve.intact)}
          stroke-width="1.5"
        />
      ))}
      {plain.deleted.map((d, i) => {
        const r = resnet.deleted[i];
        const x = left + i * slot + slot * 0.15;
        const bw = slot * 0.33;
        return (
          <g key={d.blockId}>
            <rect class="plain" data-tone="plain" x={x} y={y(d.accuracy)} width={bw} height={bottom - y(d.accuracy)} />
            {r && (
              <rect
                class="residual"
                data-tone="residual"
                x={x + bw}
                y={y(r.accuracy)}
                width={bw}
                height={bottom - y(r.accuracy)}
              />
            )}
            <text x={x + bw} y={bottom + 16} text-anchor="middle">
              {i + 1}
            </text>
          </g>
        );
      })}
      <text x={left + (w - left - right) / 2} y={bottom + 34} text-anchor="middle">
        deleted block
      </text>
      <text x="12" y={y(0.5)} text-anchor="middle" transform={`rotate(-90 12 ${y(0.5)})`}>
        test accuracy
      </text>
    </svg>
  );
}

/** The chart's key: bars per family, and the (test, so solid) line of each intact net. */
function LesionKey(): JSX.Element {
  const sample = (tone: 'plain' | 'residual', bar: boolean) => (
    <svg class="demo-line-sample" width="24" height="10" viewBox="0 0 24 10" aria-hidden="true">
      {bar ? (
        <rect x="7" y="0" width="10" height="10" fill={`var(--wrw-${tone})`} />
      ) : (
        <line x1="1" x2="23" y1="5" y2="5" stroke={`var(--wrw-${tone})`} stroke-width="2" />
      )}
    </svg>
  );
  return (
    <ul class="demo-chart-key">
      <li>{sample('plain', true)}plain, one block deleted</li>
      <li>{sample('residual', true)}residual, one block deleted</li>
      <li>
        {sample('plain', false)}
        {sample('residual', false)}intact
      </li>
    </ul>
  );
}

/** The figure's numbers as a table that scrolls sideways on a phone. */
function LesionTable({ plain, resnet }: LesionCurves): JSX.Element {
  return (
    <div
      class="block-scroll wrw-scroll"
      tabIndex={0}
      role="group"
      aria-label="Accuracy per deleted block, a table that scrolls sideways"
    >
      <table class="block-table">
        <caption>Test accuracy with one block deleted</caption>
        <thead>
          <tr>
            <th scope="col">Deleted block</th>
            <th scope="col">Plain</th>
            <th scope="col">Residual</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">none (intact)</th>
            <td>{pct(plain.intact)}</td>
            <td>{pct(resnet.intact)}</td>
          </tr>
          {plain.deleted.map((d, i) => (
            <tr key={d.blockId}>
              <th scope="row">{d.label}</th>
              <td>{pct(d.accuracy)}</td>
              <td>{pct(resnet.deleted[i]?.accuracy ?? Number.NaN)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Key, chart and table of both nets' lesion curves. */
export function LesionFigure({ curves }: { curves: LesionCurves }): JSX.Element {
  return (
    <>
      <LesionKey />
      <LesionChart plain={curves.plain} resnet={curves.resnet} />
      <LesionTable plain={curves.plain} resnet={curves.resnet} />
    </>
  );
}
