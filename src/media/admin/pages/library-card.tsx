// One image in the library's grid: its picture, words, rights, licence and uses, and in the picker the link
// that places it (or why it cannot be placed).
import { creditLine } from '../../media.js';
import type { LibraryEntry } from '../browse.js';
import { imageLabel } from '../image-label.js';
import { RIGHTS_LABELS } from '../rights.js';
import type { LibraryMode } from './library-links.js';
import { LicenceNote } from './licence-note.js';
import { PickLink } from './pick-link.js';
import { Thumbnail } from './thumbnail.js';
import { UsesList } from './uses-list.js';

export function LibraryCard(props: { entry: LibraryEntry; now: Date; mode: LibraryMode }) {
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
