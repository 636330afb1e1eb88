// The preview: the real reader page of the saved draft, framed at a phone's width and at a desktop width
// side by side, so the editor sees both before publishing.

import { STATUS_LABELS } from '../article-status.js';
import type { EditableArticle } from '../editable.js';

export function PreviewPage(props: { article: EditableArticle; when: (iso: string) => string }) {
  const { article } = props;
  const frame = `/admin/articles/${article.id}/preview/page?v=${article.version}`;
  return (
    <>
      <p>
        <a href={`/admin/articles/${article.id}`}>← Back to editing</a>
      </p>
      <h1>Preview</h1>
      <p class="hint">
        Version {article.version} ({STATUS_LABELS[article.status].toLowerCase()}
        {article.savedAt ? `, saved ${props.when(article.savedAt)}` : ''}), exactly as readers will see it.{' '}
        <a href={frame} target="_blank" rel="noopener">
          Open it on its own
        </a>
        .
      </p>
      <div class="preview-frames">
        <figure class="preview-phone">
          <iframe src={frame} title="The article on a phone (375 pixels wide)" width="375" height="740" />
          <figcaption>Phone, 375 px</figcaption>
        </figure>
        <figure class="preview-desktop">
          <div class="preview-desktop-scroll">
            <iframe
              src={frame}
              title="The article on a desktop screen (1280 pixels wide)"
              width="1280"
              height="900"
            />
          </div>
          <figcaption>Desktop, 1280 px (drawn at half size)</figcaption>
        </figure>
      </div>
    </>
  );
}
