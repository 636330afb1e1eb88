// Renders the edit page from whatever a request ended with: the saved article, a refused form shown again
// as typed (errors beside their fields), or a conflict with the newer version's differences.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { renderAdmin } from '../admin/auth/render.js';
import { formText } from '../admin/views/form.js';
import type { FieldErrors } from '../http/errors.js';
import type { SiteState } from '../site/site-state.js';
import type { Database } from '../storage/schema.js';
import { type ArticleForm, blankForm, formOf } from './article-form.js';
import { bylineChoices } from './byline-rule.js';
import { conflictInfo } from './conflict-info.js';
import { sidePanels } from './edit-side.js';
import type { EditableArticle } from './editable.js';
import { editorChoices } from './editor-choices.js';
import type { ArticleFields } from './fields.js';
import { mediaChoicesFor } from './media-choices.js';
import type { CorrectionDraft } from './pages/corrections-admin.js';
import { EditForm } from './pages/edit-page.js';
import { reviewState } from './review-notice.js';
import { unreadReturnCount } from './review-returns.js';
import type { StaleSave } from './stale-save.js';
import { timeFormat } from './time-format.js';

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
  /** Not an error: what the form holds that is not saved yet (an old version loaded to be restored). */
  notice?: string;
  conflict?: { error: StaleSave; mine: ArticleFields };
  correctionDraft?: CorrectionDraft;
  status?: number;
  /** Shown to read, not to change (a contributor's own article while an editor reviews it). */
  readOnly?: boolean;
  /** The notes for the writer as typed, kept when returning the article was refused. */
  returnNote?: string;
}

function mediaIdsIn(form: ArticleForm): number[] {
  const ids = [...form.body.matchAll(/"mediaId":(\d+)/g)].map((m) => Number(m[1]));
  const chosen = [form.heroMediaId, form.socialImageId].filter((id) => /^\d+$/.test(id)).map(Number);
  return [...ids, ...chosen];
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
  const readOnly = state.readOnly === true && article !== null;
  const [allChoices, media, time, site, review] = await Promise.all([
    editorChoices(db),
    mediaChoicesFor(db, usedIds, deps.clock()),
    timeFormat(deps.site),
    deps.site.context(),
    article ? reviewState(db, me, article, deps.clock()) : null,
  ]);
  // Opening a returned article read its notice: the count in the header, made before, says so on this page.
  if (review?.returned && request.returnedToYou > 0)
    request.returnedToYou = await unreadReturnCount(db, me.id);
  // The byline picker offers what this person may choose (editorial/byline-rule.ts checks it again).
  const choices = {
    ...allChoices,
    authors: bylineChoices(me, allChoices.authors, article?.fields.authorIds ?? []),
  };
  const zoned = (iso: string) => `${time.when(iso)} (${time.timeZone})`;
  const conflict = state.conflict && article ? await conflictInfo(db, article, state.conflict) : undefined;
  const side = article
    ? await sidePanels(deps, request, article, time, state.correctionDraft, {
        readOnly,
        // Whatever refused a post (the article form's own errors, a conflict), the notes typed stay on show.
        returnNote: state.returnNote ?? formText(request.body, 'returnNote'),
        errors: state.errors,
      })
    : null;
  // Every image the lists offer, not only those in use: choosing one from the hero or social image list
  // shows its picture (and redraws the social card) without asking the server.
  const editorMedia = Object.fromEntries(media.map((m) => [m.id, m]));
  return renderAdmin(request, reply, {
    title: article ? `Edit: ${article.fields.headline}` : 'New article',
    status: state.status,
    // Read-only, the plain form is the page: no editor script to make it editable again.
    assets: readOnly ? ['editor.css'] : ['editor.css', 'editor.js'],
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
              siteUrl={site.baseUrl}
              errors={state.errors}
              message={state.message}
              notice={state.notice}
              conflict={conflict}
              when={time.when}
              readOnly={
                readOnly ? { submittedAt: review?.submittedAt ? zoned(review.submittedAt) : null } : undefined
              }
              returned={
                review?.returned
                  ? { by: review.returned.by, at: zoned(review.returned.at), note: review.returned.note }
                  : undefined
              }
            />
          </div>
          {side && <aside class="edit-aside">{side}</aside>}
        </div>
      </>
    ),
  });
}
