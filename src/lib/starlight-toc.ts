/**
 * Stands in for Starlight's table-of-contents element (aliased in astro.config.mjs), with the same
 * behaviour: the link of the section being read is marked `aria-current`, from an
 * IntersectionObserver over the headings and the elements between them.
 *
 * Starlight finds those elements with one selector list built on `:has()`, run twice per page (the
 * desktop and the mobile contents each run it) once the browser is first idle. On a chapter with
 * long sections of math that query alone took 30 to 50 ms on this machine, four times that on the
 * phone Lighthouse emulates: the page's longest tasks after loading. {@link tocTargets} finds the
 * same elements with one walk up from each heading.
 */
import { PAGE_TITLE_ID, tocHeadingSelector, tocTargets } from './toc-targets.ts';

export class StarlightTOC extends HTMLElement {
  private currentLink: HTMLAnchorElement | null = this.querySelector('a[aria-current="true"]');
  /** Matches the headings that can appear in these contents (levels from Starlight's data attributes). */
  protected readonly tocHeadingSelector = tocHeadingSelector(
    parseInt(this.dataset['minH'] || '2', 10),
    parseInt(this.dataset['maxH'] || '3', 10),
  );

  set current(link: HTMLAnchorElement) {
    if (link === this.currentLink) return;
    this.currentLink?.removeAttribute('aria-current');
    link.setAttribute('aria-current', 'true');
    this.currentLink = link;
  }

  protected onIdle = (callback: () => void): void => {
    if ('requestIdleCallback' in window) window.requestIdleCallback(callback);
    else setTimeout(callback, 1);
  };

  constructor() {
    super();
    this.onIdle(() => this.init());
  }

  private init = (): void => {
    const links = [...this.querySelectorAll('a')];
    const isHeading = (element: Element) => element.matches(this.tocHeadingSelector);
    /** The heading of the section an element belongs to: walk back through the document. */
    const headingOf = (start: Element): Element | null => {
      let element: Element | null = start;
      while (element) {
        if (element.matches('.sl-markdown-content, main > *')) return document.getElementById(PAGE_TITLE_ID);
        if (isHeading(element)) return element;
        const inner = element.querySelector(this.tocHeadingSelector);
        if (inner) return inner;
        let previous: Element | null = element.previousElementSibling;
        while (previous?.lastElementChild) previous = previous.lastElementChild;
        element = previous ?? element.parentElement;
      }
      return null;
    };
    const setCurrent = (entries: IntersectionObserverEntry[]) => {
      for (const { isIntersecting, target } of entries) {
        if (!isIntersecting) continue;
        const heading = headingOf(target);
        if (!heading) continue;
        const link = links.find((candidate) => candidate.hash === '#' + encodeURIComponent(heading.id));
        if (link) {
          this.current = link;
          break;
        }
      }
    };

    const targets = tocTargets(this.tocHeadingSelector);
    let observer: IntersectionObserver | undefined;
    const observe = () => {
      if (observer) return;
      observer = new IntersectionObserver(setCurrent, { rootMargin: this.rootMargin() });
      for (const target of targets) observer.observe(target);
    };
    observe();

    let timeout: ReturnType<typeof setTimeout> | undefined;
    window.addEventListener('resize', () => {
      observer?.disconnect();
      observer = undefined;
      clearTimeout(timeout);
      timeout = setTimeout(() => this.onIdle(observe), 200);
    });
  };

  /** Intersections start below the header (and the mobile contents bar), plus 2rem. */
  private rootMargin(): string {
    const top =
      (document.querySelector('header')?.getBoundingClientRect().height || 0) +
      (this.querySelector('summary')?.getBoundingClientRect().height || 0) +
      32;
    return `-${top}px 0% ${top + 53 - document.documentElement.clientHeight}px`;
  }
}

customElements.define('starlight-toc', StarlightTOC);
