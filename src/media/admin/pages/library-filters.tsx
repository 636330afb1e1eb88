// The library's search-and-filter form: words, usage rights, and which images to show.
import type { LibraryQuery } from '../library-query.js';
import { RIGHTS, RIGHTS_LABELS } from '../rights.js';
import { basePath, type LibraryMode } from './library-links.js';

const SHOW_LABELS: Array<[LibraryQuery['show'], string]> = [
  ['all', 'All images'],
  ['expiring', 'Licence ends within 30 days'],
  ['expired', 'Licence expired'],
  ['unused', 'Not used anywhere'],
];

export function Filters(props: { query: LibraryQuery; mode: LibraryMode }) {
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
