// Attachments (and images bodies or feature images name that are not attachments) → the media library.
// The file comes from the uploads folder by its relative path, else from the old site (media-fetch.ts); it is
// stored through the library's own storeImage, so its variants are made and its words (alt, caption, credit)
// kept as every upload's are; its row and its import_items row are then written in one transaction.
import { readFile, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { discardStoredImage, insertStoredImage, storeImage } from '../media/library.js';
import { fallbackVariant, findMediaByIds, type MediaItem, mediaUrl } from '../media/media.js';
import type { ImportContext } from './import-context.js';
import { recordHash } from './ledger.js';
import { mediaUrlKey } from './old-addresses.js';
import type { SourceMedia } from './source-model.js';
import { inTransaction } from './write-posts.js';

/** An image named only by its address (a Ghost feature image, a body's image that is no attachment). */
export function mediaFromAddress(url: string, alt = '', caption = ''): SourceMedia {
  const file = decodeURIComponent(new URL(url, 'http://invalid').pathname.split('/').pop() ?? '');
  return { kind: 'media', sourceId: `url:${url}`, url, title: file, alt, caption, credit: '' };
}

const newAddress = (item: Pick<MediaItem, 'variants' | 'originalKey'>) =>
  mediaUrl(fallbackVariant(item)?.key ?? item.originalKey);

/** Where the file is in the uploads folder, refusing a relative path that climbs out of it. */
function uploadsPath(dir: string, relativePath: string): string | null {
  const root = resolve(dir);
  const path = resolve(root, relativePath.replace(/^\/+/, ''));
  return path.startsWith(root + sep) ? path : null;
}

function isImage(media: SourceMedia): boolean {
  const type = media.mimeType ?? '';
  if (type) return type.startsWith('image/');
  return /\.(jpe?g|png|gif|webp|avif|tiff?)$/i.test(media.relativePath ?? media.url.split('?')[0] ?? '');
}

/** The file's address under --media-base: the old uploads folder as the old site serves it. */
const underMediaBase = (base: string, relativePath: string) =>
  `${base.replace(/\/+$/, '')}/${relativePath.replace(/^\/+/, '')}`;

async function readFileOf(ctx: ImportContext, media: SourceMedia): Promise<Buffer> {
  const { uploadsDir, mediaBaseUrl } = ctx.options;
  if (uploadsDir && media.relativePath) {
    const path = uploadsPath(uploadsDir, media.relativePath);
    if (path) {
      try {
        return await readFile(path);
      } catch {
        // Not in the folder: the old site may still serve it.
      }
    }
  }
  if (mediaBaseUrl && media.relativePath) {
    const url = underMediaBase(mediaBaseUrl, media.relativePath);
    return ctx.deps.fetchFile(url, true);
  }
  if (!media.url) throw new Error('the export names no file for it');
  return ctx.deps.fetchFile(new URL(media.url, `${ctx.site}/`).href, false);
}

/**
 * A dry run reads and fetches nothing, but it can say which files the uploads folder lacks: the real run would
 * fetch those from the old site (a failure then), or, with no address for them, fail. Null: nothing to say.
 */
async function dryRunFileProblem(
  ctx: ImportContext,
  media: SourceMedia,
): Promise<{ fails: boolean; message: string } | null> {
  const { uploadsDir, mediaBaseUrl } = ctx.options;
  if (!uploadsDir) return null;
  const path = media.relativePath ? uploadsPath(uploadsDir, media.relativePath) : null;
  if (
    path &&
    (await stat(path).then(
      (s) => s.isFile(),
      () => false,
    ))
  )
    return null;
  const from =
    mediaBaseUrl && media.relativePath ? underMediaBase(mediaBaseUrl, media.relativePath) : media.url;
  return from
    ? { fails: false, message: `is not in the uploads folder: the import will try to fetch it from ${from}` }
    : { fails: true, message: 'is not in the uploads folder, and the export names no other place for it' };
}

function details(media: SourceMedia) {
  const alt = (media.alt || media.title || media.caption || 'Image').trim().slice(0, 1000);
  return {
    altText: alt,
    caption: media.caption.trim().slice(0, 2000),
    creditPerson: media.credit.trim().slice(0, 200),
    creditOrganization: '',
    rights: 'own' as const,
  };
}

function remember(ctx: ImportContext, media: SourceMedia, id: number, url: string) {
  ctx.mediaById.set(media.sourceId, id);
  for (const address of [media.url, media.pageUrl]) {
    const key = address ? mediaUrlKey(address, ctx.site) : null;
    if (key) ctx.mediaByUrl.set(key, { id, url });
  }
}

export async function importMedia(ctx: ImportContext, items: SourceMedia[]): Promise<void> {
  const knownIds = items
    .map((m) => ctx.ledger.get('media', m.sourceId)?.localId)
    .filter((id) => id !== undefined);
  const known = ctx.write ? await findMediaByIds(ctx.db, knownIds) : new Map<number, MediaItem>();
  await ctx.keptIds.check(
    ctx.db,
    'media',
    items.filter((m) => !ctx.ledger.get('media', m.sourceId)).map((m) => m.sourceId),
  );
  for (const media of items) {
    const hash = recordHash(media);
    const entry = ctx.ledger.get('media', media.sourceId);
    const label = media.title || media.url;
    if (entry) {
      const item = known.get(entry.localId);
      remember(ctx, media, entry.localId, item ? newAddress(item) : '');
      if (entry.hash === hash) {
        ctx.report.count('media', 'skipped');
        continue;
      }
      if (ctx.write) {
        await inTransaction(ctx, async (trx) => {
          const words = details(media);
          await trx
            .updateTable('media')
            .set({
              alt_text: words.altText,
              caption: words.caption,
              credit_person: words.creditPerson,
              updated_at: ctx.now,
            })
            .where('id', '=', entry.localId)
            .execute();
          await ctx.ledger.write(trx, 'media', media.sourceId, { ...entry, hash }, ctx.now);
        });
      }
      ctx.report.count('media', 'updated');
      continue;
    }
    if (!isImage(media)) {
      ctx.report.count('media', 'failed');
      ctx.report.warn({
        kind: 'media',
        title: label,
        oldUrl: media.url,
        message: `only images are kept in the media library (this is ${media.mimeType || 'another kind of file'})`,
      });
      continue;
    }
    if (!media.alt) {
      ctx.report.warn({
        kind: 'media',
        title: label,
        oldUrl: media.url,
        message: 'had no alt text: its title or caption stands in for it',
      });
    }
    if (!ctx.write) {
      const problem = await dryRunFileProblem(ctx, media);
      if (problem)
        ctx.report.warn({ kind: 'media', title: label, oldUrl: media.url, message: problem.message });
      if (problem?.fails) {
        ctx.report.count('media', 'failed');
        continue;
      }
      ctx.keptIds.keep('media', media.sourceId);
      remember(ctx, media, ctx.nextDryId(), media.url);
      ctx.report.count('media', 'imported');
      continue;
    }
    try {
      const data = await readFileOf(ctx, media);
      const stored = await storeImage(
        ctx.deps.files,
        { data, filename: media.relativePath?.split('/').pop() ?? label, ...details(media) },
        new Date(ctx.now),
        { maxPixels: ctx.deps.maxImagePixels },
      );
      const kept = ctx.keptIds.keep('media', media.sourceId);
      try {
        const item = await inTransaction(ctx, async (trx) => {
          const item = await insertStoredImage(trx, {
            ...stored,
            row: {
              ...stored.row,
              id: kept,
              created_at: media.createdAt ?? ctx.now,
            },
          });
          await ctx.ledger.write(
            trx,
            'media',
            media.sourceId,
            { localKind: 'media', localId: item.id, hash, localVersion: null },
            ctx.now,
          );
          return item;
        });
        remember(ctx, media, item.id, newAddress(item));
      } catch (error) {
        await discardStoredImage(ctx.deps.files, stored);
        throw error;
      }
      ctx.report.count('media', 'imported');
    } catch (error) {
      ctx.report.count('media', 'failed');
      ctx.report.warn({
        kind: 'media',
        title: label,
        oldUrl: media.url,
        message: `could not be brought in: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
}
