// Pieces the library, picker and image pages share: the thumbnail, the licence badge, where an image is used,
// and the picker's "Use this image" link with the data its script hands to the editor.

import type { ArticleStatus } from '../../../storage/schema.js';
import { creditLine, type MediaItem, mediaUrl } from '../../media.js';
import type { LibraryEntry } from '../browse.js';
import { describeLicence, type LicenceState } from '../rights.js';
import { imageLabel } from '../usage.js';

const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: 'draft',
  review: 'in review',
  scheduled: 'scheduled',
  published: 'published',
  unpublished: 'unpublished',
};

/** Where the editor opens an article. */
export function articleEditPath(articleId: number): string {
  return `/admin/articles/${articleId}`;
}

/** A small variant for grids: WebP (every browser the newsroom uses reads it), else the fallback format. */
export function thumbnailOf(item: MediaItem): { src: string; width: number; height: number } {
  const sorted = item.variants.slice().sort((a, b) => a.width - b.width);
  const small = sorted.find((v) => v.format === 'webp') ?? sorted[0];
  if (!small) return { src: mediaUrl(item.originalKey), width: item.width, height: item.height };
  return { src: mediaUrl(small.key), width: small.width, height: small.height };
}

export function Thumbnail(props: { item: MediaItem }) {
  const thumb = thumbnailOf(props.item);
  return (
    <img
      class="media-thumb"
      src={thumb.src}
      width={thumb.width}
      height={thumb.height}
      alt={props.item.altText}
      loading="lazy"
      decoding="async"
    />
  );
}

export function LicenceNote(props: { state: LicenceState; expiresAt: string | null; now: Date }) {
  if (props.state === 'unlimited') return null;
  const kind = props.state === 'expired' ? 'bad' : props.state === 'expiring' ? 'warn' : 'plain';
  return <p class={`licence licence-${kind}`}>{describeLicence(props.expiresAt, props.now)}</p>;
}

export function UsesList(props: { uses: LibraryEntry['uses']; isLogo: boolean }) {
  const { articles, authors, hiddenArticles } = props.uses;
  if (articles.length === 0 && authors.length === 0 && hiddenArticles === 0 && !props.isLogo) {
    return <p class="muted uses">Not used yet.</p>;
  }
  return (
    <div class="uses">
      <p class="uses-title">Used in:</p>
      <ul>
        {props.isLogo && <li>the site logo</li>}
        {articles.map((a) => (
          <li>
            <a href={articleEditPath(a.articleId)}>{a.headline || `Article ${a.articleId}`}</a>{' '}
            <span class="muted">
              ({STATUS_LABELS[a.status]}, {a.roles.join(' and ')})
            </span>
          </li>
        ))}
        {hiddenArticles > 0 && (
          <li>
            {hiddenArticles === 1 ? 'an unpublished article' : `${hiddenArticles} unpublished articles`} by
            others
          </li>
        )}
        {authors.map((a) => (
          <li>
            photo of {a.name} <span class="muted">(author profile)</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

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

export function formatWhen(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(iso),
  );
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
