/**
 * A pad to draw a digit on, with the mouse, a pen or a finger (pointer events), or with the
 * keyboard: arrows move a cursor, Space lowers or lifts the pen, Delete clears. Reports the ink
 * (224x224 intensities in [0, 1]) after each change, at most every 100 ms while drawing.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

const SIZE = 224;
const CELL = SIZE / 28;
const BRUSH = 9;

export interface DrawingPadProps {
  /** Called with SIZE x SIZE intensities, or null when the pad is cleared. */
  readonly onInk: (ink: Float32Array | null) => void;
  /** Fills the pad with a 28x28 uint8 digit (the keyboard-free and drawing-free alternative). */
  readonly loadDigit?: Uint8Array | null;
}

export function DrawingPad({ onInk, loadDigit }: DrawingPadProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [cursor, setCursor] = useState({ x: 14, y: 14 });
  const [penDown, setPenDown] = useState(false);
  const [focused, setFocused] = useState(false);
  const last = useRef<{ x: number; y: number } | null>(null);
  const lastReport = useRef(0);
  const pendingReport = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onInkRef = useRef(onInk);
  onInkRef.current = onInk;

  const context = () => canvas.current?.getContext('2d', { willReadFrequently: true }) ?? null;

  const report = (now = false) => {
    const run = () => {
      pendingReport.current = null;
      lastReport.current = performance.now();
      const ctx = context();
      if (!ctx) return;
      const data = ctx.getImageData(0, 0, SIZE, SIZE).data;
      const ink = new Float32Array(SIZE * SIZE);
      let any = false;
      for (let i = 0; i < ink.length; i += 1) {
        const v = (data[i * 4 + 3] ?? 0) / 255;
        ink[i] = v;
        any ||= v > 0;
      }
      onInkRef.current(any ? ink : null);
    };
    if (pendingReport.current) clearTimeout(pendingReport.current);
    const wait = now ? 0 : 100 - (performance.now() - lastReport.current);
    if (wait <= 0) run();
    else pendingReport.current = setTimeout(run, wait);
  };

  const stroke = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    const ctx = context();
    if (!ctx) return;
    ctx.strokeStyle = '#fff';
    ctx.fillStyle = '#fff';
    ctx.lineWidth = BRUSH * 2;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
  };

  const clear = () => {
    context()?.clearRect(0, 0, SIZE, SIZE);
    report(true);
  };

  useEffect(() => {
    if (!loadDigit) return;
    const ctx = context();
    if (!ctx) return;
    const image = new ImageData(28, 28);
    loadDigit.forEach((v, i) => {
      image.data[i * 4] = 255;
      image.data[i * 4 + 1] = 255;
      image.data[i * 4 + 2] = 255;
      image.data[i * 4 + 3] = v;
    });
    const small = new OffscreenCanvas(28, 28);
    small.getContext('2d')?.putImageData(image, 0, 0);
    ctx.clearRect(0, 0, SIZE, SIZE);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(small, 0, 0, SIZE, SIZE);
    report(true);
    // Only a new digit should redraw (report is stable in behaviour).
  }, [loadDigit]);

  useEffect(
    () => () => {
      if (pendingReport.current) clearTimeout(pendingReport.current);
    },
    [],
  );

  const point = (event: PointerEvent) => {
    const rect = (event.currentTarget as HTMLCanvasElement).getBoundingClientRect();
    return {
      x: ((event.clientX - rect.left) / rect.width) * SIZE,
      y: ((event.clientY - rect.top) / rect.height) * SIZE,
    };
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      const next = {
        x: Math.min(27, Math.max(0, cursor.x + move[0])),
        y: Math.min(27, Math.max(0, cursor.y + move[1])),
      };
      if (penDown) {
        stroke(
          { x: (cursor.x + 0.5) * CELL, y: (cursor.y + 0.5) * CELL },
          { x: (next.x + 0.5) * CELL, y: (next.y + 0.5) * CELL },
        );
        report();
      }
      setCursor(next);
    } else if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      const centre = { x: (cursor.x + 0.5) * CELL, y: (cursor.y + 0.5) * CELL };
      if (!penDown) {
        stroke(centre, centre);
        report(true);
      }
      setPenDown(!penDown);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      clear();
    }
  };

  return (
    <div class="lenet-pad">
      <div class="lenet-pad-frame">
        <canvas
          ref={canvas}
          width={SIZE}
          height={SIZE}
          tabIndex={0}
          role="img"
          aria-label={`Drawing pad. Arrow keys move the pen, Space ${penDown ? 'lifts' : 'lowers'} it, Delete clears.`}
          data-testid="drawing-pad"
          onPointerDown={(event) => {
            event.preventDefault();
            event.currentTarget.setPointerCapture(event.pointerId);
            const p = point(event);
            last.current = p;
            stroke(p, p);
            report();
          }}
          onPointerMove={(event) => {
            if (!last.current) return;
            const p = point(event);
            stroke(last.current, p);
            last.current = p;
            report();
          }}
          onPointerUp={() => {
            last.current = null;
            report(true);
          }}
          onPointerCancel={() => {
            last.current = null;
          }}
          onKeyDown={onKeyDown}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
        />
        {focused ? (
          <span
            class={`lenet-pad-cursor${penDown ? ' is-down' : ''}`}
            aria-hidden="true"
            style={{ left: `${((cursor.x + 0.5) / 28) * 100}%`, top: `${((cursor.y + 0.5) / 28) * 100}%` }}
          />
        ) : null}
      </div>
      <p class="lenet-pad-help">Keyboard: arrows move, Space lowers or lifts the pen, Delete clears.</p>
      <button type="button" onClick={clear}>
        Clear
      </button>
    </div>
  );
}
