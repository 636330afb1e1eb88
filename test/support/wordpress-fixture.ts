// Stories, sections, tags, authors, images and comments for the WordPress API's tests: five published stories
// a day apart, and a draft and an unpublished story (with their own author, image and comment) that must never show.
import type { Kysely } from 'kysely';
import { indexStaleArticles } from '../../src/search/search-index.js';
import type { Database } from '../../src/storage/schema.js';
import { commentRow } from './backup-contents.js';
import { addArticle, addAuthor, addMedia, addSection, addTag } from './content.js';

export interface Fixture {
  world: number;
  local: number;
  ana: number;
  ben: number;
  hidden: number;
  climate: number;
  elections: number;
  hero: number;
  draftHero: number;
  /** Shown in the body of the second story, as the library's usage table records it. */
  bodyImage: number;
  posts: number[];
  draft: number;
  unpublished: number;
  comment: number;
  reply: number;
}

export async function seedWordPressFixture(db: Kysely<Database>): Promise<Fixture> {
  const world = await addSection(db, 'world', 'World & Co', 0);
  const local = await addSection(db, 'local', 'Local', 1);
  const ana = await addAuthor(db, 'ana', 'Ana Reporter');
  const ben = await addAuthor(db, 'ben', 'Ben Writer');
  const hidden = await addAuthor(db, 'hidden', 'Hidden Drafter');
  const climate = await addTag(db, 'climate', 'Climate');
  const elections = await addTag(db, 'elections', 'Elections');
  const hero = await addMedia(db, 'hero');
  const draftHero = await addMedia(db, 'drafthero');
  const bodyImage = await addMedia(db, 'bodyimage');
  const posts: number[] = [];
  // Five published stories, a day apart, the newest last.
  for (let i = 1; i <= 5; i++) {
    posts.push(
      await addArticle(db, {
        slug: `story-${i}`,
        headline: i === 3 ? 'Floods <reach> the valley' : `Story number ${i}`,
        dek: `Dek ${i}`,
        sectionId: i % 2 ? world : local,
        authorIds: i === 2 ? [ben, ana] : [ana],
        tagIds: i <= 2 ? [climate] : i === 5 ? [elections, climate] : [],
        heroMediaId: i === 1 ? hero : null,
        publishedAt: `2026-11-0${i}T10:00:00.000Z`,
      }),
    );
  }
  const draft = await addArticle(db, {
    slug: 'secret-draft',
    headline: 'Secret floods draft',
    status: 'draft',
    authorIds: [hidden],
    heroMediaId: draftHero,
    tagIds: [elections],
    sectionId: world,
  });
  const unpublished = await addArticle(db, { slug: 'withdrawn', status: 'unpublished', sectionId: world });
  await db
    .insertInto('article_media')
    .values([
      { article_id: posts[1]!, media_id: bodyImage, role: 'body' },
      { article_id: draft, media_id: draftHero, role: 'hero' },
    ])
    .execute();
  const comment = (
    await db.insertInto('comments').values(commentRow(posts[0]!, 1)).returning('id').executeTakeFirstOrThrow()
  ).id;
  const reply = (
    await db
      .insertInto('comments')
      .values({ ...commentRow(posts[0]!, 2, comment), author_url: 'https://reader.example/' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db
    .insertInto('comments')
    .values({ ...commentRow(posts[0]!, 3), status: 'pending' })
    .execute();
  await db.insertInto('comments').values(commentRow(draft, 4)).execute();
  // The stories went in without the editor's save, so they are indexed for search as the app does at start.
  await indexStaleArticles(db);
  return {
    world,
    local,
    ana,
    ben,
    hidden,
    climate,
    elections,
    hero,
    draftHero,
    bodyImage,
    posts,
    draft,
    unpublished,
    comment,
    reply,
  };
}
