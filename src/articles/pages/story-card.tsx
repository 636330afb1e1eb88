// One story in a list: used by the home, section, tag and author pages.
import { Picture } from '../../media/picture.js';
import type { SiteContext } from '../../site/site-context.js';
import { readableDate } from '../../views/dates.js';
import { type ArticleSummary, articlePath, WORK_TYPE_LABELS } from '../model.js';

export function StoryMeta(props: { article: ArticleSummary; ctx: SiteContext }) {
  const { article, ctx } = props;
  return (
    <p class="meta">
      {article.workType !== 'news' && <span class="work-type">{WORK_TYPE_LABELS[article.workType]}</span>}{' '}
      {article.authors.length > 0 && <>By {article.authors.map((a) => a.name).join(', ')} · </>}
      <time datetime={article.publishedAt}>
        {readableDate(article.publishedAt, ctx.settings.language, ctx.settings.timeZone)}
      </time>
    </p>
  );
}

export function StoryCard(props: {
  article: ArticleSummary;
  ctx: SiteContext;
  headingLevel?: 2 | 3;
  image?: boolean;
}) {
  const { article, ctx } = props;
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <li class="story">
      {props.image !== false && article.hero && (
        <figure>
          <Picture item={article.hero} sizes="(min-width: 64rem) 22rem, (min-width: 48rem) 45vw, 100vw" />
        </figure>
      )}
      <Heading>
        <a href={articlePath(article.slug)}>{article.headline}</a>
      </Heading>
      {article.dek && <p>{article.dek}</p>}
      <StoryMeta article={article} ctx={ctx} />
    </li>
  );
}
