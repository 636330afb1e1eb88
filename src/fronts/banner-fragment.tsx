// The banner as the small HTML fragment the page shell's script puts into its empty slot (GET /banner). A
// region, not an alert: it is there on every page a reader opens, and an alert would interrupt each time.
import { renderToString } from 'preact-render-to-string';
import { BANNER_STYLE_LABELS, type Banner } from './banner.js';

export function bannerFragment(banner: Banner | null): string {
  if (!banner) return '';
  const label = BANNER_STYLE_LABELS[banner.style];
  return renderToString(
    <section
      class={`breaking-banner breaking-banner-${banner.style}`}
      aria-label={banner.style === 'notice' ? 'Site notice' : `${label} news`}
      data-banner-version={String(banner.version)}
    >
      <p>
        <strong class="breaking-banner-label">{label}</strong>{' '}
        {banner.link ? (
          <a class="breaking-banner-link" href={banner.link}>
            {banner.text}
          </a>
        ) : (
          <span>{banner.text}</span>
        )}
      </p>
      <button type="button" class="breaking-banner-dismiss" data-banner-dismiss>
        Dismiss<span class="visually-hidden"> this notice</span>
      </button>
    </section>,
  );
}
