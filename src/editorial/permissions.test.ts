// Every editorial permission rule through HTTP, on both databases: each action tried by each role (and by
// nobody signed in) against an article in the state the action needs. A refusal changes nothing: the
// article keeps its status and version, and no correction appears or disappears.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { testDatabases } from '../../test/support/databases.js';
import { fieldsFor, type Newsroom, newsroom, T0 } from '../../test/support/editorial.js';
import { type Browserish, post, signInAs } from '../../test/support/newsroom.js';
import { formOf } from './article-form.js';
import { addCorrection, listCorrections } from './corrections.js';
import { createArticle } from './drafts.js';
import { loadArticle } from './editable.js';
import { publishArticle, scheduleArticle, submitForReview } from './workflow.js';

type Role = 'anonymous' | 'owner' | 'otherContributor' | 'editor' | 'admin';
type State = 'draft' | 'review' | 'scheduled' | 'published';

interface Rule {
  action: string;
  state: State;
  method: 'GET' | 'POST';
  path: (id: number, correctionId: number) => string;
  /** The status each role gets; anonymous visitors are sent to sign in (GET) or refused (POST). */
  allowed: Role[];
}

const ROLES: Role[] = ['anonymous', 'owner', 'otherContributor', 'editor', 'admin'];
const everyone: Role[] = ['owner', 'editor', 'admin'];
const editors: Role[] = ['editor', 'admin'];

const RULES: Rule[] = [
  {
    action: 'open the edit page',
    state: 'draft',
    method: 'GET',
    path: (id) => `/admin/articles/${id}`,
    allowed: everyone,
  },
  {
    action: 'save a draft',
    state: 'draft',
    method: 'POST',
    path: (id) => `/admin/articles/${id}`,
    allowed: everyone,
  },
  {
    action: 'submit for review',
    state: 'draft',
    method: 'POST',
    path: (id) => `/admin/articles/${id}/submit`,
    allowed: everyone,
  },
  {
    action: 'take back from review',
    state: 'review',
    method: 'POST',
    path: (id) => `/admin/articles/${id}/draft`,
    allowed: everyone,
  },
  {
    action: 'open the edit page of an article in review (its writer reads it)',
    state: 'review',
    method: 'GET',
    path: (id) => `/admin/articles/${id}`,
    allowed: everyone,
  },
  {
    action: 'change an article in review',
    state: 'review',
    method: 'POST',
    path: (id) => `/admin/articles/${id}`,
    allowed: editors,
  },
  {
    action: 'return an article to its writer with notes',
    state: 'review',
    method: 'POST',
    path: (id) => `/admin/articles/${id}/return`,
    allowed: editors,
  },
  {
    action: 'publish',
    state: 'review',
    method: 'POST',
    path: (id) => `/admin/articles/${id}/publish`,
    allowed: editors,
  },
  {
    action: 'schedule',
    state: 'review',
    method: 'POST',
    path: (id) => `/admin/articles/${id}/schedule`,
    allowed: editors,
  },
  {
    action: 'cancel a schedule',
    state: 'scheduled',
    method: 'POST',
    path: (id) => `/admin/articles/${id}/draft`,
    allowed: editors,
  },
  {
    action: 'open a published article',
    state: 'published',
    method: 'GET',
    path: (id) => `/admin/articles/${id}`,
    allowed: editors,
  },
  {
    action: 'update a published article',
    state: 'published',
    method: 'POST',
    path: (id) => `/admin/articles/${id}`,
    allowed: editors,
  },
  {
    action: 'unpublish',
    state: 'published',
    method: 'POST',
    path: (id) => `/admin/articles/${id}/unpublish`,
    allowed: editors,
  },
  {
    action: 'preview',
    state: 'draft',
    method: 'GET',
    path: (id) => `/admin/articles/${id}/preview/page`,
    allowed: everyone,
  },
  {
    action: 'read the revisions',
    state: 'draft',
    method: 'GET',
    path: (id) => `/admin/articles/${id}/revisions`,
    allowed: everyone,
  },
  {
    action: 'restore a revision',
    state: 'draft',
    method: 'POST',
    path: (id) => `/admin/articles/${id}/revisions/1/restore`,
    allowed: everyone,
  },
  {
    action: 'restore a published revision',
    state: 'published',
    method: 'POST',
    path: (id) => `/admin/articles/${id}/revisions/1/restore`,
    allowed: editors,
  },
  {
    action: 'add a correction',
    state: 'published',
    method: 'POST',
    path: (id) => `/admin/articles/${id}/corrections`,
    allowed: editors,
  },
  {
    action: 'withdraw a correction',
    state: 'published',
    method: 'POST',
    path: (id, c) => `/admin/articles/${id}/corrections/${c}/withdraw`,
    allowed: editors,
  },
];

