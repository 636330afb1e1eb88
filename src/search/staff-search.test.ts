// The newsroom's article list searched through the index, on both databases: words in a draft's body find
// it (staff search every status), a part of a headline still does, and a contributor still sees only theirs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bodyOf } from '../../test/support/content.js';
import { type TestStorage, testDatabases } from '../../test/support/databases.js';
import { fieldsFor, minutesAfter, type Newsroom, newsroom, T0 } from '../../test/support/editorial.js';
import { createArticle } from '../editorial/drafts.js';
import { listArticles, readListQuery } from '../editorial/listing.js';

describe.each(testDatabases)('the newsroom’s search on $name', (database) => {
  let storage: TestStorage;
  let room: Newsroom;
  beforeEach(async () => {
    storage = await database.open();
    room = await newsroom(storage.db);
  });
  afterEach(async () => {
    await storage.cleanup();
  });

  const headlines = async (who: Newsroom['editor'], q: string) =>
    (await listArticles(storage.db, who, readListQuery({ q }))).items.map((a) => a.headline).sort();

  it('finds drafts by the words of their bodies and deks, phrases and prefixes too', async () => {
    await createArticle(
      storage.db,
      room.contributor,
      fieldsFor(room, {
        headline: 'Water board',
        body: bodyOf('The reservoir levels fell sharply in August.'),
      }),
      'manual',
      T0,
    );
    await createArticle(
      storage.db,
      room.editor,
      fieldsFor(room, { headline: 'Drought', dek: 'Reservoir warnings', body: bodyOf('Levels fell.') }),
      'manual',
      minutesAfter(T0, 1),
    );
    expect(await headlines(room.editor, 'reservoir')).toEqual(['Drought', 'Water board']);
    expect(await headlines(room.editor, '"fell sharply"')).toEqual(['Water board']);
    expect(await headlines(room.editor, 'reserv*')).toEqual(['Drought', 'Water board']);
    // Part of a word in a headline is still found, as before the index.
    expect(await headlines(room.editor, 'ater boa')).toEqual(['Water board']);
    // A contributor's list is still only their own articles.
    expect(await headlines(room.contributor, 'reservoir')).toEqual(['Water board']);
    expect(await headlines(room.editor, 'NEAR(" OR')).toEqual([]);
  });
});
