// The styled error page in the site's own shell; when the site context cannot be read (the database is
// down, or too slow to answer at once), the same page in a plain shell with the default name, so an error
// never causes another nor waits on the database that caused it.
import type { Assets } from '../http/assets.js';
import { ErrorPage } from '../views/error-page.js';
import { renderDocument, type ShellContext } from '../views/layout.js';
import { defaultSiteSettings } from './settings.js';
import type { SiteState } from './site-state.js';

// The context is almost always in memory already; reading it afresh gets this long.
const CONTEXT_WAIT_MS = 200;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export function errorPageRenderer(site: SiteState, assets: Assets) {
  const fallback: ShellContext = {
    settings: defaultSiteSettings,
    assets: { css: assets.path('site.css'), js: assets.path('site.js') },
    nav: [],
    logoHtml: null,
  };
  return async (status: number, message: string): Promise<string> => {
    const ctx = await Promise.race([site.context(), delay(CONTEXT_WAIT_MS).then(() => fallback)]).catch(
      () => fallback,
    );
    return renderDocument(<ErrorPage ctx={ctx} status={status} message={message} />);
  };
}
