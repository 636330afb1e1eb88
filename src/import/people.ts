// Authors → author profiles: the bylines readers see, with no staff account and so no sign-in (an admin may
// link one to an invited staff member later, in the author screens). A profile already at the same address
// is taken to be the same person and kept as the newsroom wrote it.
import type { Kysely } from 'kysely';
import { slugify } from '../editorial/slug.js';
import type { Database } from '../storage/schema.js';
import type { ImportContext } from './import-context.js';
import { recordHash } from './ledger.js';
import type { SourcePerson } from './source-model.js';

function columns(person: SourcePerson) {
  return {
    name: person.name.trim().slice(0, 200) || person.slug,
    bio: (person.bio ?? '').trim(),
    job_title: (person.jobTitle ?? '').trim().slice(0, 200),
  };
}

export async function importPeople(
  ctx: ImportContext,
  trx: Kysely<Database>,
  people: SourcePerson[],
): Promise<void> {
  const existing = new Map(
    (await trx.selectFrom('authors').select(['id', 'slug']).execute()).map((r) => [r.slug, r.id]),
  );
  const isNew = (person: SourcePerson) => !ctx.ledger.get('person', person.sourceId);
  await ctx.keptIds.check(
    trx,
    'authors',
    people.filter(isNew).map((p) => p.userId),
  );
  for (const person of people) {
    // Hashed without the user id, which the reader learnt to read later: a site imported before it is then
    // not taken for changed, which would write the export's names over the newsroom's edits of them.
    const { userId: _userId, ...described } = person;
    const hash = recordHash(described);
    const known = ctx.ledger.get('person', person.sourceId);
    let ref: { id: number; slug: string };
    if (known) {
      ref = { id: known.localId, slug: person.slug };
      if (known.hash === hash) ctx.report.count('people', 'skipped');
      else {
        if (ctx.write)
          await trx.updateTable('authors').set(columns(person)).where('id', '=', known.localId).execute();
        await ledgerWrite(ctx, trx, person.sourceId, known.localId, hash);
        ctx.report.count('people', 'updated');
      }
    } else {
      const slug = slugify(person.slug || person.name) || `author-${person.sourceId}`;
      const sameAddress = existing.get(slug);
      if (sameAddress !== undefined) {
        ref = { id: sameAddress, slug };
        ctx.report.count('people', 'skipped');
        ctx.report.warn({
          kind: 'people',
          title: person.name,
          message: `an author profile at /authors/${slug} already exists: their bylines go to it, as it is`,
        });
      } else {
        const kept = ctx.keptIds.keep('authors', person.userId);
        const id = ctx.write
          ? (
              await trx
                .insertInto('authors')
                .values({
                  id: kept,
                  ...columns(person),
                  slug,
                  expertise: '',
                  photo_media_id: null,
                  created_at: ctx.now,
                })
                .returning('id')
                .executeTakeFirstOrThrow()
            ).id
          : ctx.nextDryId();
        existing.set(slug, id);
        ref = { id, slug };
        ctx.report.count('people', 'imported');
      }
      await ledgerWrite(ctx, trx, person.sourceId, ref.id, hash);
    }
    ctx.people.set(person.sourceId, ref);
    for (const alias of person.aliases ?? []) ctx.people.set(alias, ref);
  }
}

async function ledgerWrite(
  ctx: ImportContext,
  trx: Kysely<Database>,
  sourceId: string,
  id: number,
  hash: string,
) {
  const entry = { localKind: 'author', localId: id, hash, localVersion: null };
  if (ctx.write) await ctx.ledger.write(trx, 'person', sourceId, entry, ctx.now);
  else ctx.ledger.remember('person', sourceId, entry);
}
