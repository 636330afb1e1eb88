// What every route of the API gets: the database, the site (its address and time zone), the page server.
import type { Kysely } from 'kysely';
import type { ServePublicPage } from '../../http/public-page.js';
import type { SiteState } from '../../site/site-state.js';
import type { Database } from '../../storage/schema.js';
import type { ShapeContext } from '../shapes/shape-context.js';

export interface WpRouteDeps {
  db: Kysely<Database>;
  site: SiteState;
  serve: ServePublicPage;
}

export async function shapeContext(site: SiteState): Promise<ShapeContext> {
  const ctx = await site.context();
  return { base: ctx.baseUrl, timeZone: ctx.settings.timeZone };
}

/** An id from the path (`/posts/12`): only digits without a leading zero reach the route, so an id has one address. */
export function pathId(value: string): number {
  return Number(value);
}
