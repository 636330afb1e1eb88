// The <head> of the home page and of section, tag and author lists, with their feeds and neighbours.
import { absoluteUrl, type SiteContext } from '../../site/site-context.js';
import { CommonHead, JsonLdScript, LogoImage, pageTitle } from './common-head.js';

export interface FeedPaths {
  rss: string;
  atom: string;
  json: string;
}

const FEED_TYPES: Array<[keyof FeedPaths, string, string]> = [
  ['rss', 'application/rss+xml', 'RSS'],
  ['atom', 'application/atom+xml', 'Atom'],
  ['json', 'application/feed+json', 'JSON Feed'],
];

/** The head of the home page and of section, tag and author archives. */
export function ListingHead(props: {
  ctx: SiteContext;
  title: string;
  description: string;
  /** The page's own path, with its page number. */
  path: string;
  feeds?: FeedPaths;
  /** What a feed reader calls the feeds; the page title by default, which on page 2 names the page. */
  feedTitle?: string;
  jsonLd: object;
  prev?: string;
  next?: string;
}) {
  const { ctx } = props;
  const { settings } = ctx;
  const url = absoluteUrl(ctx, props.path);
  const title = pageTitle(props.title, settings);
  const description = props.description.trim();
  const feedTitle = props.feedTitle ? pageTitle(props.feedTitle, settings) : title;
  return (
    <>
      <title>{title}</title>
      <CommonHead ctx={ctx} description={description} url={url} />
      <meta property="og:type" content="website" />
      <meta property="og:title" content={title} />
      {description && <meta property="og:description" content={description} />}
      <meta name="twitter:card" content="summary" />
      <LogoImage ctx={ctx} />
      {props.prev && <link rel="prev" href={absoluteUrl(ctx, props.prev)} />}
      {props.next && <link rel="next" href={absoluteUrl(ctx, props.next)} />}
      {props.feeds &&
        FEED_TYPES.map(([key, type, label]) => (
          <link rel="alternate" type={type} title={`${feedTitle} (${label})`} href={props.feeds![key]} />
        ))}
      <JsonLdScript value={props.jsonLd} />
    </>
  );
}
