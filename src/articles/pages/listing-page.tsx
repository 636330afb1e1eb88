// Section, tag and author pages: a paginated archive of published stories with its own feeds.
import type { ComponentChildren } from 'preact';
import type { SiteContext } from '../../site/site-context.js';
import { Layout } from '../../views/layout.js';
import { ListingHead } from '../head/listing-head.js';
import type { ArticleSummary, Page } from '../model.js';
import { StoryCard } from './story-card.js';

export interface Listing {
  title: string;
  description: string;
  /** The listing's own path, without a page number. */
  path: string;
  feedBase: string;
  page: Page<ArticleSummary>;
  currentSection?: string;
  intro?: ComponentChildren;
  jsonLd: object;
}

export function pagePath(path: string, page: number): string {
  return page <= 1 ? path : `${path}?page=${page}`;
}

export function ListingPage(props: { listing: Listing; ctx: SiteContext }) {
  const { listing, ctx } = props;
  const { page } = listing;
  const feeds = {
    rss: `${listing.feedBase}/feed.xml`,
    atom: `${listing.feedBase}/atom.xml`,
    json: `${listing.feedBase}/feed.json`,
  };
  const title = page.page > 1 ? `${listing.title} (page ${page.page})` : listing.title;
  return (
    <Layout
      ctx={ctx}
      currentSection={listing.currentSection}
      head={
        <ListingHead
          ctx={ctx}
          title={title}
          description={listing.description}
          path={pagePath(listing.path, page.page)}
          feeds={feeds}
          feedTitle={listing.title}
          jsonLd={listing.jsonLd}
          prev={page.page > 1 ? pagePath(listing.path, page.page - 1) : undefined}
          next={page.page < page.pages ? pagePath(listing.path, page.page + 1) : undefined}
        />
      }
    >
      <h1 class="page-title">{title}</h1>
      {listing.intro}
      {listing.description && <p class="page-intro">{listing.description}</p>}
      <p class="feed-links">
        Follow: <a href={feeds.rss}>RSS</a> · <a href={feeds.atom}>Atom</a> ·{' '}
        <a href={feeds.json}>JSON Feed</a>
      </p>
      {page.items.length === 0 ? (
        <p>No stories have been published here yet.</p>
      ) : (
        <ul class="story-list">
          {page.items.map((a) => (
            <StoryCard article={a} ctx={ctx} />
          ))}
        </ul>
      )}
      {page.pages > 1 && (
        <nav class="pagination" aria-label="Pages">
          {page.page > 1 ? (
            <a href={pagePath(listing.path, page.page - 1)} rel="prev">
              ← Newer stories
            </a>
          ) : (
            <span />
          )}
          <span>
            Page {page.page} of {page.pages}
          </span>
          {page.page < page.pages ? (
            <a href={pagePath(listing.path, page.page + 1)} rel="next">
              Older stories →
            </a>
          ) : (
            <span />
          )}
        </nav>
      )}
    </Layout>
  );
}
