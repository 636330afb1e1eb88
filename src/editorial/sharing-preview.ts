// What the editor's two previews show: the story as a search result and as a social card, from the form as
// typed, by the head's own rules (articles/head/sharing.ts). The server renders it with the saved values and
// the editor script again on every keystroke, so this module stays free of server imports.
import { searchTitle, socialDescription, socialTitle } from '../articles/head/sharing.js';
import { articlePath } from '../articles/model.js';
import { truncateText } from '../articles/truncate-text.js';
import { slugify } from './slug.js';

/** About 600 pixels of Google's title: some 60 characters of ordinary text. */
export const SEARCH_TITLE_CHARS = 60;
/** Google cuts a description at about 155–160 characters on a desktop. */
export const SEARCH_DESCRIPTION_CHARS = 158;
/** What a large card shows before it cuts (X and Facebook are close to each other). */
export const CARD_TITLE_CHARS = 70;
export const CARD_DESCRIPTION_CHARS = 120;

/** What the card shows without a social image or a hero (the head then offers the newsroom's logo). */
export const NO_CARD_IMAGE = 'No image chosen: the newsroom’s logo is shown.';

/** The form's words, as typed. */
export interface SharingFormText {
  headline: string;
  seoHeadline: string;
  socialHeadline: string;
  metaDescription: string;
  socialDescription: string;
  dek: string;
  slug: string;
  canonicalUrl: string;
  noindex: boolean;
  /** The body as plain text: its opening describes a story with neither description nor dek. */
  bodyText: string;
}

export interface SharingPreview {
  search: { title: string; crumbs: string[]; description: string; warnings: string[] };
  card: { title: string; description: string; domain: string };
}

function hostOf(address: string): string {
  try {
    return new URL(address).host;
  } catch {
    return address;
  }
}

/** The search result and the card for `text`, on the site at `siteUrl` (its public address, no trailing slash). */
export function sharingPreview(text: SharingFormText, siteUrl: string): SharingPreview {
  const slug = text.slug.trim() || slugify(text.headline) || 'article';
  const path = articlePath(slug);
  const description =
    text.metaDescription.trim() ||
    text.dek.trim() ||
    truncateText(text.bodyText, SEARCH_DESCRIPTION_CHARS * 2);
  const source = {
    headline: text.headline,
    seoHeadline: text.seoHeadline,
    socialHeadline: text.socialHeadline,
    searchDescription: description,
    socialDescription: text.socialDescription,
  };
  const warnings: string[] = [];
  if (text.noindex) {
    warnings.push('Hidden from search engines: this story will not appear in search results.');
  }
  const canonical = text.canonicalUrl.trim();
  if (canonical && canonical !== siteUrl + path) {
    warnings.push(
      `The canonical URL points to ${hostOf(canonical)}: search engines will list the original there, not this page.`,
    );
  }
  return {
    search: {
      title: truncateText(searchTitle(source) || 'Headline', SEARCH_TITLE_CHARS),
      crumbs: [hostOf(siteUrl), ...path.split('/').filter(Boolean)],
      description: truncateText(description, SEARCH_DESCRIPTION_CHARS),
      warnings,
    },
    card: {
      title: truncateText(socialTitle(source) || 'Headline', CARD_TITLE_CHARS),
      description: truncateText(socialDescription(source), CARD_DESCRIPTION_CHARS),
      domain: hostOf(siteUrl),
    },
  };
}
