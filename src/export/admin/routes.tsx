// The newsroom's export screen, for admins only (registered from newsroom.ts): what an export holds, and two
// buttons that download the site as the Broadsheet archive or as a WordPress WXR file, streamed straight
// into the response. The buttons post (with the session's CSRF token), so no link can start an export.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { renderAdmin } from '../../admin/auth/render.js';
import { CsrfField } from '../../admin/views/admin-layout.js';
import { type ExportDeps, streamExport } from '../create-export.js';
import { streamWxr } from '../wxr/write-wxr.js';

const adminOnly = { config: { permission: 'admin' as const } };

function ExportPage(props: { csrfToken: string }) {
  return (
    <section>
      <h1>Export the site</h1>
      <p>
        An export holds every article with all its revisions and corrections, the static pages, the media
        library with each image's details and original file, comments, author and staff profiles (never
        passwords or sessions), redirects, fronts and settings (never payment keys, API keys or other
        secrets).
      </p>
      <p>
        <strong>It includes readers' email addresses</strong> (those who commented): keep the file as
        carefully as the database, and delete it when it is no longer needed.
      </p>
      <form method="post" action="/admin/export/broadsheet" class="inline-form">
        <CsrfField token={props.csrfToken} />
        <button type="submit">Download the Broadsheet archive (.tar.gz)</button>
      </form>{' '}
      <form method="post" action="/admin/export/wxr" class="inline-form">
        <CsrfField token={props.csrfToken} />
        <button type="submit" class="secondary">
          Download for WordPress (WXR .xml)
        </button>
      </form>
      <p>
        The archive's format is documented with Broadsheet (docs/export-format.md) and is read back by{' '}
        <code>npm run import -- broadsheet</code>. WordPress reads the WXR file in Tools → Import → WordPress;
        its images are fetched from this site's addresses.
      </p>
    </section>
  );
}

function attachment(reply: FastifyReply, name: string, type: string): FastifyReply {
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff');
}

function stamp(now: Date): string {
  return now.toISOString().slice(0, 16).replace(/[-:T]/g, '');
}

export function exportAdminRoutes(deps: ExportDeps & { clock: () => Date }) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/export', adminOnly, async (request, reply) =>
      renderAdmin(request, reply, { title: 'Export', body: <ExportPage csrfToken={request.csrfToken} /> }),
    );

    app.post('/admin/export/broadsheet', adminOnly, async (_request, reply) => {
      const { stream } = await streamExport(deps);
      return attachment(reply, `broadsheet-export-${stamp(deps.clock())}.tar.gz`, 'application/gzip').send(
        stream,
      );
    });

    app.post('/admin/export/wxr', adminOnly, async (_request, reply) =>
      attachment(reply, `wordpress-export-${stamp(deps.clock())}.xml`, 'application/xml; charset=utf-8').send(
        streamWxr(deps),
      ),
    );
  };
}
