// The import screen: the form that uploads a WordPress or Ghost export and starts its job, and the list of
// past and running imports (each opens its progress or its report).
import { CsrfField } from '../../admin/views/admin-layout.js';
import { ErrorSummary, Field } from '../../admin/views/form.js';
import type { FieldErrors } from '../../http/errors.js';
import type { ImportJob } from '../jobs/import-jobs.js';
import type { ImportFormValues } from './import-form.js';

export const STATUS_LABELS = {
  queued: 'Waiting',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
} as const;
const SYSTEM_LABELS = { wordpress: 'WordPress', ghost: 'Ghost' } as const;

export function When(props: { iso: string | null }) {
  if (!props.iso) return <>—</>;
  const iso = new Date(props.iso).toISOString();
  return <time datetime={iso}>{`${iso.slice(0, 16).replace('T', ' ')} UTC`}</time>;
}

function Checkbox(props: { name: string; checked: boolean; label: string; hint: string }) {
  return (
    <div class="field">
      <label>
        <input
          type="checkbox"
          name={props.name}
          checked={props.checked}
          aria-describedby={`h-${props.name}`}
        />{' '}
        {props.label}
      </label>
      <p class="hint" id={`h-${props.name}`}>
        {props.hint}
      </p>
    </div>
  );
}

export function ImportListPage(props: {
  csrfToken: string;
  jobs: ImportJob[];
  values: ImportFormValues;
  maxMb: number;
  errors?: FieldErrors;
  message?: string;
}) {
  const { values } = props;
  return (
    <>
      <h1>Import from WordPress or Ghost</h1>
      <p>
        Bring a whole site across: posts become articles, pages become pages, categories (Ghost: primary tags)
        become sections, authors become bylines, and every old address answers with a redirect to its new one.
        Running the same export again changes nothing; a newer export of the same site updates what changed.
      </p>
      <ErrorSummary
        message={props.message}
        errors={props.errors}
        labels={{ file: 'Export file', mediaBaseUrl: 'Old site’s address' }}
      />
      <form method="post" action="/admin/import" enctype="multipart/form-data" class="panel" novalidate>
        <CsrfField token={props.csrfToken} />
        <div class="field">
          <label for="f-file">Export file</label>
          <input
            id="f-file"
            type="file"
            name="file"
            accept=".xml,.json,application/xml,text/xml,application/json"
            required
            aria-describedby="h-file"
            aria-invalid={props.errors?.file ? 'true' : undefined}
          />
          <p class="hint" id="h-file">
            WordPress: Tools → Export → All content (an .xml file). Ghost: Settings → Labs → Export your
            content (a .json file). Up to {props.maxMb} MB.
          </p>
          {props.errors?.file && <p class="field-error">{props.errors.file}</p>}
        </div>
        <Checkbox
          name="fetchMedia"
          checked={values.fetchMedia}
          label="Fetch images from the old site"
          hint="The export names its images but does not hold them: with this ticked, each is downloaded from the old site while it is still online, and any that cannot be fetched are listed in the report. Unticked, the articles are imported without their images."
        />
        <Field
          name="mediaBaseUrl"
          label="Old site’s address (optional)"
          type="url"
          value={values.mediaBaseUrl}
          errors={props.errors}
          placeholder="https://"
          hint="Where to fetch the images from, when it is not the address the export names (the site has moved, or its images are on another host)."
        />
        <Checkbox
          name="dryRun"
          checked={values.dryRun}
          label="Dry run"
          hint="Read the whole export and show the report of what would be imported, without writing anything."
        />
        <button type="submit">Start import</button>
      </form>
      <h2>Imports</h2>
      {props.jobs.length === 0 ? (
        <p>No imports yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">From</th>
              <th scope="col">Status</th>
              <th scope="col">Started</th>
            </tr>
          </thead>
          <tbody>
            {props.jobs.map((job) => (
              <tr key={job.id}>
                <td>
                  <a href={`/admin/import/${job.id}`}>{job.fileName}</a>
                  {job.options.dryRun && ' (dry run)'}
                </td>
                <td>{SYSTEM_LABELS[job.system]}</td>
                <td>{STATUS_LABELS[job.status]}</td>
                <td>
                  <When iso={job.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
