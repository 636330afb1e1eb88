// The first segments of every address the app answers (/admin, /articles, /feed.xml → admin, articles,
// feed), collected as routes are registered, so that a page chosen by an editor at the site's root can never
// hide one, including routes added later by any domain.
import type { FastifyInstance } from 'fastify';

export interface ReservedPaths {
  /** Whether `/<name>` (or `/<name>.<ext>`, `/<name>/…`) belongs to a registered route. */
  has(name: string): boolean;
  /** Every name reserved, for another thread or process to rebuild the set from (reservedPathsOf). */
  names(): string[];
}

export function reservedPathsOf(names: Iterable<string>): ReservedPaths {
  const set = new Set([...names].map((n) => n.toLowerCase()));
  return { has: (name) => set.has(name.toLowerCase()), names: () => [...set] };
}

/** Call before any route is registered: the hook sees every route of every plugin registered after it. */
export function collectReservedPaths(app: FastifyInstance): ReservedPaths {
  const names = new Set<string>();
  app.addHook('onRoute', (route) => {
    const first = route.url.split('/')[1] ?? '';
    // A parameter or wildcard at the root (the pages' own /:slug) reserves nothing.
    if (!first || first.startsWith(':') || first.startsWith('*')) return;
    names.add(first.toLowerCase());
    // /sitemap.xml and /sitemap-news.xml keep /sitemap and its family from pages too.
    const stem = first.toLowerCase().replace(/[.-].*$/, '');
    if (stem) names.add(stem);
  });
  return { has: (name) => names.has(name.toLowerCase()), names: () => [...names] };
}
