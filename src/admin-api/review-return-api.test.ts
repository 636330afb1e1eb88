// Returning a submitted article to its writer through the admin API (POST /api/admin/articles/:id/return), on
// both databases, the mail going through a real SMTP server in this process as in the newsroom's own test
// (editorial/review-return.test.ts): the same step as the newsroom's button (back to draft, the notes on the
// step with the token's name, a notice row per writer, one mail each), and every refusal in the API's shape.
import type { LightMyRequestResponse } from 'fastify';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_ORIGIN, type TestApp } from '../../test/support/app.js';
import { testDatabases } from '../../test/support/databases.js';
import { fieldsFor, type Newsroom, newsroom } from '../../test/support/editorial.js';
import { refusableSmtpMailer, startSmtpServer } from '../../test/support/newsroom.js';
import type { StaffMember } from '../admin/guardian.js';
import { createArticle } from '../editorial/drafts.js';
import { loadArticle } from '../editorial/editable.js';
import { RETURN_NOTE_MAX, returnedTo } from '../editorial/review-returns.js';
import { publishArticle, submitForReview } from '../editorial/workflow.js';
import type { ApiScope } from './scopes.js';
import { createApiToken } from './tokens.js';

const SECRET = 'test-secret-test-secret-test-secret-0123';

type Json = Record<string, unknown>;
type ApiError = { code: string; message: string; fields: Record<string, string> };
const errorOf = (response: LightMyRequestResponse) => (response.json() as { error: ApiError }).error;

