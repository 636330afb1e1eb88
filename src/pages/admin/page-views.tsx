// The newsroom's page screens: the list of pages, the edit form around the shared body editor, and a page's
// revisions with a way back to any of them.
import { CsrfField } from '../../admin/views/admin-layout.js';
import { ErrorSummary, Field } from '../../admin/views/form.js';
import { PostButton } from '../../admin/views/post-button.js';
import { documentText } from '../../articles/render/document.js';
import type { MediaChoice } from '../../editorial/media-choices.js';
import { BodyField } from '../../editorial/pages/body-field.js';
import type { FieldErrors } from '../../http/errors.js';
import { pagePath } from '../page-path.js';
import type { PageForm } from './page-input.js';
import type { ManagedPage, PageRevision } from './page-store.js';

const LABELS = { title: 'Title', slug: 'Address', description: 'Description', body: 'Body' };

export function PageListPage(props: { pages: ManagedPage[]; when: (iso: string) => string }) {
  return (
    <>
      <h1>Pages</h1>
      <p>
        The site's standing pages: About, the masthead, the ethics and corrections policies, how to reach the
        newsroom. Link them from the menus and from the Trust Project settings.
      </p>
      <p>
        <a class="button" href="/admin/pages/new">
          New page
        </a>{' '}
        <a href="/admin/menus">Header and footer menus</a>
      </p>
      {props.pages.length === 0 ? (
        <p>No pages yet.</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Address</th>
              <th scope="col">Status</th>
              <th scope="col">Saved</th>
            </tr>
          </thead>
          <tbody>
            {props.pages.map((page) => (
              <tr>
                <td>
                  <a href={`/admin/pages/${page.id}`}>{page.title}</a>
                </td>
                <td>
                  <code>{pagePath(page.slug)}</code>
                </td>
                <td>{page.status === 'published' ? 'Published' : 'Draft'}</td>
                <td>{props.when(page.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function pageToForm(page: ManagedPage): PageForm {
  return {
    title: page.title,
    slug: page.slug,
    description: page.description,
    body: JSON.stringify(page.body),
    bodyText: documentText(page.body),
    bodyFormat: 'json',
  };
}

export const BLANK_PAGE_FORM: PageForm = {
  title: '',
  slug: '',
  description: '',
  body: '',
  bodyText: '',
  bodyFormat: 'text',
};

export function PageEditPage(props: {
  csrfToken: string;
  page: ManagedPage | null;
  form: PageForm;
  baseVersion: number;
  errors?: FieldErrors;
  message?: string;
  editorMedia: Record<number, MediaChoice>;
  when: (iso: string) => string;
}) {
  const { page, form, errors } = props;
  const published = page?.status === 'published';
  return (
    <>
      <h1>{page ? 'Edit page' : 'New page'}</h1>
      <ErrorSummary message={props.message} errors={errors} labels={LABELS} />
      <form
        id="page-form"
        class="article-form"
        method="post"
        action={page ? `/admin/pages/${page.id}` : '/admin/pages'}
        novalidate
        data-article-id={page ? `page-${page.id}` : 'page-new'}
        data-autosave="off"
      >
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="baseVersion" value={String(props.baseVersion)} />
        <Field name="title" label="Title" value={form.title} errors={errors} required maxLength={200} />
        <Field
          name="slug"
          label="Address"
          value={form.slug}
          errors={errors}
          maxLength={80}
          hint="The page's address after the site's name, such as about or ethics. Left empty, it is made from the title."
        />
        <Field
          name="description"
          label="Description"
          value={form.description}
          errors={errors}
          multiline
          maxLength={300}
          hint="One or two sentences for search results and shared links."
        />
        <BodyField form={form} errors={errors} editorMedia={props.editorMedia} />
        <div class="editor-actions">
          <button type="submit" name="intent" value="save">
            {published ? 'Update the published page' : 'Save'}
          </button>
          <span class="save-status" role="status" aria-live="polite">
            {page
              ? `${published ? 'Published' : 'Draft'} · version ${page.version}, saved ${props.when(page.updatedAt)}`
              : 'Not saved yet'}
          </span>
        </div>
      </form>
      {page && (
        <div class="page-actions">
          {published ? (
            <>
              <p>
                Readers see this page at <a href={pagePath(page.slug)}>{pagePath(page.slug)}</a>.
              </p>
              <PostButton
                action={`/admin/pages/${page.id}/unpublish`}
                csrfToken={props.csrfToken}
                kind="danger"
                confirm="Take this page off the site? Its address will show “not found”."
              >
                Unpublish
              </PostButton>
            </>
          ) : (
            <PostButton action={`/admin/pages/${page.id}/publish`} csrfToken={props.csrfToken}>
              Publish
            </PostButton>
          )}{' '}
          <a href={`/admin/pages/${page.id}/revisions`}>Revisions</a>
        </div>
      )}
    </>
  );
}

export function PageRevisionsPage(props: {
  csrfToken: string;
  page: ManagedPage;
  revisions: PageRevision[];
  when: (iso: string) => string;
}) {
  const { page } = props;
  return (
    <>
      <h1>Revisions of “{page.title}”</h1>
      <p>
        <a href={`/admin/pages/${page.id}`}>Back to the page</a>
      </p>
      <ol class="revision-list">
        {props.revisions.map((revision) => (
          <li>
            <h2>
              Version {revision.version} · {props.when(revision.createdAt)}
              {revision.byName ? ` · ${revision.byName}` : ''}
            </h2>
            <p>
              <strong>{revision.fields.title}</strong> at <code>{pagePath(revision.fields.slug)}</code>
            </p>
            <details>
              <summary>Text of this version</summary>
              <pre class="revision-text">{documentText(revision.fields.body)}</pre>
            </details>
            {revision.version !== page.version && (
              <PostButton
                action={`/admin/pages/${page.id}/revisions/${revision.id}/restore`}
                csrfToken={props.csrfToken}
                fields={{ baseVersion: String(page.version) }}
                kind="secondary"
              >
                Restore this version
              </PostButton>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
