// A responsive <picture>: AVIF and WebP sources, a JPEG/PNG fallback, and the intrinsic size so nothing shifts.
import type { MediaItem, Variant } from './media.js';
import { fallbackVariant, mediaUrl } from './media.js';

function srcset(variants: Variant[]): string {
  return variants
    .slice()
    .sort((a, b) => a.width - b.width)
    .map((v) => `${mediaUrl(v.key)} ${v.width}w`)
    .join(', ');
}

export function Picture(props: {
  item: MediaItem;
  sizes: string;
  /** Above the fold: loaded at once. The hero also asks for high priority; a logo need not. */
  eager?: boolean;
  highPriority?: boolean;
  alt?: string;
}) {
  const { item, sizes, eager } = props;
  const highPriority = eager && props.highPriority !== false;
  const fallback = fallbackVariant(item);
  const byFormat = (format: Variant['format']) => item.variants.filter((v) => v.format === format);
  const legacy = item.variants.filter((v) => v.format === fallback?.format);
  const avif = byFormat('avif');
  const webp = byFormat('webp');
  return (
    <picture>
      {avif.length > 0 && <source type="image/avif" srcset={srcset(avif)} sizes={sizes} />}
      {webp.length > 0 && <source type="image/webp" srcset={srcset(webp)} sizes={sizes} />}
      <img
        src={fallback ? mediaUrl(fallback.key) : mediaUrl(item.originalKey)}
        srcset={legacy.length > 0 ? srcset(legacy) : undefined}
        sizes={legacy.length > 0 ? sizes : undefined}
        width={item.width}
        height={item.height}
        alt={props.alt ?? item.altText}
        loading={eager ? 'eager' : 'lazy'}
        decoding={eager ? 'sync' : 'async'}
        // Preact passes unknown attributes through; fetchpriority tells the browser the hero comes first.
        {...(highPriority ? { fetchpriority: 'high' } : {})}
      />
    </picture>
  );
}
