// The facts of one image on its page: alt text, number, size and format, who uploaded it and when, its
// rights and licence, and its copyright notice.
import { readableDate } from '../../../views/dates.js';
import type { LibraryItem } from '../browse.js';
import { RIGHTS_LABELS } from '../rights.js';

function when(iso: string, timeZone: string): string {
  return readableDate(iso, 'en-GB', timeZone, true);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function ItemFacts(props: { item: LibraryItem; timeZone: string }) {
  const { item, timeZone } = props;
  return (
    <dl class="media-facts">
      <dt>Alt text</dt>
      <dd>{item.altText || <strong class="licence-bad">None: articles using it cannot publish.</strong>}</dd>
      <dt>Number</dt>
      <dd>{item.id}</dd>
      <dt>Size</dt>
      <dd>
        {item.width} × {item.height} pixels, {item.mimeType.replace('image/', '').toUpperCase()},{' '}
        {formatBytes(item.bytes)}
      </dd>
      <dt>Uploaded</dt>
      <dd>
        {when(item.createdAt, timeZone)}
        {item.uploaderName && ` by ${item.uploaderName}`}
      </dd>
      {item.updatedAt && (
        <>
          <dt>Details changed</dt>
          <dd>{when(item.updatedAt, timeZone)}</dd>
        </>
      )}
      <dt>Rights</dt>
      <dd>
        {RIGHTS_LABELS[item.rights]}
        {item.licenseUrl && (
          <>
            {' · '}
            <a href={item.licenseUrl} rel="noopener noreferrer" target="_blank">
              licence
            </a>
          </>
        )}
      </dd>
      {item.copyrightNotice && (
        <>
          <dt>Copyright</dt>
          <dd>{item.copyrightNotice}</dd>
        </>
      )}
    </dl>
  );
}
