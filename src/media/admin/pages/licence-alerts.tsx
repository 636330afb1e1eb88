// Above the library's grid: the images whose licence has ended or ends within 30 days, with where they are
// used, so the newsroom renews the licence or replaces the image in time.
import type { LibraryEntry } from '../browse.js';
import { imageLabel } from '../image-label.js';
import { LicenceNote } from './licence-note.js';
import { Thumbnail } from './thumbnail.js';
import { UsesList } from './uses-list.js';

export function LicenceAlerts(props: { alerts: LibraryEntry[]; now: Date }) {
  if (props.alerts.length === 0) return null;
  const expired = props.alerts.filter((a) => a.licence === 'expired').length;
  return (
    <section class="panel media-alerts" aria-labelledby="media-alerts-title">
      <h2 id="media-alerts-title">Licences that need attention</h2>
      <p>
        {expired > 0 ? `${expired} expired` : 'None expired'}; {props.alerts.length - expired} ending within
        30 days. Renew the licence or replace the image in the articles listed.
      </p>
      <ul class="media-alert-list">
        {props.alerts.map((entry) => (
          <li>
            <Thumbnail item={entry.item} />
            <div>
              <p class="media-card-title">
                <a href={`/admin/media/${entry.item.id}`}>{imageLabel(entry.item)}</a>
              </p>
              <LicenceNote state={entry.licence} expiresAt={entry.item.licenseExpiresAt} now={props.now} />
              <UsesList uses={entry.uses} isLogo={entry.isLogo} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
