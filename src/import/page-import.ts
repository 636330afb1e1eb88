// A WordPress page or Ghost page → one of the newsroom's standing pages (pages/), with its first revision,
// written with the page editor's own row and revision writers (pages/admin/page-store.ts), in one transaction with its
// old addresses and its import_items row. Pages take no comments here; the report says when some are left.
import type { Kysely } from 'kysely';
import { addRevision, insertPageRow } from '../pages/admin/page-store.js';
import { pagePath } from '../pages/page-refs.js';
import type { Database } from '../storage/schema.js';
import { plainLine } from './body-conversion.js';
import type { ImportContext } from './import-context.js';
import { recordHash } from './ledger.js';
import { mediaIdFor, newAddressFor } from './old-addresses.js';
import { plannedSlug } from './plan-posts.js';
import { postAddresses, writeRedirects } from './redirects.js';
import type { SourcePost } from './source-model.js';

export async function importPage(ctx: ImportContext, trx: Kysely<Database>, post: SourcePost): Promise<void> {
  const hash = recordHash(post);
  const entry = ctx.ledger.get('page', post.sourceId);
  if (entry && entry.hash === hash) {
    ctx.report.count('pages', 'skipped');
    return;
  }
  const slug = plannedSlug(ctx, post);
  const warn = (message: string) =>
    ctx.report.warn({ kind: 'pages', title: post.title || slug, oldUrl: post.url, message });
  if (post.comments.length > 0)
    warn(`its ${post.comments.length} comments were left out: pages take no comments here`);
  const converted = ctx.deps.bodies.convert(post.body, {
    image: (ref) => mediaIdFor(ctx, ref),
    link: (url) => newAddressFor(ctx, url),
  });
  for (const message of converted.warnings) warn(message);
  const fields = {
    title: post.title.trim() || slug,
    slug,
    description: (post.seo.description ?? '').trim() || plainLine(ctx.deps.bodies, post.excerpt),
    body: converted.document,
  };
  const published = post.status === 'published';
  {
    const at = ctx.now;
    let id: number;
    let version = 1;
    if (!ctx.write) {
      if (!entry) ctx.keptIds.keep('pages', post.sourceId);
      id = entry?.localId ?? ctx.nextDryId();
    } else if (entry) {
      id = entry.localId;
      const current = await trx.selectFrom('pages').select('version').where('id', '=', id).executeTakeFirst();
      if (!current || current.version !== entry.localVersion) {
        warn(
          current
            ? 'was edited here since it was imported: it is kept as edited here'
            : 'was deleted here since it was imported',
        );
        ctx.report.count('pages', 'skipped');
        return;
      }
      version = current.version + 1;
      await trx
        .updateTable('pages')
        .set({
          title: fields.title,
          description: fields.description,
          body: JSON.stringify(fields.body),
          version,
          updated_at: at,
        })
        .where('id', '=', id)
        .execute();
    } else {
      const kept = ctx.keptIds.keep('pages', post.sourceId);
      id = await insertPageRow(trx, {
        id: kept,
        slug,
        title: fields.title,
        description: fields.description,
        body: JSON.stringify(fields.body),
        status: published ? 'published' : 'draft',
        version: 1,
        published_at: published ? (post.publishedAt ?? at) : null,
        created_by: ctx.options.staffId ?? null,
        created_at: post.createdAt ?? post.publishedAt ?? at,
        updated_at: post.modifiedAt ?? at,
      });
    }
    // The page editor's own revision, so a later edit here can be compared with the imported text.
    if (ctx.write) await addRevision(trx, id, version, fields, ctx.options.staffId ?? null, at);
    await writeRedirects(ctx, trx, postAddresses(ctx, post), { kind: 'page', id, address: pagePath(slug) });
    const ledgerEntry = { localKind: 'page', localId: id, hash, localVersion: version };
    if (ctx.write) await ctx.ledger.write(trx, 'page', post.sourceId, ledgerEntry, at);
    else ctx.ledger.remember('page', post.sourceId, ledgerEntry);
    ctx.report.count('pages', entry ? 'updated' : 'imported');
  }
}
