// Renders the edit page from whatever a request ended with: the saved article, a refused form shown again
// as typed (errors beside their fields), or a conflict with the newer version's differences.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { renderAdmin } from '../admin/auth/render.js';
import type { FieldErrors } from '../http/errors.js';
import type { SiteState } from '../site/site-state.js';
import type { Database } from '../storage/schema.js';
import { readableDate } from '../views/dates.js';
import { listCorrections } from './corrections.js';
import type { StaleSave } from './drafts.js';
import type { EditableArticle } from './editable.js';
import { type ArticleFields, type ArticleForm, formOf } from './fields.js';
import { editorChoices } from './listing.js';
import { mediaChoicesFor } from './media-choices.js';
import { type CorrectionDraft, CorrectionsPanel } from './pages/corrections-admin.js';
import { type ConflictInfo, EditForm } from './pages/edit-page.js';
import { WorkflowPanel } from './pages/workflow-panel.js';
import * as q from './queries.js';
import { diffFields, fieldNames } from './revisions.js';
import { localInputValue, publicationTime, publishReadiness } from './workflow.js';

export interface EditViewDeps {
  db: Kysely<Database>;
  site: SiteState;
  clock: () => Date;
}

export interface EditState {
  /** null for a new article. */
  article: EditableArticle | null;
  /** What to show in the form; the saved article's fields when absent. */
  form?: ArticleForm;
  baseVersion?: number;
  errors?: FieldErrors;
  message?: string;
  conflict?: { error: StaleSave; mine: ArticleFields };
  correctionDraft?: CorrectionDraft;
  status?: number;
}

export async function timeFormat(site: SiteState) {
  const { settings } = await site.context();
  return {
    timeZone: settings.timeZone,
    when: (iso: string) => readableDate(iso, settings.language, settings.timeZone, true),
  };
}

function mediaIdsIn(form: ArticleForm): number[] {
  const ids = [...form.body.matchAll(/"mediaId":(\d+)/g)].map((m) => Number(m[1]));
  return form.heroMediaId && /^\d+$/.test(form.heroMediaId) ? [...ids, Number(form.heroMediaId)] : ids;
}

export async function renderEditPage(
  deps: EditViewDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  state: EditState,
) {
  const { db } = deps;
  const me = request.staff!;
  const article = state.article;
  const form = state.form ?? (article ? formOf(article.fields) : blankForm(me.authorId));
  const usedIds = mediaIdsIn(form);
  const [choices, media, { when, timeZone }] = await Promise.all([
    editorChoices(db),
    mediaChoicesFor(db, usedIds, deps.clock()),
    timeFormat(deps.site),
  ]);
  let conflict: ConflictInfo | undefined;
  if (state.conflict && article) {
    const { error, mine } = state.conflict;
    const names = await fieldNames(db, [error.current.fields, mine]);
    conflict = {
      version: error.current.version,
      savedBy: error.savedByName,
      savedByYou: error.savedByYou,
      savedAt: error.current.savedAt,
      changes: diffFields(error.current.fields, mine, names),
      reloadHref: `/admin/articles/${article.id}`,
    };
  }
  let side = null;
  if (article) {
    // A scheduled article must still be publishable when its time comes, licences included.
    const now = deps.clock();
    const [readiness, corrections, oldSlugs] = await Promise.all([
      publishReadiness({ db }, article, publicationTime(article, now)),
      listCorrections(db, article.id),
      q.selectOldSlugs(db, article.id),
    ]);
    // A draft held back by the scheduler keeps the time it missed; a new schedule must be in the future.
    const scheduleAt =
      article.status === 'scheduled' && article.scheduledAt
        ? article.scheduledAt
        : new Date(now.getTime() + 60 * 60 * 1000).toISOString();
    side = (
      <>
        <WorkflowPanel
          me={me}
          article={article}
          problems={readiness.problems}
          warnings={readiness.warnings}
          scheduleValue={localInputValue(scheduleAt, timeZone)}
          timeZone={timeZone}
          when={when}
          oldSlugs={oldSlugs}
        />
        <CorrectionsPanel
          me={me}
          csrfToken={request.csrfToken}
          article={article}
          corrections={corrections}
          draft={state.correctionDraft}
          when={when}
        />
      </>
    );
  }
  const editorMedia = Object.fromEntries(media.filter((m) => usedIds.includes(m.id)).map((m) => [m.id, m]));
  return renderAdmin(request, reply, {
    title: article ? `Edit: ${article.fields.headline}` : 'New article',
    status: state.status,
    assets: ['editor.css', 'editor.js'],
    body: (
      <>
        <h1>{article ? 'Edit article' : 'New article'}</h1>
        <div class="edit-layout">
          <div>
            <EditForm
              csrfToken={request.csrfToken}
              article={article}
              form={form}
              baseVersion={state.baseVersion ?? article?.version ?? 0}
              choices={choices}
              media={media}
              editorMedia={editorMedia}
              errors={state.errors}
              message={state.message}
              conflict={conflict}
              when={when}
            />
          </div>
          {side && <aside class="edit-aside">{side}</aside>}
        </div>
      </>
    ),
  });
}

export function blankForm(authorId: number | null): ArticleForm {
  return {
    headline: '',
    seoHeadline: '',
    socialHeadline: '',
    dek: '',
    slug: '',
    sectionId: '',
    tags: '',
    authorIds: authorId ? [String(authorId)] : [],
    workType: 'news',
    dateline: '',
    heroMediaId: '',
    body: '{"type":"doc","content":[]}',
    bodyText: '',
    bodyFormat: 'text',
  };
}
