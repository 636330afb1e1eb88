// Which words and picture stand for a story in a search result and on a social card, when the newsroom wrote
// some for the purpose and when it left them empty. One set of rules for the page's head and for the editor's
// live previews (editorial/client/seo-preview.ts), so what the editor shows is what the crawler reads.

/** The parts of an article the choice is made from; '' or null means "not written". */
export interface SharingSource {
  headline: string;
  seoHeadline: string | null;
  socialHeadline: string | null;
  /** The description already worked out for search: the written one, else the dek, else the body's opening. */
  searchDescription: string;
  socialDescription: string | null;
}

const written = (text: string | null | undefined): string | null => {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
};

/** The title a search engine is offered: the SEO headline, else the headline. */
export function searchTitle(source: Pick<SharingSource, 'headline' | 'seoHeadline'>): string {
  return written(source.seoHeadline) ?? source.headline.trim();
}

/** The social card's title: the social headline, else the SEO headline, else the headline. */
export function socialTitle(
  source: Pick<SharingSource, 'headline' | 'seoHeadline' | 'socialHeadline'>,
): string {
  return written(source.socialHeadline) ?? searchTitle(source);
}

/** The social card's description: its own, else the search description (the written one, else the dek). */
export function socialDescription(
  source: Pick<SharingSource, 'searchDescription' | 'socialDescription'>,
): string {
  return written(source.socialDescription) ?? source.searchDescription;
}

/** The card's image: the social image, else the hero, else (on the page) the newsroom's logo. */
export function socialImageOf<T>(socialImage: T | null, hero: T | null, logo: T | null = null): T | null {
  return socialImage ?? hero ?? logo;
}

/** The crawler-safe (JPEG/PNG/GIF) variant a card asks for: the narrowest at least 1,200 wide, else the widest. */
export function cardVariant<V extends { format: string; width: number }>(
  variants: readonly V[],
): V | undefined {
  const legacy = variants
    .filter((v) => v.format === 'jpeg' || v.format === 'png' || v.format === 'gif')
    .sort((a, b) => a.width - b.width);
  return legacy.find((v) => v.width >= CARD_WIDTH) ?? legacy.at(-1);
}

/** Open Graph and X ask for about 1,200 pixels across for a large card. */
export const CARD_WIDTH = 1200;
