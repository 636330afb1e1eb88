// The newsroom's import screens, for admins only (registered from newsroom.ts): the form and list at
// /admin/import, the upload that starts a job, the job's page and its progress as JSON for the page's
// script. The job itself runs on the server (import/jobs/import-job-runner.ts), not in the request.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { renderAdmin, setFlash } from '../../admin/auth/render.js';
import { MINUTE_MS } from '../../admin/auth/request-limits.js';
import { DomainError } from '../../http/errors.js';
import { idParam } from '../../http/request-params.js';
import { isCutOffUpload } from '../../media/admin/upload-body.js';
import type { Database } from '../../storage/schema.js';
import { importJob, recentImportJobs, startImportJob, tooLargeMessage } from '../jobs/import-jobs.js';
import { DEFAULT_FORM, type ImportFormValues, jobOptions, readImportForm } from './import-form.js';
import { ImportJobPage } from './job-page.js';
import { ImportListPage } from './list-page.js';
import { keepUpload, readExportUploads, uploadedExport } from './upload-body.js';

export interface ImportScreenDeps {
  db: Kysely<Database>;
  clock: () => Date;
  /** Where uploads wait for their job (IMPORT_DIR), and the largest taken (IMPORT_MAX_MB). */
  uploads: { dir: string; maxBytes: number };
}

const adminOnly = { config: { permission: 'admin' as const } };
type IdParams = { Params: { id: string } };

const CUT_OFF =
  'The upload did not arrive whole: the connection ended before the end of the file. Nothing was kept; please upload it again.';

function jobId(request: FastifyRequest<IdParams>): number {
  return idParam(request.params.id, 'There is no such import.');
}

export function importAdminRoutes(deps: ImportScreenDeps) {
  const { db, uploads } = deps;
  const maxMb = Math.round(uploads.maxBytes / 1024 / 1024);

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    values: ImportFormValues,
    error?: DomainError,
  ) {
    return renderAdmin(request, reply, {
      title: 'Import',
      status: error?.status,
      body: (
        <ImportListPage
          csrfToken={request.csrfToken}
          jobs={await recentImportJobs(db)}
          values={values}
          maxMb={maxMb}
          errors={error?.fields}
          message={error?.message}
        />
      ),
    });
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/import', adminOnly, (request, reply) => listPage(request, reply, DEFAULT_FORM));

    app.get<IdParams>('/admin/import/:id', adminOnly, async (request, reply) => {
      const job = await importJob(db, jobId(request));
      return renderAdmin(request, reply, {
        title: `Import of ${job.fileName}`,
        assets: job.status === 'queued' || job.status === 'running' ? ['import.js'] : [],
        body: <ImportJobPage job={job} />,
      });
    });

    app.get<IdParams>('/admin/import/:id/progress', adminOnly, async (request, reply) => {
      const job = await importJob(db, jobId(request));
      return reply
        .header('cache-control', 'no-store')
        .send({ status: job.status, progress: job.progress, error: job.error });
    });

    // Its own context: only the upload takes a multipart body, streamed to a file.
    await app.register(async (upload) => {
      await readExportUploads(upload, uploads);
      upload.setErrorHandler((error, request, reply) => {
        if (!isCutOffUpload(error)) throw error;
        reply.header('connection', 'close');
        return listPage(
          request,
          reply,
          DEFAULT_FORM,
          new DomainError('UPLOAD_CUT_OFF', 400, CUT_OFF, { file: CUT_OFF }),
        );
      });

      upload.post(
        '/admin/import',
        {
          config: { permission: 'admin', limit: { max: 20, windowMs: MINUTE_MS } },
          // Refused before the body is read when the browser says it is far too large.
          onRequest: async (request, reply) => {
            const length = Number(request.headers['content-length']);
            if (!Number.isFinite(length) || length <= uploads.maxBytes + 1024 * 1024) return;
            reply.header('connection', 'close');
            const message = tooLargeMessage(uploads.maxBytes);
            return listPage(
              request,
              reply,
              DEFAULT_FORM,
              new DomainError('TOO_LARGE', 413, message, { file: message }),
            );
          },
        },
        async (request, reply) => {
          const values = readImportForm(request.body);
          const file = uploadedExport(request.body);
          let id: number;
          try {
            id = await startImportJob(db, {
              file,
              options: jobOptions(values),
              staffId: request.staff!.id,
              maxBytes: uploads.maxBytes,
              now: deps.clock(),
            });
          } catch (error) {
            if (!(error instanceof DomainError) || error.status >= 500) throw error;
            const refusal = file?.tooLarge
              ? new DomainError('TOO_LARGE', 413, error.message, error.fields)
              : error;
            return listPage(request, reply, values, refusal);
          }
          keepUpload(request);
          setFlash(reply, {
            kind: 'ok',
            text: 'The import has started. It runs on the server; this page follows it.',
          });
          return reply.redirect(`/admin/import/${id}`, 303);
        },
      );
    });
  };
}
