// What an import reads from another system, as records in the order its file gives them. The WordPress
// (WXR) and Ghost readers turn their files into these; the import run writes them. Ids are the source's
// own, as strings, so that a second run of the same site finds what the first one wrote.
import type { BodyDocument } from '../articles/render/document.js';

export type SourceSystem = 'wordpress' | 'ghost';

/** The exporting site: its address is the key that tells one source site's ids from another's. */
export interface SourceSite {
  kind: 'site';
  system: SourceSystem;
  title: string;
  /** The site's public address (WXR `<link>` / `wp:base_blog_url`, Ghost `url`), without a trailing slash. */
  baseUrl: string;
  language?: string;
  /** WXR 1.0, 1.1 or 1.2; Ghost's export version. */
  formatVersion?: string;
}

/** A byline: a WordPress user, a co-author plugin's guest author, or a Ghost user. */
export interface SourcePerson {
  kind: 'person';
  sourceId: string;
  /** The WordPress user id (`wp:author_id`), by which WordPress's API named them; a guest author has none. */
  userId?: string;
  /** Other ids posts may name this person by (a co-authors plugin's `cap-<login>` term). */
  aliases?: string[];
  slug: string;
  name: string;
  email?: string;
  bio?: string;
  website?: string;
  avatarUrl?: string;
  jobTitle?: string;
}

export interface SourceTerm {
  kind: 'term';
  taxonomy: 'category' | 'tag';
  sourceId: string;
  slug: string;
  name: string;
  parentSlug?: string;
  description?: string;
}

/** A file in the source's media library (a WordPress attachment, a Ghost image). */
export interface SourceMedia {
  kind: 'media';
  sourceId: string;
  /** Where the old site served it. */
  url: string;
  /** Its path under the uploads (WordPress) or content/images (Ghost) folder, e.g. `2019/03/photo.jpg`. */
  relativePath?: string;
  title: string;
  alt: string;
  caption: string;
  credit: string;
  description?: string;
  mimeType?: string;
  createdAt?: string;
  /** The post it was uploaded to. */
  parentId?: string;
  /** WordPress's attachment page, which will answer 301 to the image's new home. */
  pageUrl?: string;
}

export interface SourceComment {
  sourceId: string;
  parentId?: string;
  status: 'approved' | 'pending' | 'spam' | 'trash';
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  authorIp: string;
  /** ISO-8601 UTC. */
  createdAt: string;
  /** As the source kept it (HTML, with WordPress's automatic paragraphs not yet applied). */
  body: string;
}

export type SourcePostStatus = 'published' | 'draft' | 'review' | 'scheduled' | 'unpublished';

export interface SourceSeo {
  title?: string;
  description?: string;
  canonical?: string;
  noindex?: boolean;
  socialTitle?: string;
  socialDescription?: string;
  socialImageUrl?: string;
}

export type SourceBody =
  | { format: 'wordpress'; content: string } // block markup or classic HTML with automatic paragraphs
  | { format: 'html'; content: string }
  | { format: 'lexical'; content: string } // Ghost's Lexical JSON
  | { format: 'mobiledoc'; content: string }; // Ghost's Mobiledoc JSON

export interface SourcePost {
  kind: 'post';
  /** An article, or one of the newsroom's standing pages. */
  type: 'article' | 'page';
  sourceId: string;
  title: string;
  slug: string;
  /** Its permalink on the old site. */
  url: string;
  status: SourcePostStatus;
  /** ISO-8601 UTC. */
  publishedAt?: string;
  modifiedAt?: string;
  createdAt?: string;
  excerpt: string;
  body: SourceBody;
  /** Person source ids or aliases, in byline order. */
  authorIds: string[];
  /** Category slugs; the primary one (Yoast's, Ghost's primary tag) first when known. */
  categories: string[];
  primaryCategory?: string;
  tags: string[];
  featuredMediaId?: string;
  /** Ghost names the feature image by address, with its own caption and alt. */
  featuredImageUrl?: string;
  featuredImageCaption?: string;
  featuredImageAlt?: string;
  sticky: boolean;
  seo: SourceSeo;
  comments: SourceComment[];
  commentsOpen?: boolean;
}

/** An address the source redirected (Ghost's redirects.json). */
export interface SourceRedirect {
  kind: 'redirect';
  from: string;
  to: string;
}

/** An item the reader had to leave out (missing fields, a kind Broadsheet does not hold), for the report. */
export interface SourceProblem {
  kind: 'problem';
  title: string;
  url?: string;
  message: string;
}

export type SourceRecord =
  | SourceSite
  | SourcePerson
  | SourceTerm
  | SourceMedia
  | SourcePost
  | SourceRedirect
  | SourceProblem;

/** A source file that cannot be read; nothing of it is written. */
export class SourceFileError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(line === undefined ? message : `${message} (line ${line}, column ${column ?? 0})`);
    this.name = 'SourceFileError';
  }
}

/** Reads a source file as records, streaming: memory does not grow with the file. */
export type SourceReader = (file: string) => AsyncIterable<SourceRecord>;

/** What a body converter asks of the import: the new home of what the old body points at. */
export interface BodyContext {
  /** The local media id for an image named by its source attachment id or old address, if imported. */
  image(ref: { sourceId?: string; url?: string }): number | undefined;
  /** The new address for a link into the old site (its posts, pages, images), or undefined to keep it. */
  link(url: string): string | undefined;
}

export interface ConvertedBody {
  document: BodyDocument;
  /** What could not be carried over as it was (kept as readable text), for the report. */
  warnings: string[];
}

/** The images a body names, so the import can bring them in before converting it. */
export interface BodyImageReference {
  sourceId?: string;
  url: string;
}
