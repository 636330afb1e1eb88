// The Broadsheet export format, version 1 (docs/export-format.md): one zod schema per line of each JSON-lines
// file and for manifest.json. The export writes lines of these shapes; the archive import reads them back
// through the same schemas, so the documentation, the writer and the reader cannot drift apart.
import { z } from 'zod';

export const EXPORT_FORMAT = 'broadsheet-export';
/**
 * Raised when a reader of version N could misread an archive: a field removed, renamed or given a new
 * meaning, or a new file that must not be ignored. Adding an optional field does not raise it.
 */
export const EXPORT_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const SETTINGS_FILE = 'settings.json';

/** The JSON-lines files, in the order an import reads them (each refers only to those before it). */
export const LINE_FILES = [
  'media.jsonl',
  'people.jsonl',
  'sections.jsonl',
  'tags.jsonl',
  'articles.jsonl',
  'pages.jsonl',
  'comments.jsonl',
  'redirects.jsonl',
  'fronts.jsonl',
  'imports.jsonl',
] as const;
export type LineFile = (typeof LINE_FILES)[number];
/** Files added to version 1 after its first release: an archive made before them is read as if they were empty. */
export const LATER_LINE_FILES: ReadonlySet<LineFile> = new Set(['imports.jsonl']);
export type CountName = LineFile extends `${infer Name}.jsonl` ? Name : never;

const id = z.number().int().positive();
const time = z
  .string()
  .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/, 'must be an ISO time');
const nullableTime = time.nullable();
/** A body document as JSON; its own rules (articles/render/document.ts) are checked by the import. */
const document = z.object({ type: z.literal('doc'), content: z.array(z.unknown()) });

export const sectionLine = z.strictObject({
  id,
  slug: z.string().min(1),
  name: z.string().min(1),
  description: z.string(),
  position: z.number().int(),
});

export const tagLine = z.strictObject({ id, slug: z.string().min(1), name: z.string().min(1) });

export const personLine = z.strictObject({
  /** The author profile's id, or null for a staff member with no byline profile. */
  id: id.nullable(),
  slug: z.string().nullable(),
  name: z.string().min(1),
  bio: z.string(),
  jobTitle: z.string(),
  expertise: z.string(),
  photoMediaId: id.nullable(),
  createdAt: nullableTime,
  /** The newsroom account, if the person signs in: never its password, sessions or tokens. */
  staff: z
    .strictObject({
      email: z.string().min(3),
      role: z.string().min(1),
      disabled: z.boolean(),
      createdAt: time,
    })
    .nullable(),
});

export const mediaLine = z.strictObject({
  id,
  /** The original's path inside the archive: `media/<id>/<name>`. */
  file: z.string().regex(/^media\/\d+\/[A-Za-z0-9_-][A-Za-z0-9._-]*$/, 'must be media/<id>/<name>'),
  fileName: z.string().min(1),
  mimeType: z.string().min(1),
  width: z.number().int().min(0),
  height: z.number().int().min(0),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  altText: z.string(),
  caption: z.string(),
  creditPerson: z.string(),
  creditOrganization: z.string(),
  rights: z.enum(['own', 'licensed', 'agency', 'public_domain']),
  licenseUrl: z.string().nullable(),
  licenseExpiresAt: z.string().nullable(),
  copyrightNotice: z.string().nullable(),
  createdAt: time,
  updatedAt: nullableTime,
});

const revision = z.strictObject({
  version: z.number().int().min(0),
  kind: z.enum(['manual', 'autosave', 'restore']),
  /** Every editable field as the editor saved it, the body included. */
  fields: z.record(z.string(), z.unknown()),
  via: z.string().nullable(),
  createdAt: time,
});

const correction = z.strictObject({
  kind: z.enum(['correction', 'clarification', 'update']),
  text: z.string().min(1),
  placement: z.enum(['top', 'bottom']),
  publishedAt: time,
  withdrawnAt: nullableTime,
});

export const articleLine = z.strictObject({
  id,
  slug: z.string().min(1),
  headline: z.string(),
  dek: z.string(),
  body: document,
  status: z.enum(['draft', 'review', 'scheduled', 'published', 'unpublished']),
  workType: z.enum(['news', 'analysis', 'opinion', 'explainer']),
  sectionId: id.nullable(),
  heroMediaId: id.nullable(),
  dateline: z.string().nullable(),
  seo: z.strictObject({
    seoHeadline: z.string().nullable(),
    socialHeadline: z.string().nullable(),
    metaDescription: z.string().nullable(),
    canonicalUrl: z.string().nullable(),
    noindex: z.boolean(),
  }),
  publishedAt: nullableTime,
  updatedAt: nullableTime,
  scheduledAt: nullableTime,
  createdAt: time,
  modifiedAt: time,
  version: z.number().int().min(0),
  /** Byline order. */
  authorIds: z.array(id),
  tagIds: z.array(id),
  /** When readers' comments were closed on it; null while they are open. */
  commentsClosedAt: nullableTime,
  revisions: z.array(revision),
  corrections: z.array(correction),
});

export const pageLine = z.strictObject({
  id,
  slug: z.string().min(1),
  title: z.string(),
  description: z.string(),
  body: document,
  status: z.enum(['draft', 'published']),
  version: z.number().int().min(0),
  publishedAt: nullableTime,
  createdAt: time,
  updatedAt: time,
  revisions: z.array(
    z.strictObject({
      version: z.number().int().min(0),
      fields: z.record(z.string(), z.unknown()),
      createdAt: time,
    }),
  ),
});

