// WordPress's sticky posts → the pin on the home front. A front has one pin: the newest sticky story that
// is published takes it, unless an editor has pinned one already; the report names the rest.
import { publishDraft, readDraft, readLayout, saveDraft } from '../fronts/front-store.js';
import type { ImportContext } from './import-context.js';

const HOME = 'home';

export async function pinSticky(ctx: ImportContext, sticky: number[]): Promise<void> {
  if (sticky.length === 0) return;
  const published = ctx.write
    ? await ctx.db
        .selectFrom('articles')
        .select(['id', 'headline'])
        .where('id', 'in', sticky)
        .where('status', '=', 'published')
        .orderBy('published_at', 'desc')
        .execute()
    : [];
  const [newest, ...others] = published;
  const live = ctx.write ? await readLayout(ctx.db, HOME, 'live') : null;
  // An editor's unpublished draft of the home front is theirs to publish, not the import's.
  const draftPending = ctx.write && (await readDraft(ctx.db, HOME)).unpublished;
  if (newest && live && !live.pinned && !draftPending) {
    await saveDraft(
      ctx.db,
      HOME,
      { ...live, pinned: { id: newest.id, until: null } },
      ctx.options.staffId ?? null,
      new Date(ctx.now),
    );
    await publishDraft(ctx.db, HOME, ctx.options.staffId ?? null, new Date(ctx.now));
  } else if (newest && live?.pinned?.id !== newest.id) {
    others.unshift(newest);
  }
  for (const story of others) {
    ctx.report.warn({
      kind: 'articles',
      title: story.headline,
      message: 'was sticky on the old site; the home page has one pin, which another story holds',
    });
  }
  if (!ctx.write) {
    ctx.report.warn({
      kind: 'articles',
      title: 'Sticky stories',
      message: `${sticky.length} sticky stories: the newest published one would be pinned on the home page`,
    });
  }
}
