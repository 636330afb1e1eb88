// Categories → sections, tags → tags. Sections are one level here, so a category under another becomes a
// section of its own, and the report says which were nested. A section or tag already at the same address
// is the same one: articles are filed under it, and its name stays as the newsroom wrote it.
import type { Kysely } from 'kysely';
import { slugify } from '../editorial/slug.js';
import type { Database } from '../storage/schema.js';
import type { ImportContext } from './import-context.js';
import { recordHash, type SourceKind } from './ledger.js';
import type { SourceTerm } from './source-model.js';

export async function importTerms(
  ctx: ImportContext,
  trx: Kysely<Database>,
  terms: SourceTerm[],
): Promise<void> {
  const [sections, tags] = await Promise.all([
    trx.selectFrom('sections').select(['id', 'slug', 'name', 'position']).execute(),
    trx.selectFrom('tags').select(['id', 'slug', 'name']).execute(),
  ]);
  const sectionBySlug = new Map(sections.map((s) => [s.slug, s.id]));
  const tagBySlug = new Map(tags.map((t) => [t.slug, { id: t.id, name: t.name }]));
  let position = Math.max(0, ...sections.map((s) => s.position));
  const newIds = (taxonomy: SourceTerm['taxonomy'], kind: SourceKind) =>
    terms.filter((t) => t.taxonomy === taxonomy && !ctx.ledger.get(kind, t.sourceId)).map(wordpressIdOf);
  await ctx.keptIds.check(trx, 'sections', newIds('category', 'category'));
  await ctx.keptIds.check(trx, 'tags', newIds('tag', 'tag'));

  for (const term of terms) {
    const isSection = term.taxonomy === 'category';
    const kind: SourceKind = isSection ? 'category' : 'tag';
    const report = isSection ? 'sections' : 'tags';
    const hash = recordHash(term);
    const slug = slugify(term.slug || term.name) || `${kind}-${term.sourceId}`;
    const name = term.name.trim().slice(0, 100) || slug;
    const known = ctx.ledger.get(kind, term.sourceId);
    let id: number;
    if (known) {
      id = known.localId;
      if (known.hash === hash) ctx.report.count(report, 'skipped');
      else {
        if (ctx.write) {
          if (isSection) {
            await trx
              .updateTable('sections')
              .set({ name, description: term.description ?? '' })
              .where('id', '=', id)
              .execute();
          } else await trx.updateTable('tags').set({ name }).where('id', '=', id).execute();
        }
        ctx.report.count(report, 'updated');
      }
    } else {
      const existing = isSection ? sectionBySlug.get(slug) : tagBySlug.get(slug)?.id;
      if (existing !== undefined) {
        id = existing;
        ctx.report.count(report, 'skipped');
      } else if (!ctx.write) {
        ctx.keptIds.keep(isSection ? 'sections' : 'tags', wordpressIdOf(term));
        id = ctx.nextDryId();
        ctx.report.count(report, 'imported');
      } else if (isSection) {
        position += 1;
        const kept = ctx.keptIds.keep('sections', wordpressIdOf(term));
        id = (
          await trx
            .insertInto('sections')
            .values({
              id: kept,
              slug,
              name,
              description: term.description ?? '',
              position,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
        ctx.report.count(report, 'imported');
      } else {
        const kept = ctx.keptIds.keep('tags', wordpressIdOf(term));
        id = (
          await trx
            .insertInto('tags')
            .values({ id: kept, slug, name })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
        ctx.report.count(report, 'imported');
      }
      if (isSection) sectionBySlug.set(slug, id);
      else tagBySlug.set(slug, { id, name });
    }
    if (!known || known.hash !== hash) {
      const entry = { localKind: isSection ? 'section' : 'tag', localId: id, hash, localVersion: null };
      if (ctx.write) await ctx.ledger.write(trx, kind, term.sourceId, entry, ctx.now);
      else ctx.ledger.remember(kind, term.sourceId, entry);
    }
    if (isSection) {
      ctx.sections.set(term.slug, { id, slug });
      if (term.parentSlug && !known) {
        ctx.report.warn({
          kind: 'sections',
          title: name,
          message: `was under “${term.parentSlug}”; sections here are one level, so it is a section of its own`,
        });
      }
    } else ctx.tags.set(term.slug, { id, slug, name: tagBySlug.get(slug)?.name ?? name });
  }
}

/** The term's WordPress id: a WXR term without `wp:term_id` is known by its slug, which may be digits. */
function wordpressIdOf(term: SourceTerm): string | undefined {
  return term.sourceId === term.slug ? undefined : term.sourceId;
}

/** A tag named by a post but not listed among the export's terms (Ghost, hand-made files): made on first use. */
export async function tagFor(
  ctx: ImportContext,
  trx: Kysely<Database>,
  slugOrName: string,
): Promise<{ id: number; name: string } | null> {
  const known = ctx.tags.get(slugOrName);
  if (known) return known;
  const slug = slugify(slugOrName);
  if (!slug) return null;
  const row = await trx.selectFrom('tags').select(['id', 'name']).where('slug', '=', slug).executeTakeFirst();
  let ref: { id: number; slug: string; name: string };
  if (row) ref = { id: row.id, slug, name: row.name };
  else if (!ctx.write) ref = { id: ctx.nextDryId(), slug, name: slugOrName };
  else {
    const id = (
      await trx
        .insertInto('tags')
        .values({ slug, name: slugOrName })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    ref = { id, slug, name: slugOrName };
  }
  ctx.tags.set(slugOrName, ref);
  return ref;
}
