// The library and the picker: licence alerts on top, a search-and-filter form, a grid of images with their
// words, rights and uses, and pages. The picker is the same list with "Use this image" on every card.
import { creditLine } from '../../media.js';
import type { LibraryEntry, LibraryQuery, LibraryView } from '../browse.js';
import { RIGHTS, RIGHTS_LABELS } from '../rights.js';
import { imageLabel } from '../usage.js';
import { LicenceNote, PickLink, Thumbnail, UsesList } from './parts.js';

export type LibraryMode = { kind: 'library' } | { kind: 'picker'; returnTo: string | null };

const SHOW_LABELS: Array<[LibraryQuery['show'], string]> = [
  ['all', 'All images'],
  ['expiring', 'Licence ends within 30 days'],
  ['expired', 'Licence expired'],
  ['unused', 'Not used anywhere'],
];

function basePath(mode: LibraryMode): string {
  return mode.kind === 'picker' ? '/admin/media/picker' : '/admin/media';
}

function queryString(query: LibraryQuery, mode: LibraryMode, page: number): string {
  const params = new URLSearchParams();
  if (mode.kind === 'picker' && mode.returnTo) params.set('return', mode.returnTo);
  if (query.q) params.set('q', query.q);
  if (query.rights) params.set('rights', query.rights);
  if (query.show !== 'all') params.set('show', query.show);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

function Filters(props: { query: LibraryQuery; mode: LibraryMode }) {
  const { query, mode } = props;
  return (
    <form method="get" action={basePath(mode)} class="panel media-filters" aria-label="Search the library">
      {mode.kind === 'picker' && mode.returnTo && <input type="hidden" name="return" value={mode.returnTo} />}
      <div class="field">
        <label for="media-q">Search</label>
        <input
          type="search"
          id="media-q"
          name="q"
          value={query.q}
          maxLength={200}
          aria-describedby="media-q-hint"
        />
        <p class="hint" id="media-q-hint">
          Words in the alt text, caption, credit or copyright notice.
        </p>
      </div>
      <div class="field">
        <label for="media-rights">Usage rights</label>
        <select id="media-rights" name="rights">
          <option value="">Any</option>
          {RIGHTS.map((r) => (
            <option value={r} selected={query.rights === r}>
              {RIGHTS_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="media-show">Show</label>
        <select id="media-show" name="show">
          {SHOW_LABELS.map(([value, label]) => (
            <option value={value} selected={query.show === value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">Search</button>
    </form>
  );
}

function Card(props: { entry: LibraryEntry; now: Date; mode: LibraryMode }) {
  const { entry, now, mode } = props;
  const { item } = entry;
  const credit = creditLine(item);
  return (
    <li class={`media-card${entry.licence === 'expired' ? ' media-card-expired' : ''}`}>
      <a href={`/admin/media/${item.id}`} class="media-card-image">
        <Thumbnail item={item} />
      </a>
      <div class="media-card-text">
        <p class="media-card-title">
          <a href={`/admin/media/${item.id}`}>{imageLabel(item)}</a>
        </p>
        {item.altText.trim() === '' && (
          <p class="licence licence-bad">No alt text: articles using it cannot publish.</p>
        )}
        {credit && <p class="muted">Credit: {credit}</p>}
        <p class="muted">
          {RIGHTS_LABELS[item.rights]} · No. {item.id}
        </p>
        <LicenceNote state={entry.licence} expiresAt={item.licenseExpiresAt} now={now} />
        <UsesList uses={entry.uses} isLogo={entry.isLogo} />
        {mode.kind === 'picker' && entry.licence !== 'expired' && (
          <PickLink entry={entry} returnTo={mode.returnTo} now={now} />
        )}
        {mode.kind === 'picker' && entry.licence === 'expired' && (
          <p class="muted">Its licence has expired, so it cannot be used.</p>
        )}
      </div>
    </li>
  );
}

function Alerts(props: { alerts: LibraryEntry[]; now: Date }) {
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
      {mode.kind === 'library' && <Alerts alerts={view.alerts} now={now} />}
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
            <Card entry={entry} now={now} mode={mode} />
          ))}
        </ul>
      )}
      <Pages view={view} mode={mode} />
    </>
  );
}
