// Who wrote the story, where from, and when it was published and last updated, in the site's time zone.
import type { SiteContext } from '../../site/site-context.js';
import { readableDate } from '../../views/dates.js';
import { type Article, authorPath } from '../model.js';

export function Byline(props: { article: Article; ctx: SiteContext }) {
  const { article, ctx } = props;
  const { language, timeZone } = ctx.settings;
  return (
    <>
      {article.authors.length > 0 && (
        <p class="byline">
          By{' '}
          {article.authors.map((a, i) => (
            <>
              {i > 0 && (i === article.authors.length - 1 ? ' and ' : ', ')}
              <a href={authorPath(a.slug)} rel="author">
                {a.name}
              </a>
            </>
          ))}
          {article.dateline && (
            <>
              {' · '}
              <span class="dateline">{article.dateline}</span>
            </>
          )}
        </p>
      )}
      <p class="dates">
        Published{' '}
        <time datetime={article.publishedAt}>
          {readableDate(article.publishedAt, language, timeZone, true)}
        </time>
        {article.updatedAt && article.updatedAt > article.publishedAt && (
          <>
            {' · Updated '}
            <time datetime={article.updatedAt}>
              {readableDate(article.updatedAt, language, timeZone, true)}
            </time>
          </>
        )}
      </p>
    </>
  );
}
