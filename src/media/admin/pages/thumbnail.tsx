// The small picture of an image in the library's grid, its alerts and the picker.
import { type MediaItem, mediaUrl } from '../../media.js';

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
