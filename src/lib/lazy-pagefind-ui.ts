/**
 * Stands in for `@pagefind/default-ui` in Starlight's search box (aliased in astro.config.mjs).
 * Starlight builds Pagefind's search form as soon as the browser is idle after every page load:
 * some 90 KB of script run and a form built that most readers never open, on the main thread
 * while a phone is still laying out the page. This builds it when the search dialog first opens,
 * then puts the cursor in its field, as Starlight would have.
 */

/** The options Starlight passes; only `element` (the selector of the form's mount point) is read here. */
interface PagefindOptions {
  element: string;
  [option: string]: unknown;
}

/** Builds the real form once, then focuses its field. */
async function build(options: PagefindOptions, dialog: HTMLDialogElement | null): Promise<void> {
  // A path, not the package name, so that the alias of the package name does not catch it.
  // @ts-expect-error Pagefind's UI ships no types.
  const { PagefindUI } = (await import('@pagefind/default-ui/npm_dist/mjs/ui-core.mjs')) as {
    PagefindUI: new (options: PagefindOptions) => unknown;
  };
  new PagefindUI(options);
  dialog?.querySelector('input')?.focus();
}

export class PagefindUI {
  constructor(options: PagefindOptions) {
    const dialog = document.querySelector(options.element)?.closest('dialog') ?? null;
    if (!dialog) {
      void build(options, null);
      return;
    }
    // Starlight makes this object when the page is first idle; a reader may have opened the dialog before.
    if (dialog.open) {
      void build(options, dialog);
      return;
    }
    const observer = new MutationObserver(() => {
      if (!dialog.open) return;
      observer.disconnect();
      void build(options, dialog);
    });
    observer.observe(dialog, { attributes: true, attributeFilter: ['open'] });
  }
}
