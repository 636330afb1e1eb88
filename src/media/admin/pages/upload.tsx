// The upload form: a file picker that is also a drop zone, then the image's words and rights. It posts as a
// plain multipart form; with the media script it uploads in place with progress and errors beside fields.

import { CsrfField } from '../../../admin/views/admin-layout.js';
import { ErrorSummary } from '../../../admin/views/form.js';
import type { FieldErrors } from '../../../http/errors.js';
import { MAX_UPLOAD_BYTES } from '../../library.js';
import type { DetailValues } from '../detail-values.js';
import { DetailsFields, labelledErrors } from './details-fields.js';

const ACCEPT = 'image/jpeg,image/png,image/webp,image/avif,image/gif';

export function UploadPage(props: {
  csrfToken: string;
  values: DetailValues;
  errors?: FieldErrors;
  message?: string;
  /** Where the picker wants to go back to; kept through the upload. */
  returnTo: string | null;
}) {
  const errors = labelledErrors(props.errors ?? {});
  const fileError = errors.file;
  return (
    <>
      <p>
        <a
          href={
            props.returnTo
              ? `/admin/media/picker?return=${encodeURIComponent(props.returnTo)}`
              : '/admin/media'
          }
        >
          ← Back to the library
        </a>
      </p>
      <h1>Upload an image</h1>
      <div data-upload-message>
        <ErrorSummary message={props.message} errors={errors} />
      </div>
      <form
        method="post"
        action="/admin/media"
        enctype="multipart/form-data"
        class="panel upload-form"
        data-upload
        data-max-bytes={String(MAX_UPLOAD_BYTES)}
      >
        <CsrfField token={props.csrfToken} />
        {props.returnTo && <input type="hidden" name="return" value={props.returnTo} />}
        <div class="field dropzone" data-dropzone>
          <label for="f-file">Image file</label>
          <input
            type="file"
            id="f-file"
            name="file"
            accept={ACCEPT}
            required
            aria-describedby={`f-file-hint${fileError ? ' f-file-error' : ''}`}
            aria-invalid={fileError ? 'true' : undefined}
          />
          <p class="hint" id="f-file-hint">
            Choose a file, or drop one here. JPEG, PNG, WebP, AVIF or GIF, up to{' '}
            {Math.round(MAX_UPLOAD_BYTES / 1024 / 1024)} MB. The type is checked from the file itself;
            location and camera data are removed.
          </p>
          {fileError && (
            <p class="field-error" id="f-file-error">
              {fileError}
            </p>
          )}
          <p class="dropzone-chosen" data-chosen aria-live="polite" />
        </div>
        <DetailsFields values={props.values} errors={errors} />
        <div class="upload-progress" data-progress hidden>
          <progress max={100} value={0} aria-labelledby="upload-progress-label" />
          <span id="upload-progress-label" aria-live="polite" />
        </div>
        <button type="submit">Upload image</button>
      </form>
    </>
  );
}
