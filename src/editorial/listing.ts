// The newsroom's list of articles: filtered by status, section and author, searched by headline, dek and
// body (every status: the search index holds drafts too), paginated.
// Editors see every article; a contributor sees the ones they created.
import type { Kysely } from 'kysely';
import { hasRole, type StaffMember } from '../admin/guardian.js';
import { Invalid, NotFound } from '../http/errors.js';
import { articleTextMatches } from '../search/staff-search.js';
import { listSections, type SectionRef } from '../site/sections.js';
import type { ArticleStatus, Database } from '../storage/schema.js';
import { STATUS_LABELS } from './article-status.js';
import { countArticleList, type ListFilter, selectArticleList, selectBylines } from './queries/list.js';

export const PER_PAGE = 25;

export interface ListQuery {
  status: ArticleStatus | '';
  sectionId: number | null;
  authorId: number | null;
  search: string;
  page: number;
}

export interface ListedArticle {
  id: number;
  slug: string;
  headline: string;
  status: ArticleStatus;
  section: SectionRef | null;
  authors: string[];
  publishedAt: string | null;
  scheduledAt: string | null;
  modifiedAt: string;
  createdBy: number | null;
}

function text(query: Record<string, unknown>, name: string): string {
  const value = query[name];
  return typeof value === 'string' ? value.trim() : '';
}

function idOrNull(value: string, label: string): number | null {
  if (value === '') return null;
  if (!/^[1-9][0-9]{0,9}$/.test(value)) throw new Invalid(`Choose a ${label} from the list.`);
  return Number(value);
}

/** Reads the list's query string; anything malformed is a clear 400, not an empty list. */
export function readListQuery(input: unknown): ListQuery {
  const query = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const status = text(query, 'status');
  if (status !== '' && !(status in STATUS_LABELS)) throw new Invalid('Choose a status from the list.');
  const page = text(query, 'page') || '1';
  if (!/^[1-9][0-9]{0,5}$/.test(page)) throw new Invalid('The page number must be a whole number such as 2.');
  return {
    status: status as ArticleStatus | '',
    sectionId: idOrNull(text(query, 'section'), 'section'),
    authorId: idOrNull(text(query, 'author'), 'author'),
    search: text(query, 'q').slice(0, 200),
    page: Number(page),
  };
}

export async function listArticles(db: Kysely<Database>, actor: StaffMember, query: ListQuery) {
  const filter: ListFilter = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.sectionId ? { sectionId: query.sectionId } : {}),
    ...(query.authorId ? { authorId: query.authorId } : {}),
    // Part of a word still finds a headline; whole words (and "phrases", prefix*) are found in bodies too.
    ...(query.search ? { search: query.search, textMatch: await articleTextMatches(db, query.search) } : {}),
    ...(hasRole(actor, 'editor') ? {} : { createdBy: actor.id }),
  };
  const [rows, total, sections] = await Promise.all([
    selectArticleList(db, filter, PER_PAGE, (query.page - 1) * PER_PAGE),
    countArticleList(db, filter),
    listSections(db),
  ]);
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  if (query.page > pages) throw new NotFound('There is no such page in this list.');
  const bylines = await selectBylines(
    db,
    rows.map((r) => r.id),
  );
  const items: ListedArticle[] = rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    headline: r.headline,
    status: r.status,
    section: sections.find((s) => s.id === r.section_id) ?? null,
    authors: bylines.filter((b) => b.article_id === r.id).map((b) => b.name),
    publishedAt: r.published_at,
    scheduledAt: r.scheduled_at,
    modifiedAt: r.modified_at,
    createdBy: r.created_by,
  }));
  return { items, total, page: query.page, pages };
}