describe.each(testDatabases)('editorial permissions on $name', (database) => {
  let site: TestApp;
  let room: Newsroom;
  const sessions = {} as Record<Exclude<Role, 'anonymous'>, Browserish>;

  beforeAll(async () => {
    site = await buildTestApp({ database, clock: () => T0 });
    room = await newsroom(site.storage.db);
    sessions.owner = await signInAs(site.app, room.contributor.email);
    sessions.otherContributor = await signInAs(site.app, room.otherContributor.email);
    sessions.editor = await signInAs(site.app, room.editor.email);
    sessions.admin = await signInAs(site.app, room.admin.email);
  });
  afterAll(() => site.close());

  const deps = () => ({ db: site.storage.db, events: site.deps.events });

  /** A fresh article by the contributor, brought to `state` by an editor, with a correction once published. */
  async function articleIn(state: State): Promise<{ id: number; correctionId: number }> {
    const { id } = await createArticle(site.storage.db, room.contributor, fieldsFor(room), 'manual', T0);
    // A second save, so there is an older revision to restore.
    const db = site.storage.db;
    await db.updateTable('articles').set({ dek: 'A later dek.' }).where('id', '=', id).execute();
    let correctionId = 0;
    if (state !== 'draft') await submitForReview(deps(), room.contributor, id, T0);
    if (state === 'scheduled')
      await scheduleArticle(deps(), room.editor, id, new Date(T0.getTime() + 3_600_000), T0);
    if (state === 'published') {
      await publishArticle(deps(), room.editor, id, T0);
      correctionId = await addCorrection(deps(), room.editor, id, { kind: 'correction', text: 'A fix.' }, T0);
    }
    return { id, correctionId };
  }

  async function snapshot(id: number) {
    const article = await loadArticle(site.storage.db, id);
    const corrections = await listCorrections(site.storage.db, id);
    return {
      status: article.status,
      version: article.version,
      headline: article.fields.headline,
      corrections: corrections.map((c) => [c.id, c.withdrawnAt]),
    };
  }

  for (const rule of RULES) {
    it(`lets ${rule.allowed.join(', ')} ${rule.action}, and nobody else`, async () => {
      for (const role of ROLES) {
        const { id, correctionId } = await articleIn(rule.state);
        const before = await snapshot(id);
        const article = await loadArticle(site.storage.db, id);
        const form = formOf(article.fields);
        const fields: Record<string, string> = {
          ...form,
          authorIds: form.authorIds[0] ?? '',
          headline: `${article.fields.headline} (changed by ${role})`,
          baseVersion: String(article.version),
          scheduledAt: '2026-06-01T09:00',
          kind: 'update',
          text: `A note by ${role}.`,
          returnNote: `Notes by ${role}.`,
        };
        const url = rule.path(id, correctionId);
        const who = role === 'anonymous' ? undefined : sessions[role];
        const response =
          rule.method === 'GET'
            ? await site.app.inject({ url, headers: who ? { cookie: who.cookie } : {} })
            : await post(site.app, url, fields, who);
        const label = `${role} → ${rule.action} (${response.body.slice(0, 200)})`;
        if (rule.allowed.includes(role as Role)) {
          expect(response.statusCode, label).toBe(rule.method === 'GET' ? 200 : 303);
          continue;
        }
        if (role === 'anonymous') {
          expect(response.statusCode, label).toBe(rule.method === 'GET' ? 302 : 401);
        } else {
          expect(response.statusCode, label).toBe(403);
        }
        expect(await snapshot(id), label).toEqual(before);
      }
    });
  }
});
