// The search result and social card previews beside the form, redrawn from what is typed by the same rules
// the server rendered them with (sharing-preview.ts); the card's picture follows the social image, else the hero.
import { NO_CARD_IMAGE, sharingPreview } from '../sharing-preview.js';
import { mediaInfo } from './media-info.js';

function text(form: HTMLFormElement, name: string): string {
  const field = form.elements.namedItem(name);
  return field instanceof HTMLInputElement ||
    field instanceof HTMLTextAreaElement ||
    field instanceof HTMLSelectElement
    ? field.value
    : '';
}

function part(root: HTMLElement, name: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[data-preview="${name}"]`);
}

function say(root: HTMLElement, name: string, words: string) {
  const target = part(root, name);
  if (target && target.textContent !== words) target.textContent = words;
}

export function updateSharingPreview(form: HTMLFormElement, bodyText: string) {
  const root = form.querySelector<HTMLElement>('[data-sharing-preview]');
  if (!root) return;
  const noindex = form.elements.namedItem('noindex');
  const { search, card } = sharingPreview(
    {
      headline: text(form, 'headline'),
      seoHeadline: text(form, 'seoHeadline'),
      socialHeadline: text(form, 'socialHeadline'),
      metaDescription: text(form, 'metaDescription'),
      socialDescription: text(form, 'socialDescription'),
      dek: text(form, 'dek'),
      slug: text(form, 'slug'),
      canonicalUrl: text(form, 'canonicalUrl'),
      noindex: noindex instanceof HTMLInputElement && noindex.checked,
      bodyText,
    },
    root.dataset.sharingPreview ?? location.origin,
  );
  say(root, 'search-crumbs', search.crumbs.join(' › '));
  say(root, 'search-title', search.title);
  say(root, 'search-description', search.description);
  const warnings = part(root, 'search-warnings');
  if (warnings) {
    warnings.replaceChildren(
      ...search.warnings.map((w) => Object.assign(document.createElement('li'), { textContent: w })),
    );
    warnings.hidden = search.warnings.length === 0;
  }
  say(root, 'card-domain', card.domain);
  say(root, 'card-title', card.title);
  say(root, 'card-description', card.description);
  showCardImage(part(root, 'card-image'), text(form, 'socialImageId') || text(form, 'heroMediaId'));
}

function showCardImage(holder: HTMLElement | null, id: string) {
  if (!holder) return;
  const info = id ? mediaInfo.get(Number(id)) : undefined;
  const shown = holder.querySelector('img');
  if (info?.thumbUrl) {
    if (shown?.getAttribute('src') === info.thumbUrl) return;
    holder.replaceChildren(
      Object.assign(document.createElement('img'), { src: info.thumbUrl, alt: info.altText }),
    );
  } else if (shown || !holder.textContent) {
    holder.replaceChildren(Object.assign(document.createElement('p'), { textContent: NO_CARD_IMAGE }));
  }
}
