// One image: how it looks, its facts, where it is used and the state of its licence, and the form to change
// its words and rights (or, for a contributor who did not upload it, the same details read-only).

import { CsrfField } from '../../../admin/views/admin-layout.js';
import { ErrorSummary } from '../../../admin/views/form.js';
import type { FieldErrors } from '../../../http/errors.js';
import { creditLine } from '../../media.js';
import { Picture } from '../../picture.js';
import type { LibraryEntry } from '../browse.js';
import type { DetailValues } from '../detail-values.js';
import { imageLabel } from '../image-label.js';
import { DetailsFields, labelledErrors } from './details-fields.js';
import { ItemFacts } from './item-facts.js';
import { LicenceNote } from './licence-note.js';
import { UsesList } from './uses-list.js';

export function ItemPage(props: {
  entry: LibraryEntry;
  now: Date;
  timeZone: string;
  csrfToken: string;
  canEdit: boolean;
  values: DetailValues;
  errors?: FieldErrors;
  message?: string;
}) {
  const { entry, now, timeZone } = props;
  const { item } = entry;
  const errors = labelledErrors(props.errors ?? {});
  const credit = creditLine(item);
  return (
    <>
      <p>
        <a href="/admin/media">← Back to the library</a>
      </p>
      <h1>{imageLabel(item)}</h1>
      <div class="media-item">
        <figure class="media-item-figure">
          <Picture item={item} sizes="(min-width: 60rem) 28rem, 100vw" eager />
          <figcaption class="muted">
            {item.caption}
            {credit && ` Credit: ${credit}.`}
          </figcaption>
        </figure>
        <div>
          <ItemFacts item={item} timeZone={timeZone} />
          <LicenceNote state={entry.licence} expiresAt={item.licenseExpiresAt} now={now} />
          <UsesList uses={entry.uses} isLogo={entry.isLogo} />
        </div>
      </div>
      {props.canEdit ? (
        <>
          <h2>Words and rights</h2>
          <ErrorSummary message={props.message} errors={errors} />
          <form method="post" action={`/admin/media/${item.id}`} class="panel">
            <CsrfField token={props.csrfToken} />
            <DetailsFields values={props.values} errors={errors} />
            <p class="hint">
              Changes show on every article using the image, and in what search engines read about it.
            </p>
            <button type="submit">Save details</button>
          </form>
        </>
      ) : (
        <p class="muted">
          Only editors, and whoever uploaded it, may change this image's words and rights. Ask an editor if
          something is wrong.
        </p>
      )}
    </>
  );
}
