// Reads a Ghost JSON export (Ghost 1.x to 5.x) as source records, in the order the import writes them: the
// site, its users, its tags (and each tag that is ever a post's primary tag once more, as a section), the
// images of its content/images folder that anything names, the posts and pages, and redirects.json's
// plain redirects when the file lies beside the export.
import type { SourceMedia, SourceProblem, SourceReader, SourceRecord, SourceSite } from '../source-model.js';
import { type GhostExport, type GhostRow, readGhostExport } from './ghost-document.js';
import { groupBy, text } from './ghost-fields.js';
import { imageMedia, imagePathsIn, siteUrlFromImages, withSiteUrl } from './ghost-images.js';
import { ghostPost } from './ghost-posts.js';
import { readGhostRedirects } from './ghost-redirects.js';

function settingsValue(settings: GhostRow[], key: string): string | undefined {
  const row = settings.find((s) => s.key === key);
  return row ? text(row, 'value') : undefined;
}

/** Every text of the export that may name an image, for finding the site's own address and its images. */
function* imageTexts(tables: GhostExport['tables']): Iterable<string> {
  const fields: Array<[GhostRow[], string[]]> = [
    [tables.posts, ['feature_image', 'og_image', 'twitter_image', 'lexical', 'mobiledoc', 'html']],
    [tables.posts_meta, ['og_image', 'twitter_image']],
    [tables.users, ['profile_image', 'cover_image']],
    [tables.tags, ['feature_image']],
  ];
  for (const [rows, keys] of fields) {
    for (const row of rows) {
      for (const key of keys) {
        const value = text(row, key);
        if (value) yield value;
      }
    }
  }
}

function site(exported: GhostExport, problems: SourceProblem[]): SourceSite {
  const { settings } = exported.tables;
  const stated = settingsValue(settings, 'url') ?? text(exported.meta, 'url');
  const baseUrl = (stated ?? siteUrlFromImages(imageTexts(exported.tables)) ?? '').replace(/\/+$/, '');
  if (!baseUrl) {
    problems.push({
      kind: 'problem',
      title: 'The site’s address',
      message:
        'The export does not name the Ghost site’s address: old addresses are kept as paths, and images are fetched from the media address given to the import.',
    });
  }
  return {
    kind: 'site',
    system: 'ghost',
    title: settingsValue(settings, 'title') ?? 'Ghost site',
    baseUrl,
    language: settingsValue(settings, 'locale') ?? settingsValue(settings, 'lang'),
    formatVersion: exported.version,
  };
}

/** Ghost's internal tags (`#name`) sort and style posts; they are not topics a reader sees. */
function isInternal(tag: GhostRow): boolean {
  return text(tag, 'visibility') === 'internal' || (text(tag, 'name') ?? '').startsWith('#');
}

function images(exported: GhostExport, siteUrl: string): SourceMedia[] {
  const byPath = new Map<string, SourceMedia>();
  for (const value of imageTexts(exported.tables)) {
    for (const path of imagePathsIn(withSiteUrl(value, siteUrl), siteUrl)) {
      if (!byPath.has(path)) byPath.set(path, imageMedia(siteUrl, path));
    }
  }
  return [...byPath.values()];
}

async function* readGhostRecords(file: string): AsyncIterable<SourceRecord> {
  const exported = await readGhostExport(file);
  const { tables } = exported;
  const problems: SourceProblem[] = [];
  const siteRecord = site(exported, problems);
  const siteUrl = siteRecord.baseUrl;
  yield siteRecord;
  yield* problems;

  for (const user of tables.users) {
    const id = text(user, 'id');
    const name = text(user, 'name');
    if (!id || !name) {
      yield {
        kind: 'problem',
        title: name ?? '(unnamed user)',
        message: 'A user without an id or a name: left out.',
      };
      continue;
    }
    const avatar = text(user, 'profile_image');
    yield {
      kind: 'person',
      sourceId: id,
      slug: text(user, 'slug') ?? id,
      name,
      email: text(user, 'email'),
      bio: text(user, 'bio'),
      website: text(user, 'website'),
      avatarUrl: avatar ? withSiteUrl(avatar, siteUrl) : undefined,
    };
  }

  const publicTags = new Map<string, GhostRow & { slug: string }>();
  for (const tag of tables.tags) {
    const id = text(tag, 'id');
    const slug = text(tag, 'slug');
    if (!id || !slug) continue;
    if (isInternal(tag)) {
      yield {
        kind: 'problem',
        title: text(tag, 'name') ?? slug,
        message: 'An internal tag (Ghost’s own marker, never shown to readers): not imported as a tag.',
      };
      continue;
    }
    publicTags.set(id, { ...tag, slug });
    yield {
      kind: 'term',
      taxonomy: 'tag',
      sourceId: id,
      slug,
      name: text(tag, 'name') ?? slug,
      description: text(tag, 'description'),
    };
  }

  const tagsOfPost = groupBy(tables.posts_tags, 'post_id');
  const publicTagIds = (postId: string) =>
    (tagsOfPost.get(postId) ?? []).flatMap((r) => {
      const tagId = text(r, 'tag_id');
      return tagId && publicTags.has(tagId) ? [tagId] : [];
    });
  // Ghost's primary tag is a post's first public tag: each that ever is one becomes a section too.
  const primaryIds = new Set(
    tables.posts.flatMap((post) => publicTagIds(text(post, 'id') ?? '').slice(0, 1)),
  );
  for (const id of primaryIds) {
    const tag = publicTags.get(id)!;
    yield {
      kind: 'term',
      taxonomy: 'category',
      sourceId: `section:${id}`,
      slug: tag.slug,
      name: text(tag, 'name') ?? tag.slug,
      description: text(tag, 'description'),
    };
  }

  yield* images(exported, siteUrl);

  const authorsOfPost = groupBy(tables.posts_authors, 'post_id');
  const metaOfPost = new Map(tables.posts_meta.map((m) => [text(m, 'post_id') ?? '', m]));
  for (const row of tables.posts) {
    const id = text(row, 'id') ?? '';
    const { post, problems: postProblems } = ghostPost(row, {
      siteUrl,
      tagIds: publicTagIds(id),
      authorIds: (authorsOfPost.get(id) ?? []).flatMap((r) => text(r, 'author_id') ?? []),
      meta: metaOfPost.get(id),
      tags: publicTags,
    });
    if (post) yield post;
    yield* postProblems;
  }

  yield* await readGhostRedirects(file);
}

export const readGhost: SourceReader = (file) => readGhostRecords(file);
