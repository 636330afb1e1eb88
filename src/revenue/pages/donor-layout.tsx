// The frame of every page about one donor's gifts: the site's layout, never indexed, and (while a payment is
// being confirmed) a refresh that needs no script.
import type { ComponentChildren } from 'preact';
import type { SiteContext } from '../../site/site-context.js';
import { Layout } from '../../views/layout.js';

export function DonorLayout(props: {
  ctx: SiteContext;
  title: string;
  refreshSeconds?: number;
  children: ComponentChildren;
}) {
  return (
    <Layout
      ctx={props.ctx}
      head={
        <>
          <title>{`${props.title} – ${props.ctx.settings.siteName}`}</title>
          <meta name="robots" content="noindex" />
          {/* A meta refresh is not script: the strict CSP allows it, and it works without JavaScript. */}
          {props.refreshSeconds && <meta http-equiv="refresh" content={String(props.refreshSeconds)} />}
        </>
      }
    >
      <div class="support-page">{props.children}</div>
    </Layout>
  );
}
