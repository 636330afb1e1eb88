// Where an image is used, as the library, its alerts and the image's page list it: the site logo, articles
// (linked to the editor, with their status and role), unpublished ones the viewer may not see, and authors.
import type { ArticleStatus } from '../../../storage/schema.js';
import type { LibraryEntry } from '../browse.js';
import type { MediaRole } from '../usage.js';

const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: 'draft',
  review: 'in review',
  scheduled: 'scheduled',
  published: 'published',
  unpublished: 'unpublished',
};

const ROLE_LABELS: Record<MediaRole, string> = { hero: 'hero', body: 'body', social: 'social image' };

/** Where the editor opens an article. */
export function articleEditPath(articleId: number): string {
  return `/admin/articles/${articleId}`;
}

export function UsesList(props: { uses: LibraryEntry['uses']; isLogo: boolean }) {
  const { articles, authors, hiddenArticles } = props.uses;
  if (articles.length === 0 && authors.length === 0 && hiddenArticles === 0 && !props.isLogo) {
    return <p class="muted uses">Not used yet.</p>;
  }
  return (
    <div class="uses">
      <p class="uses-title">Used in:</p>
      <ul>
        {props.isLogo && <li>the site logo</li>}
        {articles.map((a) => (
          <li>
            <a href={articleEditPath(a.articleId)}>{a.headline || `Article ${a.articleId}`}</a>{' '}
            <span class="muted">
              ({STATUS_LABELS[a.status]}, {a.roles.map((r) => ROLE_LABELS[r]).join(' and ')})
            </span>
          </li>
        ))}
        {hiddenArticles > 0 && (
          <li>
            {hiddenArticles === 1 ? 'an unpublished article' : `${hiddenArticles} unpublished articles`} by
            others
          </li>
        )}
        {authors.map((a) => (
          <li>
            photo of {a.name} <span class="muted">(author profile)</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
