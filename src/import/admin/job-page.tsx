// One import's page: while it runs, a progress bar and the counts per kind (kept current by the page's
// script polling the progress address every second; without the script, the Refresh link); once done, the
// report: counts, warnings with the item's title and old address, the redirects made; if it failed, why.

import type { ImportCount, ImportKind, ImportProgress, ImportReport } from '../import-contract.js';
import type { ImportJob } from '../jobs/import-jobs.js';
import { STATUS_LABELS, When } from './list-page.js';

export const KINDS: Array<[ImportKind, string]> = [
  ['people', 'People'],
  ['sections', 'Sections'],
  ['tags', 'Tags'],
  ['media', 'Media'],
  ['articles', 'Articles'],
  ['pages', 'Pages'],
  ['comments', 'Comments'],
  ['redirects', 'Redirects'],
];
const COLUMNS: Array<keyof ImportCount> = ['imported', 'updated', 'skipped', 'failed'];
const PHASES = { reading: 'Reading the export', writing: 'Writing', done: 'Finishing' } as const;
const WARNINGS_SHOWN = 200;
const REDIRECTS_SHOWN = 50;

function CountsTable(props: { counts: Record<ImportKind, ImportCount> | undefined }) {
  return (
    <table class="import-counts">
      <thead>
        <tr>
          <th scope="col">Kind</th>
          {COLUMNS.map((c) => (
            <th scope="col">{c[0]!.toUpperCase() + c.slice(1)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {KINDS.map(([kind, label]) => (
          <tr>
            <th scope="row">{label}</th>
            {COLUMNS.map((c) => (
              <td data-kind={kind} data-count={c}>
                {props.counts?.[kind]?.[c] ?? 0}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Progress(props: { job: ImportJob }) {
  const progress: ImportProgress | null = props.job.progress;
  const label = progress ? PHASES[progress.phase] : 'Waiting to start';
  return (
    <section id="import-progress" data-progress-url={`/admin/import/${props.job.id}/progress`}>
      <p>
        <label for="import-bar" id="import-phase">
          {label}
        </label>{' '}
        <span id="import-done">
          {progress ? `${progress.done}${progress.total ? ` of ${progress.total}` : ''} items` : ''}
        </span>
      </p>
      {progress?.total ? (
        <progress id="import-bar" max={progress.total} value={progress.done} />
      ) : (
        <progress id="import-bar" />
      )}
      <CountsTable counts={progress?.counts} />
      <p>
        The import runs on the server: you may leave this page and come back from{' '}
        <a href="/admin/import">Import</a>. <a href={`/admin/import/${props.job.id}`}>Refresh</a>
      </p>
    </section>
  );
}

/** Only the app's own addresses become links: an old site's address is shown, never followed from here. */
function NewAddress(props: { to: string }) {
  return props.to.startsWith('/') && !props.to.startsWith('//') ? (
    <a href={props.to}>{props.to}</a>
  ) : (
    <>{props.to}</>
  );
}

function Report(props: { report: ImportReport }) {
  const { report } = props;
  const warnings = report.warnings.slice(0, WARNINGS_SHOWN);
  const redirects = report.redirects.slice(0, REDIRECTS_SHOWN);
  return (
    <section id="import-report">
      <h2>Report</h2>
      {report.dryRun && (
        <p class="flash flash-ok">A dry run: nothing was written. This is what the import would do.</p>
      )}
      {report.empty && <p>This export holds no posts, pages or media: there was nothing to import.</p>}
      {report.sourceSite && (
        <p>
          From <code>{report.sourceSite}</code>.
        </p>
      )}
      <CountsTable counts={report.counts} />
      <h3>Warnings ({report.warnings.length})</h3>
      {report.warnings.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul class="import-warnings">
          {warnings.map((w) => (
            <li>
              <strong>{w.title}</strong>
              {w.oldUrl && (
                <>
                  {' '}
                  (<code>{w.oldUrl}</code>)
                </>
              )}
              : {w.message}
            </li>
          ))}
          {report.warnings.length > warnings.length && (
            <li>…and {report.warnings.length - warnings.length} more.</li>
          )}
        </ul>
      )}
      <h3>Redirects made ({report.redirects.length})</h3>
      {report.redirects.length === 0 ? (
        <p>None.</p>
      ) : (
        <table class="import-redirects">
          <thead>
            <tr>
              <th scope="col">Old address</th>
              <th scope="col">Now answers at</th>
            </tr>
          </thead>
          <tbody>
            {redirects.map((r) => (
              <tr>
                <td>
                  <code>{r.from}</code>
                </td>
                <td>
                  <NewAddress to={r.to} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.redirects.length > redirects.length && (
        <p>…and {report.redirects.length - redirects.length} more.</p>
      )}
    </section>
  );
}

export function ImportJobPage(props: { job: ImportJob }) {
  const { job } = props;
  return (
    <>
      <p>
        <a href="/admin/import">← Imports</a>
      </p>
      <h1>Import of {job.fileName}</h1>
      <p>
        {job.system === 'wordpress' ? 'WordPress' : 'Ghost'} export{job.options.dryRun ? ', dry run' : ''}.{' '}
        <span id="import-status">{STATUS_LABELS[job.status]}</span>. Uploaded <When iso={job.createdAt} />
        {job.finishedAt && (
          <>
            , finished <When iso={job.finishedAt} />
          </>
        )}
        .
      </p>
      {(job.status === 'queued' || job.status === 'running') && <Progress job={job} />}
      {job.status === 'failed' && (
        <div class="flash flash-error" role="alert">
          <p>The import failed.</p>
          <p id="import-error">{job.error}</p>
        </div>
      )}
      {job.status === 'done' && job.report && <Report report={job.report} />}
    </>
  );
}