describe.each(testDatabases)(
  'returning an article to its writer through the admin API on $name',
  (database) => {
    let site: TestApp;
    let room: Newsroom;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let mail: ReturnType<typeof refusableSmtpMailer>;
    const tokens = {} as Record<'editor' | 'contributor' | 'editorWithoutPublish', string>;

    async function tokenFor(staff: StaffMember, scopes: ApiScope[], name: string) {
      const made = await createApiToken(
        site.storage.db,
        SECRET,
        room.admin,
        { name, scopes, staffId: String(staff.id), expiresAt: '' },
        new Date(),
      );
      return made.token;
    }

    beforeAll(async () => {
      smtp = await startSmtpServer();
      mail = refusableSmtpMailer(smtp.url);
      site = await buildTestApp({ database, mailer: mail.mailer });
      room = await newsroom(site.storage.db);
      tokens.editor = await tokenFor(room.editor, ['articles:read', 'articles:publish'], 'Desk script');
      tokens.contributor = await tokenFor(room.contributor, ['articles:publish'], 'Cora’s script');
      tokens.editorWithoutPublish = await tokenFor(
        room.editor,
        ['articles:read', 'articles:write'],
        'Writer bot',
      );
    });
    afterAll(async () => {
      await site.close();
      await smtp.close();
    });
    beforeEach(() => {
      smtp.mails.length = 0;
      mail.refusing = false;
    });

    const deps = () => ({ db: site.storage.db, events: site.deps.events });

    function returnVia(token: string | null, id: number | string, body?: unknown) {
      return site.app.inject({
        method: 'POST',
        url: `/api/admin/articles/${id}/return`,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
    }

    /** A contributor's article, submitted for review. */
    async function submitted(headline: string): Promise<number> {
      const { id } = await createArticle(
        site.storage.db,
        room.contributor,
        fieldsFor(room, { headline }),
        'manual',
        new Date(),
      );
      await submitForReview(deps(), room.contributor, id, new Date());
      return id;
    }

    async function returnSteps(id: number) {
      return site.storage.db
        .selectFrom('article_activity')
        .select(['id', 'staff_id', 'via', 'note'])
        .where('article_id', '=', id)
        .where('action', '=', 'returned')
        .execute();
    }

    async function noticesOf(id: number) {
      return site.storage.db
        .selectFrom('review_notices')
        .innerJoin('article_activity', 'article_activity.id', 'review_notices.activity_id')
        .select(['review_notices.staff_id', 'review_notices.seen_at'])
        .where('article_activity.article_id', '=', id)
        .execute();
    }

    /** Refused: still in review, nothing recorded, nobody mailed. */
    async function expectUnchanged(id: number, status = 'review') {
      expect((await loadArticle(site.storage.db, id)).status).toBe(status);
      expect(await returnSteps(id)).toHaveLength(0);
      expect(await noticesOf(id)).toHaveLength(0);
      expect(smtp.mails).toHaveLength(0);
    }

    it('returns it to draft with the notes, a notice for the writer and their mail, as the newsroom does', async () => {
      const id = await submitted('Harbour <dues> go up');
      const note = 'Please check the figures.\r\nAnd name the second source.  ';
      const response = await returnVia(tokens.editor, id, { returnNote: note });
      expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
      const body = response.json() as { article: Json; returned: Json };
      const article = await loadArticle(site.storage.db, id);
      expect(article.status).toBe('draft');
      expect(body.article).toMatchObject({ id, status: 'draft', version: article.version });
      expect(response.headers.etag).toBe(`"article-${id}-v${article.version}"`);
      expect(response.headers['cache-control']).toBe('no-store');
      // The notes as the domain keeps them (line breaks made plain, trimmed); writers by name, not address.
      expect(body.returned).toEqual({
        note: 'Please check the figures.\nAnd name the second source.',
        writers: [{ staffId: room.contributor.id, name: 'Cora Contributor', emailed: true }],
      });
      expect(response.body).not.toContain(room.contributor.email);

      // The step with its notes, taken by the editor through the token; one notice, unread, for the writer.
      const steps = await returnSteps(id);
      expect(steps).toEqual([
        {
          id: expect.any(Number),
          staff_id: room.editor.id,
          via: 'Desk script',
          note: 'Please check the figures.\nAnd name the second source.',
        },
      ]);
      expect(await noticesOf(id)).toEqual([{ staff_id: room.contributor.id, seen_at: null }]);
      const waiting = await returnedTo(site.storage.db, room.contributor.id);
      expect(waiting.find((r) => r.articleId === id)).toMatchObject({ by: 'Eli Editor', unread: true });

      // The same mail the newsroom's button sends.
      const [mail] = await smtp.waitForMail(1);
      expect(mail!.to).toEqual([room.contributor.email]);
      const parsed = await simpleParser(mail!.raw);
      expect(parsed.subject).toBe('Returned to you with notes: “Harbour <dues> go up”');
      expect(parsed.text).toContain('Eli Editor returned');
      expect(parsed.text).toContain('And name the second source.');
      expect(parsed.text).toContain(`${TEST_ORIGIN}/admin/articles/${id}`);

      // Once returned it is a draft: a second return is refused for its status.
      const again = await returnVia(tokens.editor, id, { returnNote: 'Twice.' });
      expect(again.statusCode).toBe(409);
      expect(await returnSteps(id)).toHaveLength(1);
    });

    it('keeps the return when the mail cannot be sent, and says whose mail did not go', async () => {
      const id = await submitted('The mail server refuses');
      mail.refusing = true;
      const response = await returnVia(tokens.editor, id, { returnNote: 'Add a photo credit.' });
      expect(response.statusCode).toBe(200);
      expect((response.json() as { returned: Json }).returned).toEqual({
        note: 'Add a photo credit.',
        writers: [{ staffId: room.contributor.id, name: 'Cora Contributor', emailed: false }],
      });
      expect((await loadArticle(site.storage.db, id)).status).toBe('draft');
      expect(await noticesOf(id)).toEqual([{ staff_id: room.contributor.id, seen_at: null }]);
    });

    it('refuses missing, blank, overlong or mistyped notes with 400, naming the field, and changes nothing', async () => {
      const id = await submitted('Notes to come');
      for (const body of [undefined, {}, { returnNote: ' \n ' }]) {
        const response = await returnVia(tokens.editor, id, body);
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(errorOf(response)).toEqual({
          code: 'INVALID',
          message: 'The article was not returned: tell the writer what to change.',
          fields: { returnNote: 'Write the notes for the writer.' },
        });
      }
      const long = 'x'.repeat(RETURN_NOTE_MAX + 1);
      const overlong = await returnVia(tokens.editor, id, { returnNote: long });
      expect(overlong.statusCode).toBe(400);
      expect(errorOf(overlong).fields.returnNote).toBe(
        `Notes may be at most ${RETURN_NOTE_MAX} characters; these are ${RETURN_NOTE_MAX + 1}.`,
      );
      const mistyped = await returnVia(tokens.editor, id, { returnNote: 42 });
      expect(mistyped.statusCode).toBe(400);
      expect(errorOf(mistyped).code).toBe('INVALID');
      expect(Object.keys(errorOf(mistyped).fields)).toEqual(['returnNote']);
      const unknownField = await returnVia(tokens.editor, id, {
        returnNote: 'Fine.',
        headline: 'Sneaked in',
      });
      expect(unknownField.statusCode).toBe(400);
      expect(errorOf(unknownField).code).toBe('INVALID');
      await expectUnchanged(id);
    });

    it('answers 404 for an article that does not exist', async () => {
      for (const id of ['999999', 'abc']) {
        const response = await returnVia(tokens.editor, id, { returnNote: 'Fix it.' });
        expect(response.statusCode).toBe(404);
        expect(errorOf(response).code).toBe('NOT_FOUND');
      }
      expect(smtp.mails).toHaveLength(0);
    });

    it('answers 409 for an article that is not in review', async () => {
      const { id: draft } = await createArticle(
        site.storage.db,
        room.contributor,
        fieldsFor(room, { headline: 'Still a draft' }),
        'manual',
        new Date(),
      );
      const notSubmitted = await returnVia(tokens.editor, draft, { returnNote: 'Fix it.' });
      expect(notSubmitted.statusCode).toBe(409);
      expect(errorOf(notSubmitted)).toEqual({
        code: 'CONFLICT',
        message: 'Only an article in review can be returned to its writer; this one is draft.',
        fields: {},
      });
      await expectUnchanged(draft, 'draft');

      const live = await submitted('Already out');
      await publishArticle(deps(), room.editor, live, new Date());
      const published = await returnVia(tokens.editor, live, { returnNote: 'Too late.' });
      expect(published.statusCode).toBe(409);
      expect(errorOf(published).message).toBe(
        'Only an article in review can be returned to its writer; this one is published.',
      );
      await expectUnchanged(live, 'published');
    });

    it('answers 403 to a contributor’s token and to a token without the publish scope, 401 without a token', async () => {
      const id = await submitted('Only editors return');
      const byContributor = await returnVia(tokens.contributor, id, { returnNote: 'Mine.' });
      expect(byContributor.statusCode).toBe(403);
      expect(errorOf(byContributor)).toEqual({
        code: 'FORBIDDEN',
        message: 'Only editors and admins may return an article to its writer.',
        fields: {},
      });
      // Who may comes before what was sent: a contributor learns nothing of the notes' rule or the article.
      expect((await returnVia(tokens.contributor, id, {})).statusCode).toBe(403);
      expect((await returnVia(tokens.contributor, 999999, { returnNote: 'Mine.' })).statusCode).toBe(403);

      const withoutScope = await returnVia(tokens.editorWithoutPublish, id, { returnNote: 'Fix it.' });
      expect(withoutScope.statusCode).toBe(403);
      expect(errorOf(withoutScope).code).toBe('FORBIDDEN');
      expect(errorOf(withoutScope).message).toContain('“articles:publish” scope');

      const anonymous = await returnVia(null, id, { returnNote: 'Fix it.' });
      expect(anonymous.statusCode).toBe(401);
      expect(errorOf(anonymous).code).toBe('UNAUTHORIZED');
      await expectUnchanged(id);
    });
  },
);
