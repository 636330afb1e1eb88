// The article page's <head>: what search engines, social networks and phones read of a story.
import { absoluteMediaUrl, type MediaItem } from '../../media/media.js';
import { sectionPath } from '../../site/sections.js';
import { absoluteUrl, type SiteContext } from '../../site/site-context.js';
import { articleDateModified, newsArticleJsonLd } from '../json-ld/news-article.js';
import { articleDescription, MAX_DESCRIPTION, truncateText } from '../json-ld/text.js';
import { type Article, articlePath, authorPath } from '../model.js';
import { CommonHead, JsonLdScript, pageTitle } from './common-head.js';
import { cardVariant, searchTitle, socialDescription, socialImageOf, socialTitle } from './sharing.js';

/** The card's image as a crawler-safe (JPEG/PNG) variant about 1,200 wide, with its absolute URL and size. */
function cardImage(ctx: SiteContext, item: MediaItem | null) {
  const variant = item ? cardVariant(item.variants) : undefined;
  if (!item || !variant) return null;
  return {
    url: absoluteMediaUrl(ctx.baseUrl, variant.key),
    type: variant.format === 'jpeg' ? 'image/jpeg' : `image/${variant.format}`,
    width: variant.width,
    height: variant.height,
    alt: item.altText,
  };
}

export function ArticleHead(props: { article: Article; ctx: SiteContext }) {
  const { article, ctx } = props;
  const { settings } = ctx;
  const corrections = article.corrections;
  const url = absoluteUrl(ctx, articlePath(article.slug));
  const description = articleDescription(article);
  const sharing = { ...article, searchDescription: description };
  const cardTitle = socialTitle(sharing);
  const cardDescription = truncateText(socialDescription(sharing), MAX_DESCRIPTION);
  // Without a social image or a hero the newsroom's logo stands in, so a shared link still shows whose story it is.
  const image = cardImage(ctx, socialImageOf(article.socialImage, article.hero, ctx.logo));
  const section = article.section;
  return (
    <>
      <title>{pageTitle(searchTitle(article), settings)}</title>
      <CommonHead
        ctx={ctx}
        description={description}
        url={url}
        canonical={article.canonicalUrl ?? undefined}
        noindex={article.noindex}
      />
      <meta property="og:type" content="article" />
      <meta property="og:title" content={cardTitle} />
      {cardDescription && <meta property="og:description" content={cardDescription} />}
      {image && (
        <>
          <meta property="og:image" content={image.url} />
          <meta property="og:image:type" content={image.type} />
          <meta property="og:image:width" content={String(image.width)} />
          <meta property="og:image:height" content={String(image.height)} />
          {image.alt && <meta property="og:image:alt" content={image.alt} />}
        </>
      )}
      <meta property="article:published_time" content={new Date(article.publishedAt).toISOString()} />
      <meta property="article:modified_time" content={articleDateModified(article, corrections)} />
      {section && <meta property="article:section" content={section.name} />}
      {article.tags.map((t) => (
        <meta property="article:tag" content={t.name} />
      ))}
      {article.authors.map((a) => (
        <meta property="article:author" content={absoluteUrl(ctx, authorPath(a.slug))} />
      ))}
      <meta name="twitter:card" content={image ? 'summary_large_image' : 'summary'} />
      <meta name="twitter:title" content={cardTitle} />
      {cardDescription && <meta name="twitter:description" content={cardDescription} />}
      {image && <meta name="twitter:image" content={image.url} />}
      {image?.alt && <meta name="twitter:image:alt" content={image.alt} />}
      <link rel="alternate" type="application/rss+xml" title={settings.siteName} href="/feed.xml" />
      {section && (
        <link
          rel="alternate"
          type="application/rss+xml"
          title={`${settings.siteName}: ${section.name}`}
          href={`${sectionPath(section.slug)}/feed.xml`}
        />
      )}
      <JsonLdScript value={newsArticleJsonLd(article, ctx, corrections)} />
    </>
  );
}
