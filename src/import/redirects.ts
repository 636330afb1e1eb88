// Every old address answers 301 to its new home: a post's permalink, WordPress's `?p=ID` and `?page_id=ID`,
// the date-based and category-based permalink forms (a site may have changed its permalink setting, and
// old links in the wild use the older form), attachment pages and `?attachment_id=ID`, and the archives of
// categories, tags and authors. legacy_redirects keeps the target's kind and id, not an address, so the
// redirect follows a later change of slug; legacy-redirect-route.ts answers them.
import type { Kysely } from 'kysely';
import { insertRows } from '../storage/row-insert.js';
import type { Database, LegacyTargetKind } from '../storage/schema.js';
import type { ImportContext } from './import-context.js';
import { oldPathKey, pathKey } from './old-addresses.js';
import type { SourcePost } from './source-model.js';

export interface RedirectTarget {
  kind: LegacyTargetKind;
  id: number;
  /** Its address now, for the report. */
  address: string;
}

/** The path the old site was installed under (`/blog` for https://example.org/blog), or ''. */
function basePath(ctx: ImportContext): string {
  try {
    return new URL(ctx.site).pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

/** Writes the old addresses that are not taken yet; a second run finds them all there and writes none. */
export async function writeRedirects(
  ctx: ImportContext,
  trx: Kysely<Database>,
  paths: Iterable<string>,
  target: RedirectTarget,
): Promise<void> {
  const unique = [...new Set(paths)].filter((p) => p !== '/' && p !== '');
  if (unique.length === 0) return;
  if (!ctx.write) {
    const taken = new Set(
      (
        await trx.selectFrom('legacy_redirects').select('old_path').where('old_path', 'in', unique).execute()
      ).map((r) => r.old_path),
    );
    for (const path of unique) {
      if (taken.has(path)) ctx.report.count('redirects', 'skipped');
      else ctx.report.redirect(path, target.address);
    }
    return;
  }
  const made = await insertRows(
    trx,
    'legacy_redirects',
    unique.map((old_path) => ({
      old_path,
      target_kind: target.kind,
      target_id: target.id,
      source_site: ctx.site,
      created_at: ctx.now,
    })),
    { skipConflictOn: 'old_path', returning: 'old_path' },
  );
  for (const row of made) ctx.report.redirect(String(row.old_path), target.address);
  ctx.report.count('redirects', 'skipped', unique.length - made.length);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Every address the old site may have given this post or page. */
export function postAddresses(ctx: ImportContext, post: SourcePost): string[] {
  const paths: string[] = [];
  const permalink = post.url ? oldPathKey(post.url, ctx.site, ctx.siteHost) : null;
  if (permalink) paths.push(permalink);
  if (ctx.options.system === 'wordpress' && /^\d+$/.test(post.sourceId)) {
    paths.push(`?p=${post.sourceId}`);
    if (post.type === 'page') paths.push(`?page_id=${post.sourceId}`);
  }
  if (post.type === 'article' && post.slug) {
    const base = basePath(ctx);
    const slug = encodeURIComponent(decodeSafely(post.slug)).toLowerCase();
    const date = post.publishedAt ? new Date(post.publishedAt) : null;
    if (date && !Number.isNaN(date.getTime())) {
      const [y, m, d] = [date.getUTCFullYear(), pad(date.getUTCMonth() + 1), pad(date.getUTCDate())];
      paths.push(pathKey(`${base}/${y}/${m}/${d}/${slug}`), pathKey(`${base}/${y}/${m}/${slug}`));
    }
    const category = post.primaryCategory ?? post.categories[0];
    if (category) paths.push(pathKey(`${base}/${encodeURIComponent(decodeSafely(category))}/${slug}`));
  }
  return paths;
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The archive address of a category (`parent/child` for a nested one), tag or author on the old site. */
export function archiveAddress(
  ctx: ImportContext,
  kind: 'category' | 'tag' | 'author',
  slug: string,
): string {
  const segments = slug.split('/').map((s) => encodeURIComponent(decodeSafely(s)).toLowerCase());
  return pathKey(`${basePath(ctx)}/${kind}/${segments.join('/')}`);
}

/** `?attachment_id=ID` and the attachment's own page. */
export function attachmentAddresses(ctx: ImportContext, sourceId: string, pageUrl?: string): string[] {
  const paths: string[] = [];
  if (ctx.options.system === 'wordpress' && /^\d+$/.test(sourceId)) paths.push(`?attachment_id=${sourceId}`);
  const page = pageUrl ? oldPathKey(pageUrl, ctx.site, ctx.siteHost) : null;
  if (page) paths.push(page);
  return paths;
}
