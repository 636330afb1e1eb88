// The library and the picker: licence alerts on top, a search-and-filter form, a grid of images with their
// words, rights and uses, and pages. The picker is the same list with "Use this image" on every card.
import type { LibraryView } from '../browse.js';
import { LibraryCard } from './library-card.js';
import { Filters } from './library-filters.js';
import { basePath, type LibraryMode, queryString } from './library-links.js';
import { LicenceAlerts } from './licence-alerts.js';

function Pages(props: { view: LibraryView; mode: LibraryMode }) {
  const { query, pages } = props.view;
  if (pages <= 1) return null;
  const path = basePath(props.mode);
  return (
    <nav class="pagination" aria-label="Pages">
      {query.page > 1 && (
        <a href={`${path}${queryString(query, props.mode, query.page - 1)}`} rel="prev">
          ← Newer
        </a>
      )}
      <span>
        Page {Math.min(query.page, pages)} of {pages}
      </span>
      {query.page < pages && (
        <a href={`${path}${queryString(query, props.mode, query.page + 1)}`} rel="next">
          Older →
        </a>
      )}
    </nav>
  );
}

export function LibraryPage(props: { view: LibraryView; now: Date; mode: LibraryMode }) {
  const { view, now, mode } = props;
  const filtered = view.query.q !== '' || view.query.rights !== null || view.query.show !== 'all';
  const returnTo = mode.kind === 'picker' ? mode.returnTo : null;
  return (
    <>
      <div class="media-heading">
        <h1>{mode.kind === 'picker' ? 'Choose an image' : 'Media library'}</h1>
        <a
          class="button"
          href={returnTo ? `/admin/media/new?return=${encodeURIComponent(returnTo)}` : '/admin/media/new'}
        >
          Upload an image
        </a>
      </div>
      {mode.kind === 'library' && <LicenceAlerts alerts={view.alerts} now={now} />}
      <Filters query={view.query} mode={mode} />
      <p role="status">
        {view.total === 0
          ? filtered
            ? 'No images match. Try other words or fewer filters.'
            : 'The library is empty. Upload the first image.'
          : `${view.total} ${view.total === 1 ? 'image' : 'images'}${filtered ? ' match' : ''}, newest first.`}
      </p>
      {view.entries.length > 0 && (
        <ul class="media-grid">
          {view.entries.map((entry) => (
            <LibraryCard entry={entry} now={now} mode={mode} />
          ))}
        </ul>
      )}
      <Pages view={view} mode={mode} />
    </>
  );
}
