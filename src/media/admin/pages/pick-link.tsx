// The picker's "Use this image" link: to the editor's return address with the image's number, carrying the
// words, credit and thumbnail the picker script hands to the editor without another request.
import { creditLine } from '../../media.js';
import type { LibraryEntry } from '../browse.js';
import { imageLabel } from '../image-label.js';
import { describeLicence } from '../rights.js';
import { thumbnailOf } from './thumbnail.js';

/** Adds media=<id> to the editor's return address, keeping what it already carries. */
export function pickedUrl(returnTo: string, mediaId: number): string {
  const url = new URL(returnTo, 'http://newsroom.invalid');
  url.searchParams.set('media', String(mediaId));
  return `${url.pathname}${url.search}${url.hash}`;
}

export function PickLink(props: { entry: LibraryEntry; returnTo: string | null; now: Date }) {
  const { item, licence } = props.entry;
  const thumb = thumbnailOf(item);
  return (
    <a
      class="button pick"
      href={props.returnTo ? pickedUrl(props.returnTo, item.id) : `/admin/media/${item.id}`}
      data-pick
      data-id={String(item.id)}
      data-alt={item.altText}
      data-caption={item.caption}
      data-credit={creditLine(item)}
      data-src={thumb.src}
      data-width={String(item.width)}
      data-height={String(item.height)}
      data-licence={licence === 'expiring' ? describeLicence(item.licenseExpiresAt, props.now) : ''}
      aria-label={`Use this image: ${imageLabel(item)}`}
    >
      Use this image
    </a>
  );
}
