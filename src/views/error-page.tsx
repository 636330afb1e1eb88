// The styled error pages. They say what happened and where to go, and never how the server failed.
import { Layout, type ShellContext } from './layout.js';

const TITLES: Record<number, string> = {
  400: 'That request did not make sense',
  401: 'Please sign in',
  403: 'Not allowed',
  404: 'Page not found',
  409: 'Something changed meanwhile',
  429: 'Slow down a little',
  500: 'Something went wrong on our side',
  503: 'Back in a moment',
};

export function ErrorPage(props: { ctx: ShellContext; status: number; message: string }) {
  const title = TITLES[props.status] ?? TITLES[500]!;
  return (
    <Layout
      ctx={props.ctx}
      head={
        <>
          <title>{`${title} – ${props.ctx.settings.siteName}`}</title>
          <meta name="robots" content="noindex" />
        </>
      }
    >
      <div class="error-page">
        <h1>{title}</h1>
        <p>{props.message}</p>
        <p>
          <a href="/">Go to the front page</a>
        </p>
      </div>
    </Layout>
  );
}
