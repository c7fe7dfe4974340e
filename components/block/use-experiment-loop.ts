/**
 * The lifecycle shared by the block playground's experiment islands: a generation counter for
 * cancellation, pausing while the island is off-screen or the tab is hidden, and teardown on
 * removal. DOM access happens only inside effects.
 */
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/** Whether the element is on screen and its tab visible; updated live. */
export function useOnScreen(ref: RefObject<Element>): boolean {
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let inView = true;
    const update = (): void => setVisible(inView && document.visibilityState === 'visible');
    const observer = new IntersectionObserver((entries) => {
      inView = entries.some((e) => e.isIntersecting);
      update();
    });
    observer.observe(el);
    const controller = new AbortController();
    document.addEventListener('visibilitychange', update, { signal: controller.signal });
    return () => {
      observer.disconnect();
      controller.abort();
    };
  }, [ref]);
  return visible;
}

/** True when the reader asked for less motion. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** A generation counter: `next()` cancels everything started under the previous generation. */
export function useGeneration(): { current: () => number; next: () => number; isCurrent: (g: number) => boolean } {
  const gen = useRef(0);
  useEffect(
    () => () => {
      gen.current += 1;
    },
    [],
  );
  return {
    current: () => gen.current,
    next: () => (gen.current += 1),
    isCurrent: (g) => g === gen.current,
  };
}

/** Resolves on the next frame (or at once-ish when frames are throttled in a hidden tab). */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
