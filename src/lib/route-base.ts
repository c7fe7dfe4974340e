/**
 * Starlight route middleware: the hero buttons a page lists in its frontmatter (`hero.actions`)
 * link to root-absolute addresses such as `/`; under a base path (`BASE_PATH`) they get the base in
 * front, as links in the MDX body do (see base-path.ts).
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { normalizeBase, withBase } from './base-path.ts';

export const onRequest = defineRouteMiddleware((context) => {
  const base = normalizeBase(import.meta.env.BASE_URL);
  for (const action of context.locals.starlightRoute.entry.data.hero?.actions ?? []) {
    action.link = withBase(base, action.link);
  }
});
