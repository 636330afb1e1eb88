// What the content API says of each thing readers see: the domain's objects turned into the allowlisted
// shapes of schemas.ts, with absolute addresses. Nothing is passed through whole, so a column added to a
// model never reaches an app unless it is named here.
import type { z } from 'zod';
import { type Article, type ArticleSummary, articlePath, authorPath, tagPath } from '../articles/model.js';
import type { AuthorEntry, TagEntry } from '../articles/queries/directory-queries.js';
import { absoluteBodyHtml } from '../articles/render/absolute-html.js';
import { absoluteMediaUrl, creditLine, type MediaItem } from '../media/media.js';
import { type SectionRef, sectionPath } from '../site/sections.js';
import type {
  articleListItemSchema,
  articleSchema,
  authorSchema,
  imageSchema,
  sectionSchema,
  tagSchema,
} from './schemas.js';

export type ApiImage = z.infer<typeof imageSchema>;
export type ApiArticleListItem = z.infer<typeof articleListItemSchema>;

export function imageOf(base: string, item: MediaItem): ApiImage {
  return {
    id: item.id,
    url: absoluteMediaUrl(base, item.originalKey),
    mimeType: item.mimeType,
    width: item.width,
    height: item.height,
    altText: item.altText,
    caption: item.caption,
    credit: { person: item.creditPerson, organization: item.creditOrganization, line: creditLine(item) },
    licence: {
      rights: item.rights,
      url: item.licenseUrl,
      expiresAt: item.licenseExpiresAt,
      copyrightNotice: item.copyrightNotice,
    },
    variants: item.variants.map((v) => ({
      format: v.format,
      width: v.width,
      height: v.height,
      url: absoluteMediaUrl(base, v.key),
    })),
  };
}

export function articleListItemOf(base: string, a: ArticleSummary): ApiArticleListItem {
  return {
    id: a.id,
    slug: a.slug,
    url: base + articlePath(a.slug),
    headline: a.headline,
    socialHeadline: a.socialHeadline,
    dek: a.dek,
    workType: a.workType,
    section: a.section ? { id: a.section.id, slug: a.section.slug, name: a.section.name } : null,
    hero: a.hero ? imageOf(base, a.hero) : null,
    authors: a.authors.map((p) => ({
      id: p.id,
      slug: p.slug,
      name: p.name,
      jobTitle: p.jobTitle,
      url: base + authorPath(p.slug),
    })),
    publishedAt: a.publishedAt,
    updatedAt: a.updatedAt,
    modifiedAt: a.modifiedAt,
  };
}

export function articleOf(base: string, a: Article): z.infer<typeof articleSchema> {
  return {
    ...articleListItemOf(base, a),
    version: a.version,
    seoHeadline: a.seoHeadline,
    socialDescription: a.socialDescription,
    socialImage: a.socialImage ? imageOf(base, a.socialImage) : null,
    dateline: a.dateline,
    tags: a.tags.map((t) => ({ id: t.id, slug: t.slug, name: t.name, url: base + tagPath(t.slug) })),
    body: a.body,
    // The site's own renderer, with links and images made absolute as for feeds read away from the site.
    bodyHtml: absoluteBodyHtml(a.body, a.media, base),
    images: [...a.media.values()].map((m) => imageOf(base, m)),
    corrections: a.corrections.map((c) => ({
      kind: c.kind,
      text: c.text,
      placement: c.placement,
      publishedAt: c.publishedAt,
    })),
  };
}

export function sectionOf(base: string, s: SectionRef): z.infer<typeof sectionSchema> {
  return {
    id: s.id,
    slug: s.slug,
    name: s.name,
    description: s.description,
    url: base + sectionPath(s.slug),
  };
}

export function tagOf(base: string, t: TagEntry): z.infer<typeof tagSchema> {
  return { id: t.id, slug: t.slug, name: t.name, url: base + tagPath(t.slug), articleCount: t.articleCount };
}

export function authorOf(
  base: string,
  a: AuthorEntry,
  photos: Map<number, MediaItem>,
): z.infer<typeof authorSchema> {
  const photo = a.photoMediaId === null ? undefined : photos.get(a.photoMediaId);
  return {
    id: a.id,
    slug: a.slug,
    name: a.name,
    jobTitle: a.jobTitle,
    bio: a.bio,
    expertise: a.expertise,
    url: base + authorPath(a.slug),
    photo: photo ? imageOf(base, photo) : null,
    articleCount: a.articleCount,
  };
}

/** Only the named fields of each item, `id` always among them. */
export function sparse<T extends { id: number }>(
  items: T[],
  fields: readonly (keyof T)[] | null,
): Partial<T>[] {
  if (!fields) return items;
  const names = new Set<keyof T>(['id', ...fields]);
  return items.map((item) => {
    const out: Partial<T> = {};
    for (const name of names) out[name] = item[name];
    return out;
  });
}