export const commentLine = z.strictObject({
  id,
  articleId: id,
  parentId: id.nullable(),
  rootId: id.nullable(),
  depth: z.number().int().min(0),
  status: z.enum(['pending', 'approved', 'spam', 'trash', 'erased']),
  body: z.string(),
  authorName: z.string(),
  /** Personal data: the commenter's address, as they typed it (lower-cased). */
  authorEmail: z.string(),
  authorUrl: z.string(),
  notifyReplies: z.boolean(),
  moderationReason: z.string().nullable(),
  spamScore: z.number(),
  createdAt: time,
  approvedAt: nullableTime,
  editedAt: nullableTime,
  statusChangedAt: time,
});

export const slugRedirectLine = z.strictObject({
  kind: z.literal('slug'),
  /** The article's old slug: /articles/<oldSlug> answers 301 to the article. */
  oldSlug: z.string().min(1),
  articleId: id,
  createdAt: time,
});

/** An address kept from a site imported from WordPress or Ghost (legacy_redirects): it answers 301 to its target. */
export const legacyRedirectLine = z.strictObject({
  kind: z.literal('legacy'),
  /** A path without its trailing slash, lower-case (`/2019/03/05/slug`), or a query key (`?p=12`). */
  oldPath: z.string().regex(/^[/?]\S+$/),
  targetKind: z.enum(['article', 'page', 'media', 'section', 'tag', 'author']),
  targetId: id,
  /** The imported site's address, as the import named it. */
  sourceSite: z.string(),
  createdAt: time,
});

export const redirectLine = z.discriminatedUnion('kind', [slugRedirectLine, legacyRedirectLine]);

export const frontLine = z.strictObject({
  front: z.string().min(1),
  state: z.enum(['draft', 'live']),
  layout: z.unknown(),
  pinUntil: nullableTime,
  updatedAt: time,
});

/**
 * What an import from WordPress or Ghost brought in (import_items): which old item became which row here, so
 * that importing a later export of the same old site on the next Broadsheet updates what it brought instead of
 * bringing it again.
 */
export const importItemLine = z.strictObject({
  /** The old site's address, as the import named it. */
  sourceSite: z.string().min(1),
  sourceKind: z.enum(['person', 'category', 'tag', 'media', 'article', 'page', 'comment']),
  /** The item's id on the old site (a number on WordPress, a hex string on Ghost). */
  sourceId: z.string().min(1),
  localKind: z.enum(['author', 'section', 'tag', 'media', 'article', 'page', 'comment']),
  localId: id,
  /** A digest of the old item as the import read it: an unchanged item is skipped next time. */
  sourceHash: z.string().min(1).max(128),
  /** The article's or page's version when the import wrote it: a later one means an editor changed it here. */
  localVersion: z.number().int().min(0).nullable(),
  createdAt: time,
  updatedAt: time,
});

export type SectionLine = z.infer<typeof sectionLine>;
export type TagLine = z.infer<typeof tagLine>;
export type PersonLine = z.infer<typeof personLine>;
export type MediaLine = z.infer<typeof mediaLine>;
export type ArticleLine = z.infer<typeof articleLine>;
export type PageLine = z.infer<typeof pageLine>;
export type CommentLine = z.infer<typeof commentLine>;
export type RedirectLine = z.infer<typeof redirectLine>;
export type LegacyRedirectLine = z.infer<typeof legacyRedirectLine>;
export type FrontLine = z.infer<typeof frontLine>;
export type ImportItemLine = z.infer<typeof importItemLine>;

export const LINE_SCHEMAS = {
  'sections.jsonl': sectionLine,
  'tags.jsonl': tagLine,
  'people.jsonl': personLine,
  'media.jsonl': mediaLine,
  'articles.jsonl': articleLine,
  'pages.jsonl': pageLine,
  'comments.jsonl': commentLine,
  'redirects.jsonl': redirectLine,
  'fronts.jsonl': frontLine,
  'imports.jsonl': importItemLine,
} satisfies Record<LineFile, z.ZodType>;

/** settings.json: each exported settings section's document by its key, and what was left out of them. */
export const settingsFileSchema = z.strictObject({
  sections: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/), z.record(z.string(), z.unknown())),
  leftOut: z.array(z.string()),
});
export type SettingsFile = z.infer<typeof settingsFileSchema>;

const countsSchema = z.strictObject(
  Object.fromEntries(
    LINE_FILES.map((f) => {
      const count = z.number().int().min(0);
      return [f.replace('.jsonl', ''), LATER_LINE_FILES.has(f) ? count.default(0) : count];
    }),
  ) as Record<CountName, z.ZodDefault<z.ZodNumber>>,
);

export const manifestSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  formatVersion: z.number().int().min(1),
  broadsheetVersion: z.string(),
  site: z.strictObject({ name: z.string(), address: z.string() }),
  createdAt: time,
  counts: countsSchema,
  /** Present and true: the comments file holds readers' email addresses. */
  personalData: z.boolean(),
  /** Images whose file the old site's store had lost: no line in media.jsonl; an import drops their uses. */
  missingMedia: z.array(z.strictObject({ id, key: z.string() })).default([]),
});
export type ExportManifest = z.infer<typeof manifestSchema>;
export type ExportCounts = ExportManifest['counts'];
