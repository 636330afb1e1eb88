// The styled error page in the site's own shell; when the site context cannot be read (the database is
// down), the same page in a plain shell with the default name, so an error never causes another.
import type { Assets } from '../http/assets.js';
import { ErrorPage } from '../views/error-page.js';
import { renderDocument, type ShellContext } from '../views/layout.js';
import { defaultSiteSettings } from './settings.js';
import type { SiteState } from './site-state.js';

export function errorPageRenderer(site: SiteState, assets: Assets) {
  const fallback: ShellContext = {
    settings: defaultSiteSettings,
    assets: { css: assets.path('site.css'), js: assets.path('site.js') },
    nav: [],
    logoHtml: null,
  };
  return async (status: number, message: string): Promise<string> => {
    const ctx = await site.context().catch(() => fallback);
    return renderDocument(<ErrorPage ctx={ctx} status={status} message={message} />);
  };
}
